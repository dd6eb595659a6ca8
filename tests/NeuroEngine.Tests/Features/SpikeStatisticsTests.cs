using NeuroEngine.Features;
using NUnit.Framework;

namespace NeuroEngine.Tests.Features;

/// <summary>Spike statistics against trains whose statistics are known.</summary>
public class SpikeStatisticsTests
{
    private static (int[] Neurons, double[] Times) Flatten(List<double>[] trains, int first = 0)
    {
        var n = new List<int>();
        var t = new List<double>();
        for (int i = 0; i < trains.Length; i++)
            foreach (double s in trains[i]) { n.Add(first + i); t.Add(s); }
        return (n.ToArray(), t.ToArray());
    }

    [Test]
    public void RegularTrainsHaveNoIsiVariability()
    {
        var rng = new System.Random(3);
        var trains = Enumerable.Range(0, 50).Select(_ =>
        {
            double phase = 10 * rng.NextDouble();
            return Enumerable.Range(0, 100).Select(k => phase + 10.0 * k).ToList();
        }).ToArray();
        var (n, t) = Flatten(trains, first: 7);
        var s = SpikeStatistics.Compute(n, t, 7, 50, 1000, binMs: 50);
        Assert.That(s.RateHz, Is.EqualTo(100.0).Within(1e-12));
        Assert.That(s.CvIsi, Is.LessThan(1e-12));
        Assert.That(s.Fano, Is.LessThan(1e-12), "every 50 ms bin holds exactly 5 spikes");
        Assert.That(double.IsNaN(s.Corr), Is.True, "constant counts have no correlation");
    }

    [Test]
    public void PoissonTrainsMatchTheirTheory()
    {
        // 200 independent Poisson trains at 20 Hz for 100 s: CV 1, Fano 1, correlation 0, synchrony 1/sqrt(N)
        const int neurons = 200;
        const double rate = 20, duration = 100_000;
        var rng = new System.Random(11);
        var trains = new List<double>[neurons];
        for (int i = 0; i < neurons; i++)
        {
            trains[i] = [];
            for (double t = -Math.Log(1 - rng.NextDouble()) / rate * 1000; t < duration; t += -Math.Log(1 - rng.NextDouble()) / rate * 1000)
                trains[i].Add(t);
        }
        var (n, times) = Flatten(trains);
        var s = SpikeStatistics.Compute(n, times, 0, neurons, duration, binMs: 50);
        Assert.That(s.RateHz, Is.EqualTo(rate).Within(0.01 * rate));       // 400,000 spikes: standard error 0.16%
        Assert.That(s.CvIsi, Is.EqualTo(1.0).Within(0.02));                  // per neuron 2,000 ISIs: SE of the mean ~0.002
        Assert.That(s.Fano, Is.EqualTo(1.0).Within(0.03));
        Assert.That(s.Corr, Is.EqualTo(0.0).Within(0.005));                  // 1,000 pairs of 2,000 bins: SE ~0.0007
        Assert.That(s.Synchrony, Is.EqualTo(1 / Math.Sqrt(neurons)).Within(0.2 / Math.Sqrt(neurons)));
    }

    [Test]
    public void IdenticalTrainsAreFullySynchronous()
    {
        var rng = new System.Random(5);
        var train = Enumerable.Range(0, 300).Select(_ => 1000 * rng.NextDouble()).Order().ToList();
        var trains = Enumerable.Range(0, 20).Select(_ => new List<double>(train)).ToArray();
        var (n, t) = Flatten(trains);
        var s = SpikeStatistics.Compute(n, t, 0, 20, 1000, binMs: 10);
        Assert.That(s.Corr, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(s.Synchrony, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(s.RateHz, Is.EqualTo(300.0).Within(1e-9));
    }

    [Test]
    public void SilentNeuronsCountInTheRateAndSpikesOfOtherPopulationsAreIgnored()
    {
        // neurons 10..13: only 10 fires (4 spikes in 1 s); neuron 2 belongs to another population
        int[] n = [10, 10, 10, 10, 2, 2];
        double[] t = [100, 300, 500, 700, 50, 60];
        var s = SpikeStatistics.Compute(n, t, 10, 4, 1000, binMs: 100);
        Assert.That(s.RateHz, Is.EqualTo(1.0));
        Assert.That(s.CvIsi, Is.EqualTo(0.0));
    }

    [Test]
    public void NeuronRatesCountEachNeuronsSpikes()
    {
        int[] n = [10, 10, 10, 10, 12, 2, 2];
        double[] t = [100, 300, 500, 1000, 50, 50, 60];
        var rates = SpikeStatistics.NeuronRatesHz(n, t, 10, 4, 1000);
        Assert.That(rates, Is.EqualTo(new[] { 4.0, 0, 1, 0 }), "neuron 2 belongs to another population");
        Assert.That(rates.Average(), Is.EqualTo(SpikeStatistics.Compute(n, t, 10, 4, 1000, binMs: 100).RateHz));
        Assert.Throws<ArgumentException>(() => SpikeStatistics.NeuronRatesHz([10], [1001.0], 10, 4, 1000));
    }

    [Test]
    public void BadInputsAreRejected()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => SpikeStatistics.Compute([0], [1001.0], 0, 1, 1000))!.Message, Does.Contain("outside"));
        Assert.That(Assert.Throws<ArgumentException>(() => SpikeStatistics.Compute([0], [1.0, 2.0], 0, 1, 1000))!.Message, Does.Contain("one entry per spike"));
        Assert.That(Assert.Throws<ArgumentException>(() => SpikeStatistics.Compute([0], [1.0], 0, 1, 1000, binMs: 2000))!.Message, Does.Contain("binMs"));
        Assert.Throws<ArgumentException>(() => SpikeStatistics.Compute([0], [1.0], 0, 0, 1000));
    }
}
