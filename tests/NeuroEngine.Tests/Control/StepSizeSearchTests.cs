using NeuroEngine.Control;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>neurolib's step rule on a problem whose cost along the search is known: u = s from u = 0 along direction
/// -1, J(s) = (s - 1)^2 / 2 (J0 = 1/2), and a NaN state beyond |u| = 100.</summary>
public class StepSizeSearchTests
{
    private sealed class Parabola(double nanBeyond) : IControlProblem
    {
        public int Rows => 1;
        public int Samples => 1;
        public double DtMs => 1;
        public bool IsFree(int row, int sample) => true;
        public double[,] Integrate(double[,] control) => new[,] { { Math.Abs(control[0, 0]) > nanBeyond ? double.NaN : control[0, 0] } };
        public ControlCost Evaluate(double[,] state, double[,] control) => new(0.5 * (state[0, 0] - 1) * (state[0, 0] - 1), 0, 0);
        public double[,] Gradient(double[,] state, double[,] control) => new[,] { { state[0, 0] - 1 } };
    }

    private static double StepFrom(double step, double direction = -1, double nanBeyond = 100)
    {
        var p = new Parabola(nanBeyond);
        var u = new double[1, 1];
        var x = p.Integrate(u);
        return StepSizeSearch.Search(p, u, x, p.Evaluate(x, u), new[,] { { direction } }, step).Step;
    }

    [TestCase(10.0, 1.25)]      // 10, 5, 2.5 raise the cost; 1.25 lowers it and is kept without a doubling
    [TestCase(0.6, 1.2)]        // lower, so 2s once; 1.2 is still below J0
    [TestCase(0.9, 1.8)]        // 1.8 is worse than 0.9 but below J0: kept, as neurolib compares with J0
    [TestCase(0.25, 0.5)]       // one doubling only, though 1.0 would be better
    [TestCase(1000.0, 1.953125)] // NaN at 1000 and 250, then 62.5 halved five times
    [TestCase(2.0, 0.0)]        // J(2) = J0 exactly: a zero step
    public void StepsAsNeurolib(double start, double accepted) => Assert.That(StepFrom(start), Is.EqualTo(accepted));

    [Test] // an ascent direction: every step raises the cost, so the search ends with a zero step
    public void AscentGivesAZeroStep() => Assert.That(StepFrom(10, direction: 1), Is.EqualTo(0.0));

    [Test] // 29 halvings of 1.5 2^29 reach 1.5 and are accepted; from 1.5 2^30 they reach 3 (still above J0) and the
           // 30th halving's trial, 1.5, is not accepted
    public void TheThirtiethHalvingIsAZeroStep() =>
        Assert.That((StepFrom(1.5 * Math.Pow(2, 29), nanBeyond: double.PositiveInfinity), StepFrom(1.5 * Math.Pow(2, 30), nanBeyond: double.PositiveInfinity)),
            Is.EqualTo((1.5, 0.0)));

    [Test] // a tie with J0 after halving is accepted (not a zero step): 2^k halved to 2, J(2) = J0
    public void TieAfterHalvingIsAccepted() => Assert.That(StepFrom(16), Is.EqualTo(2.0));
}
