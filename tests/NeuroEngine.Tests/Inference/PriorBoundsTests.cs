using NeuroEngine.Inference;
using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

public class PriorBoundsTests
{
    [Test]
    public void TruncatedBoundsRejectClippedBoundsClampAndConstraintsReject()
    {
        var bounds = new PriorBounds([0, 0, 0], [1, 1, 1], [false, true, false], [new LinearConstraint([1, 0, -1], -0.1)]);
        bounds.Validate(["a", "b", "c"]);
        double[] inside = [0.2, 0.5, 0.6];
        Assert.That(bounds.Admit(inside), Is.True);
        double[] clipped = [0.2, 1.7, 0.6];
        Assert.That(bounds.Admit(clipped), Is.True);
        Assert.That(clipped[1], Is.EqualTo(1.0), "clipped parameter clamped onto its bound");
        Assert.That(bounds.Admit([1.2, 0.5, 0.6]), Is.False, "truncated parameter outside");
        Assert.That(bounds.Admit([0.55, 0.5, 0.6]), Is.False, "a - c = -0.05 breaks a - c <= -0.1");
        Assert.That(new LinearConstraint([1, 0, -1], -0.1).Describe(["a", "b", "c"]), Is.EqualTo("1 a + -1 c <= -0.1"));
        Assert.That(() => new PriorBounds([0], [0]).Validate(["a"]), Throws.ArgumentException.With.Message.Contains("need low < high"));
        Assert.That(() => new PriorBounds([0], [1], null, [new LinearConstraint([0], 1)]).Validate(["a"]), Throws.ArgumentException.With.Message.Contains("constraints"));
    }

    [Test]
    public void SbcTiesAtAPointMassAreBrokenUniformly()
    {
        // truth and every draw exactly at the bound (a clipped parameter's point mass): counting draws
        // strictly below would put every rank at 0; random tie-breaking spreads them uniformly
        const int rows = 2000, draws = 19;
        var truth = Enumerable.Range(0, rows).Select(_ => new[] { 15.0 }).ToArray();
        var samples = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, draws).Select(_ => new[] { 15.0 }).ToArray()).ToArray();
        Assert.That(Sbc.Ranks(truth, samples).All(r => r[0] == 0), Is.True);
        var ranks = Sbc.Ranks(truth, samples, seed: 3);
        var test = Sbc.UniformityTest("g_L", ranks.Select(r => r[0]).ToArray(), draws);
        Assert.That(test.PValue, Is.GreaterThan(0.01));
        Assert.That(Sbc.Ranks(truth, samples, seed: 3), Is.EqualTo(ranks), "seeded");
    }
}
