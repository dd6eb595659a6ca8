using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

/// <summary>PPC-lite on traces built so that band, median and percentile are known.</summary>
public class PosteriorPredictiveTests
{
    private const int T = 10;

    /// <summary>Base trace -70 + s and 21 predictive traces base + (m - 10): per sample the 5th..95th
    /// percentile band is base -9..+9 and the median is the base.</summary>
    private static (float[] Observed, float[][] Predictive) Traces()
    {
        var observed = new float[T];
        for (int s = 0; s < T; s++) observed[s] = -70 + s + (s % 2 == 0 ? 5 : 20);   // inside on even samples only
        var predictive = Enumerable.Range(0, 21).Select(m => Enumerable.Range(0, T).Select(s => (float)(-70 + s + m - 10)).ToArray()).ToArray();
        return (observed, predictive);
    }

    [Test]
    public void ConstructedTracesGiveKnownSummaries()
    {
        var (observed, predictive) = Traces();
        var ppc = PosteriorPredictive.Lite(observed, 4, predictive, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], medianVTh: 0);
        Assert.That(ppc.Coverage90, Is.EqualTo(0.5));
        Assert.That(ppc.SpikePercentile, Is.EqualTo(0.5), "counts 0..4 of 0..9 are <= 4");
        Assert.That(ppc.SpikeMidPercentile, Is.EqualTo(0.45), "0..3 below, one tie counted half: 4.5 of 10");
        Assert.That(ppc.SubthresholdMae, Is.EqualTo((5 * 5 + 5 * 20) / 10.0).Within(1e-12));

        // threshold -60: even samples are -65, -63, ..., -57, so -65, -63, -61 lie below it (error 5 each); odd ones never
        var some = PosteriorPredictive.Lite(observed, 4, predictive, [4], medianVTh: -60);
        Assert.That(some.SubthresholdMae, Is.EqualTo(5.0).Within(1e-12));
        Assert.That(some.SpikePercentile, Is.EqualTo(1.0));
        Assert.That(some.SpikeMidPercentile, Is.EqualTo(0.5), "a tie with every draw is the middle, not the top");
    }

    [Test]
    public void NoSubthresholdSampleGivesNaN()
    {
        var (observed, predictive) = Traces();
        Assert.That(double.IsNaN(PosteriorPredictive.Lite(observed, 0, predictive, [1], medianVTh: -100).SubthresholdMae), Is.True);
    }

    [Test]
    public void BadInputIsRejectedNamingTheParameter()
    {
        var (observed, predictive) = Traces();
        var e = Assert.Throws<ArgumentException>(() => PosteriorPredictive.Lite(observed, 0, [predictive[0], new float[T - 1]], [1], 0));
        Assert.That(e!.ParamName, Is.EqualTo("predictiveVoltages"));
        Assert.That(e.Message, Does.Contain("predictiveVoltages[1] has 9 samples"));
        e = Assert.Throws<ArgumentException>(() => PosteriorPredictive.Lite(observed, 0, [], [1], 0));
        Assert.That(e!.ParamName, Is.EqualTo("predictiveVoltages"));
        e = Assert.Throws<ArgumentException>(() => PosteriorPredictive.Lite([], 0, predictive, [1], 0));
        Assert.That(e!.ParamName, Is.EqualTo("observedVoltage"));
        observed[3] = float.NaN;
        e = Assert.Throws<ArgumentException>(() => PosteriorPredictive.Lite(observed, 0, predictive, [1], 0));
        Assert.That(e!.ParamName, Is.EqualTo("observedVoltage"));
        Assert.That(e.Message, Does.Contain("observedVoltage[3]").And.Contain("NaN"));
        e = Assert.Throws<ArgumentException>(() => PosteriorPredictive.Lite(Traces().Observed, 0, predictive, [], 0));
        Assert.That(e!.ParamName, Is.EqualTo("predictiveSpikeCounts"));
    }
}
