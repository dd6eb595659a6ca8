using MathNet.Numerics.Distributions;
using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

/// <summary>Interval coverage on an exact Gaussian posterior and on hand cases.</summary>
public class CoverageTests
{
    [Test]
    public void ExactGaussianPosteriorCoversAtItsLevels()
    {
        // mu ~ N(0, 1), x ~ N(mu, 1): the posterior is N(x / 2, 1 / 2); 2,000 rows of 200 draws.
        // Standard error of a coverage is at most sqrt(0.25 / 2000) = 0.011, so 0.03 is about 3 SE.
        const int rows = 2000, draws = 200;
        var rng = new System.Random(21);
        var truth = new double[rows][];
        var samples = new double[rows][][];
        for (int i = 0; i < rows; i++)
        {
            double mu = Normal.Sample(rng, 0, 1), x = Normal.Sample(rng, mu, 1);
            truth[i] = [mu];
            samples[i] = new double[draws][];
            for (int d = 0; d < draws; d++) samples[i][d] = [Normal.Sample(rng, x / 2, Math.Sqrt(0.5))];
        }
        var coverage = Coverage.Compute(truth, samples, Coverage.DefaultLevels);
        Assert.That(coverage, Has.Length.EqualTo(4));
        for (int k = 0; k < 4; k++)
            Assert.That(coverage[k][0], Is.EqualTo(Coverage.DefaultLevels[k]).Within(0.03), $"level {Coverage.DefaultLevels[k]}");
    }

    [Test]
    public void IntervalEndsAreIncludedAndComputedPerParameter()
    {
        // draws 0..4: the 50% interval is [1, 3]; truths 1 (on the end), 3.5 (outside) and -1 / 2 for the second column
        double[][][] draws = [Enumerable.Range(0, 5).Select(v => new double[] { v, v }).ToArray(),
                              Enumerable.Range(0, 5).Select(v => new double[] { v, v }).ToArray()];
        var c = Coverage.Compute([[1, -1], [3.5, 2]], draws, [0.5, 1.0]);
        Assert.That(c[0], Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(c[1], Is.EqualTo(new[] { 1.0, 0.5 }), "level 1 spans [0, 4]");
    }

    [Test]
    public void BadInputIsRejectedNamingTheParameter()
    {
        double[][][] draws = [[[0.0], [1.0]], [[0.0], [1.0]]];
        var e = Assert.Throws<ArgumentException>(() => Coverage.Compute([[0.0]], draws, Coverage.DefaultLevels));
        Assert.That(e!.ParamName, Is.EqualTo("draws"));
        Assert.That(e.Message, Does.Contain("2 rows, expected 1"));
        e = Assert.Throws<ArgumentException>(() => Coverage.Compute([[0.0], [1.0]], draws, [0.5, 0]));
        Assert.That(e!.ParamName, Is.EqualTo("levels"));
        e = Assert.Throws<ArgumentException>(() => Coverage.Compute([[0.0], [double.NaN]], draws, [0.5]));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));
        e = Assert.Throws<ArgumentException>(() => Coverage.Compute([], [], [0.5]));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));
    }
}
