namespace NeuroEngine.Simulation;

/// <summary>How a batch is run and what it records.</summary>
public sealed record LifRunOptions
{
    /// <summary>Philox seed: the same seed gives the same numbers for any thread count or chunk size.</summary>
    public ulong Seed { get; init; } = 45;
    /// <summary>Record every k-th sample of the voltage (with observation noise); 0 = no voltage.</summary>
    public int VoltageEvery { get; init; }
    /// <summary>Spike times kept per neuron: -1 = as many as the model allows (no overflow possible),
    /// 0 = none. Counts are always exact; overflow is flagged per neuron.</summary>
    public int MaxSpikesPerNeuron { get; init; } = -1;
    /// <summary>Threads; 0 = every CPU the process may use.</summary>
    public int Threads { get; init; }
    /// <summary>Refuse a batch whose buffers (native state, spike times, voltage, results) exceed this; 0 = no cap.</summary>
    public long MaxMemoryBytes { get; init; } = 8192L << 20;
    /// <summary>Samples per native advance call: progress and cancellation are checked between chunks.</summary>
    public int ChunkSteps { get; init; } = 100;
    /// <summary>SIMD level: 0 = best available, 1 = baseline, 2 = AVX2, 3 = AVX-512 (identical results).</summary>
    public int Simd { get; init; }

    /// <summary>Throws ArgumentException naming the option and value.</summary>
    public void Validate()
    {
        if (VoltageEvery < 0) throw new ArgumentException($"VoltageEvery must be >= 0, got {VoltageEvery}", nameof(VoltageEvery));
        if (MaxSpikesPerNeuron < -1) throw new ArgumentException($"MaxSpikesPerNeuron must be >= -1, got {MaxSpikesPerNeuron}", nameof(MaxSpikesPerNeuron));
        if (Threads < 0) throw new ArgumentException($"Threads must be >= 0, got {Threads}", nameof(Threads));
        if (MaxMemoryBytes < 0) throw new ArgumentException($"MaxMemoryBytes must be >= 0, got {MaxMemoryBytes}", nameof(MaxMemoryBytes));
        if (ChunkSteps < 1) throw new ArgumentException($"ChunkSteps must be >= 1, got {ChunkSteps}", nameof(ChunkSteps));
        if (Simd is < 0 or > 3) throw new ArgumentException($"Simd must be 0..3, got {Simd}", nameof(Simd));
    }
}
