using NeuroEngine.Search;
using NUnit.Framework;

namespace NeuroEngine.Tests.Search;

public class Nsga2Tests
{
    private static Nsga2 Run(int variant, int dimension, int generations, ulong seed)
    {
        var nsga = new Nsga2(dimension, seed, populationSize: 100);
        for (int g = 0; g < generations; g++)
        {
            var points = nsga.Ask();
            nsga.Tell(points.Select(x => { var (f1, f2) = TestProblems.Zdt(variant, x); return new[] { f1, f2 }; }).ToArray());
        }
        return nsga;
    }

    // hypervolume of the true front against (1.1, 1.1): ZDT1 0.1 + 2/3 + 0.11 = 0.8767, ZDT2 0.1 + 1/3 + 0.11 = 0.5433
    [TestCase(1, 0.8767, 0.85)]
    [TestCase(2, 0.5433, 0.52)]
    public void ApproachesTheZdtFrontWithinBudget(int variant, double optimum, double minimum)
    {
        var nsga = Run(variant, 30, 200, 1); // 20,000 evaluations
        double hv = ParetoFront.Hypervolume2D(nsga.Front.Select(p => p.Objectives), (1.1, 1.1));
        Assert.That(hv, Is.GreaterThan(minimum).And.LessThanOrEqualTo(optimum + 1e-9));
    }

    [Test]
    public void TheFrontIsNonDominatedAndSeeded()
    {
        var front = Run(1, 10, 30, 2).Front;
        foreach (var a in front)
            foreach (var b in front)
                Assert.That(ParetoFront.Dominates(a.Objectives, b.Objectives), Is.False);
        var again = Run(1, 10, 30, 2).Front;
        Assert.That(again.Select(p => p.Objectives), Is.EqualTo(front.Select(p => p.Objectives)));
    }

    [Test]
    public void SortingAndHypervolumeOnAHandExample()
    {
        double[][] f = [[1, 4], [2, 2], [4, 1], [3, 3], [5, 5]];
        var fronts = ParetoFront.Sort(f);
        Assert.That(fronts[0], Is.EquivalentTo(new[] { 0, 1, 2 }));
        Assert.That(fronts[1], Is.EquivalentTo(new[] { 3 }));
        Assert.That(fronts[2], Is.EquivalentTo(new[] { 4 }));
        // reference (6, 6): staircase areas 5*2 (x from 1) + 4*1 + 2*... computed as union of boxes
        Assert.That(ParetoFront.Hypervolume2D(f, (6, 6)), Is.EqualTo(5 * 2 + 4 * 2 + 2 * 1).Within(1e-12));
        var crowding = ParetoFront.Crowding(f, fronts[0]);
        Assert.That(double.IsPositiveInfinity(crowding[0]) && double.IsPositiveInfinity(crowding[2]), Is.True);
        Assert.That(crowding[1], Is.EqualTo((4 - 1) / 3.0 + (4 - 1) / 3.0).Within(1e-12));
        Assert.That(() => new Nsga2(3, 1, populationSize: 10), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("multiple of 4"));
    }
}
