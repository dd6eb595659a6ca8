using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Results depend only on the seed: never on threads, chunk size or SIMD level.</summary>
public class LifNeuronBatchReproducibilityTests
{
    private static readonly LifParameters[] Theta = LifPrior.Default.Sample(3_001, seed: 45); // not a multiple of any lane count

    private static LifBatchResult Run(LifScheme scheme, LifRunOptions o) =>
        LifNeuronBatch.Simulate(Theta, new LifSettings { Scheme = scheme, TMs = 100 }, o with { VoltageEvery = 3 });

    private static void AssertIdentical(LifBatchResult a, LifBatchResult b, string what)
    {
        Assert.That(b.SpikeCounts, Is.EqualTo(a.SpikeCounts), what + ": counts");
        Assert.That(b.MeanV, Is.EqualTo(a.MeanV), what + ": mean_v");
        Assert.That(b.SpikeTimesOverflowed, Is.EqualTo(a.SpikeTimesOverflowed), what + ": overflow");
        for (int i = 0; i < a.Count; i++)
            if (!a.SpikeSteps(i).SequenceEqual(b.SpikeSteps(i))) Assert.Fail($"{what}: spike steps of neuron {i} differ");
        Assert.That(b.Voltage, Is.EqualTo(a.Voltage), what + ": voltage");
    }

    [TestCase(LifScheme.EulerReference)]
    [TestCase(LifScheme.Exact)]
    public void SameSeedGivesIdenticalResultsForAnyThreadsChunksAndSimd(LifScheme scheme)
    {
        var baseline = Run(scheme, new LifRunOptions { Seed = 77, Threads = 1, ChunkSteps = 1000, Simd = 1 });
        Assert.That(baseline.SpikeCounts.Sum(), Is.GreaterThan(0));
        AssertIdentical(baseline, Run(scheme, new LifRunOptions { Seed = 77, Threads = 2, ChunkSteps = 1000, Simd = 1 }), "threads 2");
        AssertIdentical(baseline, Run(scheme, new LifRunOptions { Seed = 77, Threads = 1, ChunkSteps = 7, Simd = 1 }), "chunk 7");
        AssertIdentical(baseline, Run(scheme, new LifRunOptions { Seed = 77, Threads = 2, ChunkSteps = 333, Simd = 1 }), "chunk 333");
        AssertIdentical(baseline, Run(scheme, new LifRunOptions { Seed = 77, Threads = 2, ChunkSteps = 1, Simd = 0 }), "simd best");
        AssertIdentical(baseline, Run(scheme, new LifRunOptions { Seed = 77 }), "defaults");
    }

    [Test]
    public void NeuronResultsDoNotDependOnTheRestOfTheBatch()
    {
        var s = new LifSettings { TMs = 100 };
        var o = new LifRunOptions { Seed = 11, VoltageEvery = 1 };
        var all = LifNeuronBatch.Simulate(Theta, s, o);
        var head = LifNeuronBatch.Simulate(Theta.AsSpan(0, 5), s, o);
        for (int i = 0; i < 5; i++)
        {
            Assert.That(head.SpikeCounts[i], Is.EqualTo(all.SpikeCounts[i]));
            Assert.That(head.MeanV[i], Is.EqualTo(all.MeanV[i]));
            Assert.That(head.VoltageOf(i).SequenceEqual(all.VoltageOf(i)), Is.True, $"neuron {i}");
        }
    }

    [Test]
    public void DifferentSeedGivesDifferentResults()
    {
        var a = Run(LifScheme.EulerReference, new LifRunOptions { Seed = 77 });
        var b = Run(LifScheme.EulerReference, new LifRunOptions { Seed = 78 });
        Assert.That(b.SpikeCounts, Is.Not.EqualTo(a.SpikeCounts));
        int sameVoltage = 0;
        for (int i = 0; i < a.Voltage!.Length; i++) if (a.Voltage[i] == b.Voltage![i]) sameVoltage++;
        // only the first sample (V_init + observation noise) could coincide, and only by chance
        Assert.That(sameVoltage, Is.LessThan(a.Voltage.Length / 1000));
        int sameMean = a.MeanV.Zip(b.MeanV).Count(t => t.First == t.Second);
        Assert.That(sameMean, Is.Zero);
    }
}
