using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Statistics of the same Brunel network in Brian2 2.5.1 (Debian python3-brian, C++
/// standalone, NEST conventions; benchmarks/reference/brunel_brian2.py --neurons 2000
/// --duration-ms 1000 --seed 1|2|3, window 200-1000 ms), measured 2026-11-22:
/// rate_E 79.48 / 79.69 / 79.57 Hz, CV of ISI 0.1474 / 0.1475 / 0.1472, Fano 0.0415 / 0.0420 / 0.0428.
/// NeuroEngine must agree within the stated tolerances (seed-to-seed spread plus a margin).</summary>
public class BrianComparisonTests
{
    [Test]
    public void BrunelN2000MatchesBrian2Statistics()
    {
        using var sim = LifNetworkSimulation.Single(StandardNetworks.Brunel(2000, 5, 2), 5);
        var result = sim.Run(1000)[0];
        var stats = SpikeTrainStatistics.Of(result, 0, 200);
        Assert.That(stats.RateHz, Is.EqualTo(79.58).Within(0.02 * 79.58), "rate E (Hz), Brian2 79.48-79.69");
        Assert.That(stats.CvIsi, Is.EqualTo(0.1474).Within(0.05 * 0.1474), "CV of ISI, Brian2 0.1472-0.1475");
        Assert.That(stats.Fano, Is.EqualTo(0.0421).Within(0.25 * 0.0421), "Fano factor, Brian2 0.0415-0.0428");
    }

    [Test]
    public void SpikeStatisticsFollowTheirDefinitions()
    {
        // a regular train (ISI 10 ms) has CV 0; Poisson-free counts of 10 per 100 ms bin give Fano 0
        var regular = Enumerable.Range(1, 100).Select(i => i * 10.0 - 5).ToArray();
        var irregular = new double[] { 1, 2, 50, 51, 400, 800 };
        var s = SpikeTrainStatistics.FromTrains([regular, irregular], 0, 1000);
        Assert.That(s.RateHz, Is.EqualTo(106 / 2.0).Within(1e-12));
        var isi = new double[] { 1, 48, 1, 349, 400 };
        double mean = isi.Average(), sd = Math.Sqrt(isi.Sum(x => (x - mean) * (x - mean)) / isi.Length);
        Assert.That(s.CvIsi, Is.EqualTo((0 + sd / mean) / 2).Within(1e-12));
        var counts = new double[] { 4, 0, 0, 0, 1, 0, 0, 0, 1, 0 };
        double cm = counts.Average(), cv = counts.Sum(c => (c - cm) * (c - cm)) / counts.Length;
        Assert.That(s.Fano, Is.EqualTo((0 + cv / cm) / 2).Within(1e-12));
    }
}
