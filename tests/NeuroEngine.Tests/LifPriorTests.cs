using MathNet.Numerics.Distributions;
using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>The prior of docs/lif-neurons.md: bounds, ordering constraints, marginals against the documented
/// empirical values (20,000 draws, seed 45) and closed forms, point masses from clipping, seeding.</summary>
public class LifPriorTests
{
    private const int N = 20_000;
    private static readonly LifParameters[] Draws = LifPrior.Default.Sample(N, seed: 45);

    [Test]
    public void BoundsAndOrderingAlwaysHold()
    {
        for (int i = 0; i < N; i++)
        {
            var p = Draws[i];
            string at = $"draw {i}: {p}";
            Assert.That(p.VTh, Is.InRange(-60.0, -50.0), at);
            Assert.That(p.EL, Is.InRange(-75.0, -60.0), at);
            Assert.That(p.VInit, Is.GreaterThanOrEqualTo(-80.0).And.LessThanOrEqualTo(Math.Min(p.EL - 0.5, -65)), at);
            Assert.That(p.VReset, Is.GreaterThanOrEqualTo(-85.0).And.LessThanOrEqualTo(Math.Min(p.VInit - 0.5, -65)), at);
            Assert.That(p.TauM, Is.InRange(5.0, 20.0), at);
            Assert.That(p.GL, Is.InRange(5.0, 15.0), at);
            Assert.That(p.VReset, Is.LessThan(p.VTh), at);
            Assert.DoesNotThrow(() => p.Validate(i));
        }
    }

    // spec: empirical marginals of 20,000 draws (rng seed 45), mean ± sd; excess kurtosis bound for the sd's SE
    [TestCase(0, -54.98, 1.91)]
    [TestCase(5, -69.97, 1.94)]
    [TestCase(4, -72.10, 1.74)]
    [TestCase(3, -74.13, 1.65)]
    [TestCase(1, 10.20, 2.05)]
    [TestCase(2, 10.15, 1.98)]
    public void MarginalMatchesSpecEmpiricalValues(int index, double specMean, double specSd)
    {
        var x = Draws.Select(p => p[index]).ToArray();
        var (mean, variance) = LifTestSupport.MeanVar(x);
        double sd = Math.Sqrt(variance);
        // both samples have N draws: SE of the difference of means sd sqrt(2/N); of sds ~ sd sqrt((kurtosis-1)/(2N)) sqrt 2,
        // with kurtosis <= 4 for these truncated / clipped families; 0.01 for the prior's rounding
        double seMean = specSd * Math.Sqrt(2.0 / N), seSd = specSd * Math.Sqrt(3.0 / N);
        Assert.That(mean, Is.EqualTo(specMean).Within(4 * seMean + 0.01), $"{LifParameters.Names[index]} mean");
        Assert.That(sd, Is.EqualTo(specSd).Within(4 * seSd + 0.01), $"{LifParameters.Names[index]} sd");
    }

    private static (double Mean, double Sd) TruncatedNormalMoments(double mu, double sd, double lo, double hi)
    {
        double a = (lo - mu) / sd, b = (hi - mu) / sd;
        double z = Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a);
        double pa = Normal.PDF(0, 1, a), pb = Normal.PDF(0, 1, b);
        double m = (pa - pb) / z;
        double v = 1 + (a * pa - b * pb) / z - m * m;
        return (mu + sd * m, sd * Math.Sqrt(v));
    }

    [TestCase(0, -55.0, 2.0, -60.0, -50.0)]
    [TestCase(5, -70.0, 2.0, -75.0, -60.0)]
    public void UnconstrainedTruncatedNormalsMatchClosedForm(int index, double mu, double sd, double lo, double hi)
    {
        var (m, s) = TruncatedNormalMoments(mu, sd, lo, hi);
        var (mean, variance) = LifTestSupport.MeanVar(Draws.Select(p => p[index]).ToArray());
        Assert.That(mean, Is.EqualTo(m).Within(4 * s / Math.Sqrt(N)));
        Assert.That(Math.Sqrt(variance), Is.EqualTo(s).Within(4 * s / Math.Sqrt(2.0 * N)));
    }

    [Test]
    public void ClippingCreatesPointMassesAtTheBounds()
    {
        double p15 = Normal.CDF(0, 1, -Math.Log(1.5) / 0.2); // ≈ 0.021
        double frac = Draws.Count(p => p.GL == 15.0) / (double)N;
        Assert.That(frac, Is.EqualTo(p15).Within(4 * Math.Sqrt(p15 * (1 - p15) / N)));
        Assert.That(p15, Is.EqualTo(0.021).Within(0.001));
        // P(g_L = 5) = P(tau_m = 5) = P(tau_m = 20) ≈ Φ(-ln 2 / 0.2) ≈ 2.6e-4: expected 5.3 of 20,000
        double pTail = Normal.CDF(0, 1, -Math.Log(2) / 0.2);
        foreach (var count in new[] { Draws.Count(p => p.GL == 5.0), Draws.Count(p => p.TauM == 5.0), Draws.Count(p => p.TauM == 20.0) })
            Assert.That(count, Is.InRange(0, (int)(N * pTail + 4 * Math.Sqrt(N * pTail)) + 1));
        // no mass strictly at the truncated-normal bounds beyond rounding
        Assert.That(Draws.Count(p => p.VTh == -60.0 || p.VTh == -50.0), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public void SameSeedSameDrawsAndNeuronDrawIndependentOfBatchSize()
    {
        var again = LifPrior.Default.Sample(N, seed: 45);
        Assert.That(again, Is.EqualTo(Draws));
        var small = LifPrior.Default.Sample(17, seed: 45);
        Assert.That(small, Is.EqualTo(Draws.Take(17).ToArray()));
        Assert.That(LifPrior.Default.SampleOne(12_345, seed: 45), Is.EqualTo(Draws[12_345]));
        var other = LifPrior.Default.Sample(100, seed: 46);
        Assert.That(other.Zip(Draws).Count(t => t.First == t.Second), Is.Zero);
    }

    [Test]
    public void DrawsAreUncorrelatedWhereTheModelSaysSo()
    {
        // V_th, tau_m and g_L are drawn independently of everything else
        double se = 1 / Math.Sqrt(N);
        double[] vth = Draws.Select(p => p.VTh).ToArray(), tau = Draws.Select(p => p.TauM).ToArray(),
            gl = Draws.Select(p => p.GL).ToArray(), el = Draws.Select(p => p.EL).ToArray();
        Assert.That(LifTestSupport.Correlation(vth, tau), Is.EqualTo(0).Within(4 * se));
        Assert.That(LifTestSupport.Correlation(tau, gl), Is.EqualTo(0).Within(4 * se));
        Assert.That(LifTestSupport.Correlation(vth, el), Is.EqualTo(0).Within(4 * se));
        Assert.That(LifTestSupport.Correlation(gl, el), Is.EqualTo(0).Within(4 * se));
    }

    [Test]
    public void BadCountIsRefused()
    {
        Assert.That(() => LifPrior.Default.Sample(0, seed: 1), Throws.ArgumentException.With.Message.Contains("count"));
    }
}
