using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Bad input is refused with an ArgumentException that names the field and value;
/// cancellation, progress and the spike-time cap.</summary>
public class LifNeuronBatchValidationTests
{
    private static readonly LifParameters Good = new(-55, 10, 10, -75, -70, -70);

    private static LifParameters[] Batch(LifParameters bad, int at = 3)
    {
        var b = Enumerable.Repeat(Good, 5).ToArray();
        b[at] = bad;
        return b;
    }

    private static ArgumentException Refused(LifParameters[] theta, LifSettings? s = null, LifRunOptions? o = null) =>
        Assert.Throws<ArgumentException>(() => LifNeuronBatch.Simulate(theta, s ?? new LifSettings(), o ?? new LifRunOptions()))!;

    private static IEnumerable<TestCaseData> BadParameters()
    {
        yield return new TestCaseData(Good with { VTh = double.NaN }, "V_th", double.NaN).SetName("VTh NaN");
        yield return new TestCaseData(Good with { EL = double.PositiveInfinity }, "E_L", double.PositiveInfinity).SetName("EL Inf");
        yield return new TestCaseData(Good with { VInit = double.NegativeInfinity }, "V_init", double.NegativeInfinity).SetName("VInit -Inf");
        yield return new TestCaseData(Good with { TauM = 0 }, "tau_m", 0.0).SetName("tau_m zero");
        yield return new TestCaseData(Good with { TauM = -3 }, "tau_m", -3.0).SetName("tau_m negative");
        yield return new TestCaseData(Good with { GL = 0 }, "g_L", 0.0).SetName("g_L zero");
        yield return new TestCaseData(Good with { GL = -1.5 }, "g_L", -1.5).SetName("g_L negative");
        yield return new TestCaseData(Good with { VReset = -55 }, "V_reset", -55.0).SetName("V_reset equal V_th");
        yield return new TestCaseData(Good with { VReset = -40 }, "V_reset", -40.0).SetName("V_reset above V_th");
    }

    [TestCaseSource(nameof(BadParameters))]
    public void BadParameterIsRefusedNamingNeuronFieldAndValue(LifParameters bad, string field, double value)
    {
        var ex = Refused(Batch(bad));
        Assert.That(ex.ParamName, Is.EqualTo(field));
        Assert.That(ex.Message, Does.Contain("neuron 3"));
        Assert.That(ex.Message, Does.Contain(field));
        Assert.That(ex.Message, Does.Contain($"{value}"), "the value as the current culture formats it");
    }

