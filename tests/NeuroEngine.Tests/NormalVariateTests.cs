using NeuroEngine.Random;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>The engine's Box-Muller normals (EngineRandom.Normal) against N(0, 1).</summary>
public class NormalVariateTests
{
    private const int N = 1_000_000;

    private static double[] Sample(ulong seed, ulong stream)
    {
        var f = new float[N];
        EngineRandom.Normal(seed, stream, 0, f);
        return Array.ConvertAll(f, x => (double)x);
    }

    [TestCase(45ul, 0ul)]
    [TestCase(0xDEADBEEFCAFEul, 123_456_789ul)]
    public void MomentsMatchStandardNormal(ulong seed, ulong stream)
    {
        var x = Sample(seed, stream);
        double m = x.Average();
        double m2 = 0, m4 = 0;
        foreach (double v in x) { double d = v - m; m2 += d * d; m4 += d * d * d * d; }
        m2 /= N; m4 /= N;
        double kurtosis = m4 / (m2 * m2);
        Assert.That(m, Is.EqualTo(0).Within(4 / Math.Sqrt(N)), "mean");
        Assert.That(m2, Is.EqualTo(1).Within(4 * Math.Sqrt(2.0 / N)), "variance");
        Assert.That(kurtosis, Is.EqualTo(3).Within(4 * Math.Sqrt(24.0 / N)), "kurtosis");
        Assert.That(x.All(double.IsFinite), Is.True);
        Assert.That(x.Max(Math.Abs), Is.LessThanOrEqualTo(5.78), "tails are cut at 5.77 sd");
    }

    [TestCase(45ul, 0ul)]
    [TestCase(7ul, 99ul)]
    public void KolmogorovSmirnovDistanceBelowTheCriticalValue(ulong seed, ulong stream)
    {
        var x = Sample(seed, stream);
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < N; i++)
        {
            double f = MathNet.Numerics.Distributions.Normal.CDF(0, 1, x[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / N - f, f - (double)i / N));
        }
        Assert.That(d, Is.LessThan(1.95 / Math.Sqrt(N)), "KS distance (0.1% critical value)");
    }

    [Test]
    public void StreamsAndBlocksAreConsistentAndIndependent()
    {
        var all = new float[400];
        EngineRandom.Normal(45, 3, 0, all);
        var tail = new float[380];
        EngineRandom.Normal(45, 3, 5, tail); // block 5 starts at value 20 (four per block)
        Assert.That(tail, Is.EqualTo(all[20..]));

        var a = Sample(45, 1);
        var b = Sample(45, 2);
        double c = LifTestSupport.Correlation(a, b);
        Assert.That(c, Is.EqualTo(0).Within(4 / Math.Sqrt(N)), "streams 1 and 2 uncorrelated");
        double lag = LifTestSupport.Correlation(a.AsSpan(0, N - 1).ToArray(), a.AsSpan(1).ToArray());
        Assert.That(lag, Is.EqualTo(0).Within(4 / Math.Sqrt(N)), "lag-1 autocorrelation");
    }
}
