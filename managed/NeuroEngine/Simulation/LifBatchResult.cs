namespace NeuroEngine.Simulation;

/// <summary>Outputs of a batched LIF run. Arrays are per neuron in input order.</summary>
public sealed class LifBatchResult
{
    internal LifBatchResult(int[] spikeCounts, double[] meanV, int[] spikeSteps, int maxSpikes, bool[] overflowed,
        float[]? voltage, long voltageSamples, int voltageEvery, long samples, double dtMs)
    {
        SpikeCounts = spikeCounts; MeanV = meanV; _spikeSteps = spikeSteps; MaxSpikesPerNeuron = maxSpikes;
        SpikeTimesOverflowed = overflowed; Voltage = voltage; VoltageSamples = voltageSamples;
        VoltageEvery = voltageEvery; Samples = samples; DtMs = dtMs;
    }

    private readonly int[] _spikeSteps;

    /// <summary>Exact spike count per neuron.</summary>
    public int[] SpikeCounts { get; }
    /// <summary>Mean of the noise-free trace over all samples (mV), per neuron.</summary>
    public double[] MeanV { get; }
    /// <summary>Spike times kept per neuron.</summary>
    public int MaxSpikesPerNeuron { get; }
    /// <summary>True where a neuron spiked more often than <see cref="MaxSpikesPerNeuron"/> and later times were dropped.</summary>
    public bool[] SpikeTimesOverflowed { get; }
    /// <summary>Recorded voltage (mV, float32, observation noise added), row-major [neuron][sample], or null.</summary>
    public float[]? Voltage { get; }
    /// <summary>Recorded samples per neuron (columns of <see cref="Voltage"/>).</summary>
    public long VoltageSamples { get; }
    /// <summary>Every k-th sample was recorded.</summary>
    public int VoltageEvery { get; }
    /// <summary>Samples simulated (Lt).</summary>
    public long Samples { get; }
    /// <summary>Time step (ms).</summary>
    public double DtMs { get; }
    /// <summary>Number of neurons.</summary>
    public int Count => SpikeCounts.Length;
    /// <summary>Neurons whose spike times were truncated.</summary>
    public int OverflowedCount => SpikeTimesOverflowed.Count(x => x);

    /// <summary>Sample indices of the kept spikes of one neuron.</summary>
    public ReadOnlySpan<int> SpikeSteps(int neuron)
    {
        int kept = Math.Min(SpikeCounts[neuron], MaxSpikesPerNeuron);
        return _spikeSteps.AsSpan(neuron * MaxSpikesPerNeuron, kept);
    }

    /// <summary>Spike times (ms) of one neuron: sample index times dt.</summary>
    public double[] SpikeTimesMs(int neuron)
    {
        var steps = SpikeSteps(neuron);
        var t = new double[steps.Length];
        for (int i = 0; i < t.Length; i++) t[i] = steps[i] * DtMs;
        return t;
    }

    /// <summary>The recorded voltage of one neuron.</summary>
    public ReadOnlySpan<float> VoltageOf(int neuron) =>
        Voltage is null ? throw new InvalidOperationException("voltage was not recorded (VoltageEvery = 0)")
            : Voltage.AsSpan((int)(neuron * VoltageSamples), (int)VoltageSamples);
}