    private static IEnumerable<TestCaseData> BadSettings()
    {
        yield return new TestCaseData(new LifSettings { DtMs = 0 }, "DtMs", 0.0).SetName("DtMs zero");
        yield return new TestCaseData(new LifSettings { DtMs = -0.1 }, "DtMs", -0.1).SetName("DtMs negative");
        yield return new TestCaseData(new LifSettings { DtMs = double.NaN }, "DtMs", double.NaN).SetName("DtMs NaN");
        yield return new TestCaseData(new LifSettings { TMs = 0.1, DtMs = 0.2 }, "TMs", 0.1).SetName("TMs below DtMs");
        yield return new TestCaseData(new LifSettings { TrefMs = -1 }, "TrefMs", -1.0).SetName("TrefMs negative");
        yield return new TestCaseData(new LifSettings { IStd = double.NaN }, "IStd", double.NaN).SetName("IStd NaN");
        yield return new TestCaseData(new LifSettings { IStd = -2 }, "IStd", -2.0).SetName("IStd negative");
        yield return new TestCaseData(new LifSettings { IMean = double.PositiveInfinity }, "IMean", double.PositiveInfinity).SetName("IMean Inf");
        yield return new TestCaseData(new LifSettings { ObsNoiseStd = -1 }, "ObsNoiseStd", -1.0).SetName("ObsNoiseStd negative");
        yield return new TestCaseData(new LifSettings { VClipLo = 10, VClipHi = 10 }, "VClipLo", 10.0).SetName("empty clip range");
        yield return new TestCaseData(new LifSettings { Scheme = (LifScheme)7 }, "Scheme", 7.0).SetName("unknown scheme");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void BadSettingIsRefusedNamingFieldAndValue(LifSettings s, string field, double value)
    {
        var ex = Refused([Good], s);
        Assert.That(ex.ParamName, Is.EqualTo(field));
        Assert.That(ex.Message, Does.Contain(field));
        Assert.That(ex.Message, Does.Contain($"{value}"), "the value as the current culture formats it");
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData(new LifRunOptions { VoltageEvery = -1 }, "VoltageEvery").SetName("VoltageEvery negative");
        yield return new TestCaseData(new LifRunOptions { MaxSpikesPerNeuron = -2 }, "MaxSpikesPerNeuron").SetName("MaxSpikes -2");
        yield return new TestCaseData(new LifRunOptions { Threads = -1 }, "Threads").SetName("Threads negative");
        yield return new TestCaseData(new LifRunOptions { ChunkSteps = 0 }, "ChunkSteps").SetName("ChunkSteps zero");
        yield return new TestCaseData(new LifRunOptions { Simd = 4 }, "Simd").SetName("Simd 4");
        yield return new TestCaseData(new LifRunOptions { MaxMemoryBytes = -1 }, "MaxMemoryBytes").SetName("MaxMemory negative");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void BadOptionIsRefusedNamingIt(LifRunOptions o, string field)
    {
        var ex = Refused([Good], o: o);
        Assert.That(ex.ParamName, Is.EqualTo(field));
        Assert.That(ex.Message, Does.Contain(field));
    }

    [Test]
    public void EmptyBatchIsRefused()
    {
        var ex = Refused([]);
        Assert.That(ex.Message, Does.Contain("at least one neuron"));
    }

    [Test]
    public void BatchOverTheMemoryCapIsRefused()
    {
        // 1000 neurons x 1000 recorded float samples alone are 4 MB
        var theta = Enumerable.Repeat(Good, 1000).ToArray();
        var o = new LifRunOptions { VoltageEvery = 1, MaxMemoryBytes = 1 << 20 };
        var ex = Refused(theta, o: o);
        Assert.That(ex.ParamName, Is.EqualTo("MaxMemoryBytes"));
        Assert.That(ex.Message, Does.Contain("memory cap"));
        Assert.That(LifNeuronBatch.EstimateBytes(1000, new LifSettings(), o), Is.GreaterThan(4_000_000));
        // the same batch runs without the cap
        Assert.That(LifNeuronBatch.Simulate(theta, new LifSettings(), o with { MaxMemoryBytes = 0 }).Count, Is.EqualTo(1000));
    }

    [Test]
    public void PreCancelledTokenThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.That(() => LifNeuronBatch.Simulate([Good], new LifSettings(), new LifRunOptions(), null, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void CancellationDuringTheRunStopsIt()
    {
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(cts, 0.3);
        Assert.That(() => LifNeuronBatch.Simulate([Good], new LifSettings(), new LifRunOptions { ChunkSteps = 10 }, progress, cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(progress.Last, Is.LessThan(0.5));
    }

    private sealed class CancelAt(CancellationTokenSource cts, double at) : IProgress<double>
    {
        public double Last { get; private set; }
        public void Report(double value) { Last = value; if (value >= at) cts.Cancel(); }
    }

    [Test]
    public void ProgressIncreasesAndReachesOne()
    {
        var log = new LifTestSupport.ProgressLog();
        LifNeuronBatch.Simulate([Good, Good], new LifSettings(), new LifRunOptions { ChunkSteps = 150 }, log);
        Assert.That(log.Values, Has.Count.EqualTo(7)); // ceil(1000 / 150)
        Assert.That(log.Values, Is.Ordered.Ascending);
        Assert.That(log.Values[^1], Is.EqualTo(1.0));
        Assert.That(log.Values[0], Is.EqualTo(0.15).Within(1e-12));
    }

    [Test]
    public void SpikeCapKeepsExactCountsAndFlagsOverflow()
    {
        // fast noiseless neuron (ISI 90 samples, 12 spikes in 1000) and a silent one
        var fast = new LifParameters(-55, 10, 10, -75, -70, -70);
        var silent = new LifParameters(-40, 10, 10, -75, -70, -70);
        var s = new LifSettings { IStd = 0 };
        var full = LifNeuronBatch.Simulate([fast, silent], s, new LifRunOptions());
        var capped = LifNeuronBatch.Simulate([fast, silent], s, new LifRunOptions { MaxSpikesPerNeuron = 2 });
        Assert.That(full.SpikeCounts[0], Is.GreaterThan(2));
        Assert.That(capped.SpikeCounts, Is.EqualTo(full.SpikeCounts));
        Assert.That(capped.MaxSpikesPerNeuron, Is.EqualTo(2));
        Assert.That(capped.SpikeTimesOverflowed, Is.EqualTo(new[] { true, false }));
        Assert.That(capped.OverflowedCount, Is.EqualTo(1));
        Assert.That(capped.SpikeSteps(0).ToArray(), Is.EqualTo(full.SpikeSteps(0)[..2].ToArray()));
        Assert.That(capped.SpikeSteps(1).Length, Is.Zero);
        Assert.That(full.SpikeTimesOverflowed, Has.None.True);

        var none = LifNeuronBatch.Simulate([fast], s, new LifRunOptions { MaxSpikesPerNeuron = 0 });
        Assert.That(none.SpikeCounts[0], Is.EqualTo(full.SpikeCounts[0]));
        Assert.That(none.SpikeSteps(0).Length, Is.Zero);
        Assert.That(none.SpikeTimesOverflowed[0], Is.True);
    }

    [Test]
    public void VoltageOfWithoutRecordingThrows()
    {
        var r = LifNeuronBatch.Simulate([Good], new LifSettings(), new LifRunOptions());
        Assert.That(r.Voltage, Is.Null);
        Assert.That(() => r.VoltageOf(0), Throws.InvalidOperationException);
    }

    [Test]
    public void ParametersAreSixDoublesInTheNativeOrder()
    {
        // Simulate hands the records to the engine as its row-major params array without a copy
        var theta = new[] { new LifParameters(1, 2, 3, 4, 5, 6), new LifParameters(7, 8, 9, 10, 11, 12) };
        var flat = System.Runtime.InteropServices.MemoryMarshal.Cast<LifParameters, double>(theta);
        Assert.That(flat.ToArray(), Is.EqualTo(Enumerable.Range(1, 12).Select(i => (double)i).ToArray()));
        for (int j = 0; j < 6; j++) Assert.That(flat[6 + j], Is.EqualTo(theta[1][j]), LifParameters.Names[j]);
    }
}
