using NeuroEngine.Inference.Posterior;
using NeuroEngine.Pipelines;
using NUnit.Framework;

namespace NeuroEngine.Tests.Pipelines;

/// <summary>The six-parameter LIF problem end to end (docs/inference.md, Pipelines): 20,000 batched
/// simulations from the prior, summary features, an MDN posterior, then SBC on 1,000 fresh data sets
/// with 100 draws each, recovery, and PPC-lite.</summary>
public class SbiLifPipelineTests
{
    private static SbiLifResult? _result;

    private static SbiLifResult Result => _result ??= SbiLifPipeline.Run(new SbiLifOptions
    {
        Estimator = "mdn", Training = new NpeTrainingOptions { MaxEpochs = 40 }, PpcObservations = 20, PpcDraws = 200,
    });

    [Test]
    public void VThresholdAndTauMAreRecovered()
    {
        var recovery = Result.Diagnostics.Recovery.ToDictionary(r => r.Parameter);
        Assert.That(recovery["V_th"].R2, Is.GreaterThanOrEqualTo(0.8));
        Assert.That(recovery["tau_m"].R2, Is.GreaterThanOrEqualTo(0.8));
    }

    [Test]
    public void SbcUniformityIsNotRejectedAtOnePercent()
    {
        TestContext.Out.WriteLine(string.Join(", ", Result.Diagnostics.Sbc!.Select(t => $"{t.Parameter} p={t.PValue:G3}")));
        TestContext.Out.WriteLine(string.Join(", ", Result.Diagnostics.Recovery.Select(r => $"{r.Parameter} R2={r.R2:F3}")));
        foreach (var test in Result.Diagnostics.Sbc!)
            Assert.That(test.PValue, Is.GreaterThan(0.01), $"{test.Parameter}: chi2 {test.ChiSquare:F1} over {test.Bins} bins");
        Assert.That(Result.Diagnostics.Draws, Is.EqualTo(100));
        Assert.That(Result.Diagnostics.Rows, Is.EqualTo(1000));
    }

    [Test]
    public void CredibleIntervalsCoverNearTheirLevel()
    {
        var d = Result.Diagnostics;
        for (int l = 0; l < d.CoverageLevels!.Length; l++)
            foreach (double c in d.Coverage![l])
                Assert.That(c, Is.EqualTo(d.CoverageLevels[l]).Within(0.08), $"level {d.CoverageLevels[l]}");
    }

    [Test]
    public void PosteriorPredictiveChecksLookLikeTheObservations()
    {
        var ppc = Result.Ppc;
        Assert.That(ppc, Has.Length.EqualTo(20));
        // the observed trace lies in the 90% predictive band about 90% of the time
        Assert.That(ppc.Average(p => p.Coverage90), Is.InRange(0.8, 0.97));
        // and its spike count is not extreme under the posterior: for a posterior that matches, the
        // mid-rank percentile has mean 0.5 and variance at most 1/12 (a uniform's; a posterior predictive
        // check concentrates it further), so the mean of 20 lies within 4 standard errors of 0.5.
        // Not the <= fraction (SpikePercentile): counts tie with most draws here (0.98 against a
        // mid-rank of 0.6), so its mean sits near 0.8 for an exact posterior and moves with the noise.
        double se = Math.Sqrt(1.0 / 12 / ppc.Length);
        Assert.That(ppc.Average(p => p.SpikeMidPercentile), Is.EqualTo(0.5).Within(4 * se));
        // predictive median vs observed below threshold: dominated by the 1 mV observation noise and
        // the input noise, a few mV at most
        Assert.That(ppc.Where(p => double.IsFinite(p.SubthresholdMae)).Average(p => p.SubthresholdMae), Is.LessThan(5));
    }

    [Test]
    public void BadOptionsAreNamed()
    {
        Assert.That(() => SbiLifPipeline.Run(new SbiLifOptions { TrainSimulations = 5 }), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("TrainSimulations"));
        Assert.That(() => SbiLifPipeline.Run(new SbiLifOptions { Estimator = "forest" }), Throws.ArgumentException.With.Message.Contains("mdn or flow"));
    }
}
