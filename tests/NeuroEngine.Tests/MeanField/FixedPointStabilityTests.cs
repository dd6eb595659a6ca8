using System.Numerics;
using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class FixedPointStabilityTests
{
    private static Complex C(double re, double im = 0) => new(re, im);

    [Test]
    public void LabelRulesFollowTheReferenceOrder()
    {
        Assert.That(FixedPointStability.Label([C(-1), C(-2)]), Is.EqualTo("stable node"));
        Assert.That(FixedPointStability.Label([C(-1, 2), C(-1, -2)]), Is.EqualTo("stable node")); // a stable focus is called a node
        Assert.That(FixedPointStability.Label([C(1), C(2)]), Is.EqualTo("unstable node"));
        Assert.That(FixedPointStability.Label([C(2, 1), C(2, -1)]), Is.EqualTo("unstable node"));
        Assert.That(FixedPointStability.Label([C(-1), C(2)]), Is.EqualTo("saddle"));
        Assert.That(FixedPointStability.Label([C(-3), C(2, 5), C(2, -5)]), Is.EqualTo("saddle")); // the reference's clustered states
        Assert.That(FixedPointStability.Label([C(0, 1), C(0, -1), C(-1)]), Is.EqualTo("spiral saddle"));
        Assert.That(FixedPointStability.Label([C(5e-7, 1), C(5e-7, -1)]), Is.EqualTo("spiral saddle"));
        Assert.That(FixedPointStability.Label([C(0), C(-1)]), Is.EqualTo("neutral / marginal"));
        Assert.That(FixedPointStability.Label([C(0.9e-6), C(-0.9e-6)]), Is.EqualTo("neutral / marginal")); // tolerance 1e-6
        Assert.That(FixedPointStability.Label([C(double.NaN)]), Is.EqualTo("undefined (numerical issues)"));
    }

    [Test]
    public void ClassifySortsEigenvaluesByRealThenImaginaryPart()
    {
        // block diagonal: a rotation-like block with eigenvalues 1 +- 2i, and -3
        var (eig, label) = FixedPointStability.Classify(new double[,] { { 1, -2, 0 }, { 2, 1, 0 }, { 0, 0, -3 } });
        Assert.That(eig.Select(e => e.Real), Is.EqualTo(new[] { -3.0, 1.0, 1.0 }).Within(1e-12));
        Assert.That(eig.Select(e => e.Imaginary), Is.EqualTo(new[] { 0.0, -2.0, 2.0 }).Within(1e-12));
        Assert.That(label, Is.EqualTo("saddle"));
        var (nanEig, nanLabel) = FixedPointStability.Classify(new double[,] { { double.PositiveInfinity } });
        Assert.That(nanLabel, Is.EqualTo("undefined (numerical issues)"));
        Assert.That(double.IsNaN(nanEig.Single().Real));
    }

    [Test]
    public void BrunelJacobianMatchesScipyForUnitAndMembraneDynamics()
    {
        // scipy: forward differences (eps 1e-6) of -F at the fixed point, numpy.linalg.eigvals: -2.275919, -1
        var model = MeanFieldModels.Brunel();
        double nu = MeanFieldModels.BrunelRateHz;
        var (unit, unitLabel) = FixedPointStability.Analyze(model, [nu, nu]);
        Assert.That(unit.Select(e => e.Real), Is.EqualTo(new[] { -2.275919, -1.0 }).Within(1e-5));
        Assert.That(unitLabel, Is.EqualTo("stable node"));
        // tau_m d nu/dt = -nu + Phi with tau_m = 0.02 s: eigenvalues / 0.02, in 1/s
        var (membrane, membraneLabel) = FixedPointStability.Analyze(model, [nu, nu], MeanFieldDynamics.Membrane);
        for (int i = 0; i < 2; i++) Assert.That(membrane[i].Real, Is.EqualTo(unit[i].Real / 0.020).Within(1e-9));
        Assert.That(membraneLabel, Is.EqualTo("stable node"));
    }

    [Test]
    public void MembraneDynamicsDividesEachRowByItsTimeConstant()
    {
        var model = MeanFieldModels.Brunel() with { TauMMs = [20, 10] };
        var rates = new[] { 30.0, 40.0 };
        var unit = FixedPointStability.Jacobian(model, rates);
        var membrane = FixedPointStability.Jacobian(model, rates, MeanFieldDynamics.Membrane);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.That(membrane[i, j], Is.EqualTo(unit[i, j] / (model.TauMMs[i] / 1000)).Within(1e-12 * Math.Abs(membrane[i, j]) + 1e-15));
        // the unit Jacobian is DPhi - I: the diagonal of a weakly coupled model is close to -1
        var weak = MeanFieldModels.Brunel() with { J = new double[,] { { 1e-6, 0 }, { 0, 1e-6 } } };
        var jw = FixedPointStability.Jacobian(weak, [1.0, 1.0]);
        Assert.That(jw[0, 0], Is.EqualTo(-1).Within(1e-3));
        Assert.That(jw[0, 1], Is.EqualTo(0).Within(1e-9));
    }

    [Test]
    public void RejectsBadArguments()
    {
        var model = MeanFieldModels.Brunel();
        Assert.Throws<ArgumentException>(() => FixedPointStability.Jacobian(model, [1.0]));
        Assert.Throws<ArgumentException>(() => FixedPointStability.Jacobian(model, [1.0, 1.0], (MeanFieldDynamics)7));
        Assert.Throws<ArgumentException>(() => FixedPointStability.Classify(new double[2, 3]));
    }
}
