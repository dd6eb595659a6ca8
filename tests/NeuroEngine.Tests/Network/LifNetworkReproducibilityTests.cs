using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Same seed, same bits: thread counts, chunking and batching do not change results.</summary>
public class LifNetworkReproducibilityTests
{
    private static LifNetworkSpec SmallBrunel(double g = 5) => StandardNetworks.Brunel(2000, g, 2);

    [Test]
    public void OneAndTwoThreadsGiveIdenticalSpikes()
    {
        var recording = new NetworkRecording { SampleMs = 1 };
        using var one = LifNetworkSimulation.Single(SmallBrunel(), 7, recording, threads: 1);
        using var two = LifNetworkSimulation.Single(SmallBrunel(), 7, recording, threads: 2);
        var a = one.Run(300)[0];
        var b = two.Run(300)[0];
        Assert.That(a.SpikeNeurons.Length, Is.GreaterThan(10_000));
        Assert.That(b.SpikeNeurons, Is.EqualTo(a.SpikeNeurons));
        Assert.That(b.SpikeSteps, Is.EqualTo(a.SpikeSteps));
        Assert.That(b.SampleSums, Is.EqualTo(a.SampleSums)); // population sums too
        Assert.That(one.ReadState(NetworkStateVariable.V), Is.EqualTo(two.ReadState(NetworkStateVariable.V)));
    }

    [Test]
    public void ChunkSizesDoNotChangeTheState()
    {
        using var whole = LifNetworkSimulation.Single(SmallBrunel(), 8);
        using var pieces = LifNetworkSimulation.Single(SmallBrunel(), 8);
        whole.Advance(2000);
        foreach (long n in new long[] { 1, 7, 992, 1000 }) pieces.Advance(n);
        Assert.That(pieces.ReadState(NetworkStateVariable.V), Is.EqualTo(whole.ReadState(NetworkStateVariable.V)));
    }

    [Test]
    public void NetworkKOfABatchEqualsASingleRunWithItsSeed()
    {
        var specs = new[] { SmallBrunel(4), SmallBrunel(5), SmallBrunel(6) };
        using var batch = new LifNetworkSimulation(specs, 11, [21, 22, 23]);
        var results = batch.Run(200);
        using var single = new LifNetworkSimulation([specs[1]], 11, [22]);
        var alone = single.Run(200)[0];
        Assert.That(results[1].SpikeNeurons, Is.EqualTo(alone.SpikeNeurons));
        Assert.That(results[1].SpikeSteps, Is.EqualTo(alone.SpikeSteps));
        // and the parameters matter: stronger inhibition, fewer spikes
        Assert.That(results[0].SpikeNeurons.Length, Is.GreaterThan(results[2].SpikeNeurons.Length));
    }

    [Test]
    public void Float32StateIsReproducibleAndStatisticallyEqualToFloat64()
    {
        var single = SmallBrunel() with { Precision = NetworkPrecision.Float32 };
        using var a = LifNetworkSimulation.Single(single, 7, threads: 1);
        using var b = LifNetworkSimulation.Single(single, 7, threads: 2);
        using var d = LifNetworkSimulation.Single(SmallBrunel(), 7, threads: 2);
        var ra = a.Run(1000)[0];
        var rb = b.Run(1000)[0];
        var rd = d.Run(1000)[0];
        Assert.That(rb.SpikeNeurons, Is.EqualTo(ra.SpikeNeurons));
        Assert.That(rb.SpikeSteps, Is.EqualTo(ra.SpikeSteps));
        var v = a.ReadState(NetworkStateVariable.V);
        Assert.That(v.All(x => x == (float)x), "the state is float");
        // Brian2 and float64 give 79.2-79.7 Hz here; the seed-to-seed spread is about 0.5%
        double rate32 = SpikeTrainStatistics.Of(ra, 0, 200).RateHz, rate64 = SpikeTrainStatistics.Of(rd, 0, 200).RateHz;
        Assert.That(rate32, Is.EqualTo(rate64).Within(0.02 * rate64));
        Assert.That(SpikeTrainStatistics.Of(ra, 0, 200).CvIsi, Is.EqualTo(SpikeTrainStatistics.Of(rd, 0, 200).CvIsi).Within(0.05 * 0.147));
    }

    [Test]
    public void AnotherSeedGivesOtherSpikes()
    {
        using var a = LifNetworkSimulation.Single(SmallBrunel(), 1);
        using var b = LifNetworkSimulation.Single(SmallBrunel(), 2);
        Assert.That(b.Run(100)[0].SpikeNeurons, Is.Not.EqualTo(a.Run(100)[0].SpikeNeurons));
    }
}
