using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>LifNetworkSimulation.Run: chunking under a memory cap, progress and cancellation,
/// sample alignment, and the consistency of what a result reports.</summary>
public class LifNetworkRunTests
{
    private sealed class Collect : IProgress<double>
    {
        public readonly List<double> Values = [];
        public void Report(double value) => Values.Add(value);
    }

    [Test]
    public void ATightMemoryCapIsHonouredByTheChunkingAndDoesNotChangeTheResult()
    {
        var spec = StandardNetworks.Brunel(2000, 5, 2);
        using var free = LifNetworkSimulation.Single(spec, 3);
        long baseBytes = free.NativeBytes; // connectivity + state, no records yet
        var expected = free.Run(1000)[0];
        // 100 KiB for one call's records: a 500-step call (about 8,000 spikes at 80 Hz) needs 128 KiB
        const long headroom = 100 << 10;
        using (var naive = LifNetworkSimulation.Single(spec, 3, maxMemoryBytes: baseBytes + headroom))
            Assert.Throws<NeuroEngine.Native.NativeOutOfMemoryException>(() => naive.Advance(500), "the cap must bind");
        using var capped = LifNetworkSimulation.Single(spec, 3, maxMemoryBytes: baseBytes + headroom);
        var result = capped.Run(1000)[0];
        Assert.That(result.SpikeNeurons, Is.EqualTo(expected.SpikeNeurons));
        Assert.That(result.SpikeSteps, Is.EqualTo(expected.SpikeSteps));
        Assert.That(capped.NativeBytes, Is.LessThanOrEqualTo(baseBytes + headroom));
    }

    [Test]
    public void ProgressRisesToOneAndCancellationStopsTheRun()
    {
        using var sim = LifNetworkSimulation.Single(StandardNetworks.Brunel(500), 4);
        var progress = new Collect();
        sim.Run(200, progress);
        Assert.That(progress.Values.Count, Is.GreaterThanOrEqualTo(10));
        Assert.That(progress.Values, Is.Ordered.Ascending);
        Assert.That(progress.Values[^1], Is.EqualTo(1.0));

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        long before = sim.StepsDone;
        Assert.Throws<OperationCanceledException>(() => sim.Run(200, null, cts.Token));
        Assert.That(sim.StepsDone, Is.EqualTo(before));
    }

    [Test]
    public void SamplesOfARunStartingBetweenTwoSamplesLineUpWithAnUninterruptedRun()
    {
        var spec = StandardNetworks.Brunel(500);
        var recording = new NetworkRecording { SampleMs = 1 }; // every 10 steps
        using var whole = LifNetworkSimulation.Single(spec, 5, recording);
        var w = whole.Run(10.7)[0]; // samples at 1, 2, ..., 10 ms
        using var split = LifNetworkSimulation.Single(spec, 5, recording);
        split.Advance(7);
        var s = split.Run(10)[0]; // steps 7..106: samples at 1, ..., 10 ms = 0.3, ..., 9.3 ms of this run
        Assert.That(s.SampleCount, Is.EqualTo(10));
        Assert.That(w.SampleCount, Is.EqualTo(10));
        for (int m = 0; m < 10; m++)
        {
            Assert.That(s.SampleTimeMs(m), Is.EqualTo(w.SampleTimeMs(m) - 0.7).Within(1e-9));
            for (int p = 0; p < 2; p++)
                foreach (var o in new[] { NetworkObservable.V, NetworkObservable.ExcitatoryCurrent })
                    Assert.That(s.SampleSum(m, p, o), Is.EqualTo(w.SampleSum(m, p, o)), $"sample {m}, population {p}, {o}");
        }
        // the firing-rate proxy of a full interval agrees too; the first is clipped to the run (0.3 ms)
        for (int m = 1; m < 10; m++)
            Assert.That(s.SampleSpikeRateHz(m, 0), Is.EqualTo(w.SampleSpikeRateHz(m, 0)));
        long firstCount = 0;
        for (int step = 0; step < 3; step++) firstCount += s.PopulationCounts[step * 2];
        Assert.That(s.SampleSpikeRateHz(0, 0), Is.EqualTo(firstCount / 0.0003).Within(1e-6));
        Assert.That(s.SpikeTimesMs().Length, Is.EqualTo(s.SpikeNeurons.Length));
        Assert.That(s.SpikeTimesMs().All(t => t > 0 && t <= 10 + 1e-9));
    }

    [Test]
    public void RatesCountsAndProxiesAgree()
    {
        var spec = StandardNetworks.Brunel(1000);
        spec = spec with { Populations = [spec.Populations[0], spec.Populations[1] with { RecordSpikes = 10 }] };
        using var sim = LifNetworkSimulation.Single(spec, 6, new NetworkRecording { SampleMs = 2 });
        var r = sim.Run(300)[0];
        int nE = spec.Populations[0].Size, nI = spec.Populations[1].Size;
        // every spike is counted per population; only the first 10 I neurons' spikes are kept
        long countE = 0, countI = 0;
        for (long step = 0; step < r.Steps; step++) { countE += r.PopulationCounts[step * 2]; countI += r.PopulationCounts[step * 2 + 1]; }
        Assert.That(r.SpikeNeurons.Count(n => n < nE), Is.EqualTo(countE));
        Assert.That(r.SpikeNeurons.Where(n => n >= nE).All(n => n < nE + 10), Is.True);
        Assert.That(r.NeuronSpikeCounts.Take(nE).Sum(), Is.EqualTo(countE));
        Assert.That(r.NeuronSpikeCounts.Skip(nE).Sum(), Is.EqualTo(countI));
        Assert.That(r.SpikeNeurons.Count(n => n >= nE), Is.EqualTo(r.NeuronSpikeCounts.Skip(nE).Take(10).Sum()));
        // rates: bin starts and Hz = spikes / (bin width x size)
        var (times, rates) = r.Rates(10);
        Assert.That(times, Has.Length.EqualTo(30));
        Assert.That(times[1], Is.EqualTo(10.0).Within(1e-12));
        Assert.That(Enumerable.Range(0, 30).Sum(b => rates[b, 1]) * 0.010 * nI, Is.EqualTo((double)countI).Within(1e-6));
        Assert.That(Enumerable.Range(0, 30).Average(b => rates[b, 0]), Is.EqualTo(r.MeanRateHz(0)).Within(1e-9));
        // FR proxy: summed over neurons, per sample interval
        Assert.That(r.SampleCount, Is.EqualTo(150));
        double fr = Enumerable.Range(0, r.SampleCount).Average(m => r.SampleSpikeRateHz(m, 0)) / nE;
        Assert.That(fr, Is.EqualTo(r.MeanRateHz(0)).Within(1e-9));
        Assert.That(r.SampleMeans(0, NetworkObservable.V), Has.Length.EqualTo(150));
        Assert.That(r.SampleMeans(0, NetworkObservable.V).All(v => v is > 0 and < 20), "mean V of delta neurons lies between E_L and theta");
    }

    [Test]
    public void NotRecordingSpikesKeepsCountsButNoSpikes()
    {
        using var sim = LifNetworkSimulation.Single(StandardNetworks.Brunel(500), 7, new NetworkRecording { Spikes = false });
        var r = sim.Run(100)[0];
        Assert.That(r.SpikeNeurons, Is.Empty);
        Assert.That(r.PopulationCounts.Sum(), Is.GreaterThan(0));
        Assert.That(r.SampleCount, Is.Zero);
    }
}
