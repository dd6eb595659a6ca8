using MathNet.Numerics.Distributions;
using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

/// <summary>SBC ranks and their chi-square uniformity test on calibrated and miscalibrated posteriors.</summary>
public class SbcTests
{
    /// <summary>truth ~ N(0, 1) with 1,000 rows of 99 independent draws from N(shift, scale^2), one parameter.</summary>
    private static int[][] GaussianRanks(int seed, double shift, double scale)
    {
        const int rows = 1000, draws = 99;
        var rng = new System.Random(seed);
        var truth = new double[rows][];
        var samples = new double[rows][][];
        for (int i = 0; i < rows; i++)
        {
            truth[i] = [Normal.Sample(rng, 0, 1)];
            samples[i] = new double[draws][];
            for (int d = 0; d < draws; d++) samples[i][d] = [Normal.Sample(rng, shift, scale)];
        }
        return Sbc.Ranks(truth, samples);
    }

    [Test]
    public void RanksCountDrawsStrictlyBelowTheTruth()
    {
        double[][] truth = [[0.5, 2], [0, -1]];
        double[][][] draws =
        [
            [[0.1, 2], [0.5, 1], [0.9, 3], [0.2, 2]],      // below 0.5: 0.1, 0.2 (0.5 itself is not); below 2: 1
            [[1, -2], [2, -3], [3, -4], [4, -5]],          // below 0: none; below -1: all four
        ];
        Assert.That(Sbc.Ranks(truth, draws), Is.EqualTo(new[] { new[] { 2, 1 }, new[] { 0, 4 } }));
    }

    [Test]
    public void CalibratedPosteriorIsNotRejected()
    {
        var test = Sbc.UniformityTests(GaussianRanks(seed: 7, shift: 0, scale: 1), 99, ["theta"]).Single();
        Assert.That(test.Bins, Is.EqualTo(20));
        Assert.That(test.Draws, Is.EqualTo(99));
        Assert.That(test.PValue, Is.GreaterThan(0.01));
    }

    [Test]
    public void TooNarrowPosteriorIsRejected()
    {
        var test = Sbc.UniformityTests(GaussianRanks(seed: 8, shift: 0, scale: 0.5), 99, ["theta"]).Single();
        Assert.That(test.PValue, Is.LessThan(1e-6));
    }

    [Test]
    public void ShiftedPosteriorIsRejected()
    {
        var test = Sbc.UniformityTests(GaussianRanks(seed: 9, shift: 0.5, scale: 1), 99, ["theta"]).Single();
        Assert.That(test.PValue, Is.LessThan(1e-6));
    }

    [Test]
    public void UnequalBinsUseExactExpectedCounts()
    {
        // L = 29: 30 rank values in 20 bins, so bins hold 1 or 2 values; each value 3 times is exactly uniform
        var ranks = Enumerable.Range(0, 90).Select(i => i % 30).ToArray();
        var test = Sbc.UniformityTest("x", ranks, draws: 29, bins: 20);
        Assert.That(test.Bins, Is.EqualTo(20));
        Assert.That(test.ChiSquare, Is.EqualTo(0.0).Within(1e-12));
        Assert.That(test.PValue, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void SmallCaseMatchesTheChiSquareDistribution()
    {
        // L = 1, 2 bins, ranks 0, 0, 0, 1: expected 2 and 2, statistic 1/2 + 1/2 = 1 with 1 degree of freedom
        var test = Sbc.UniformityTest("x", [0, 0, 0, 1], draws: 1);
        Assert.That(test.Bins, Is.EqualTo(2), "bins are capped at L + 1");
        Assert.That(test.ChiSquare, Is.EqualTo(1.0).Within(1e-15));
        Assert.That(test.PValue, Is.EqualTo(1 - ChiSquared.CDF(1, 1.0)).Within(1e-14));
        Assert.That(test.PValue, Is.EqualTo(0.31731050786291404).Within(1e-14));     // scipy chi2.sf(1, 1)
    }

    [Test]
    public void BadInputIsRejectedNamingTheParameter()
    {
        var e = Assert.Throws<ArgumentException>(() => Sbc.UniformityTest("x", [0, 5, 2], draws: 4));
        Assert.That(e!.ParamName, Is.EqualTo("ranks"));
        Assert.That(e.Message, Does.Contain("ranks[1]").And.Contain("5"));
        e = Assert.Throws<ArgumentException>(() => Sbc.UniformityTest("x", [], draws: 4));
        Assert.That(e!.ParamName, Is.EqualTo("ranks"));
        e = Assert.Throws<ArgumentException>(() => Sbc.UniformityTest("x", [0, 1], draws: 4, bins: 1));
        Assert.That(e!.ParamName, Is.EqualTo("bins"));

        e = Assert.Throws<ArgumentException>(() => Sbc.Ranks([[0.0], [1.0]], [[[0.0], [1.0]], [[0.0]]]));
        Assert.That(e!.ParamName, Is.EqualTo("draws"));
        Assert.That(e.Message, Does.Contain("draws[1] has 1 draws"));
        e = Assert.Throws<ArgumentException>(() => Sbc.Ranks([[0.0], [1.0]], [[[0.0]]]));
        Assert.That(e!.ParamName, Is.EqualTo("draws"));
        e = Assert.Throws<ArgumentException>(() => Sbc.Ranks([[double.NaN]], [[[0.0]]]));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));
        Assert.That(e.Message, Does.Contain("NaN"));
        e = Assert.Throws<ArgumentException>(() => Sbc.Ranks([], []));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));
    }
}
