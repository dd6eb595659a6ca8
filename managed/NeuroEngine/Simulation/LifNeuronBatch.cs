using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroEngine.Native;

namespace NeuroEngine.Simulation;

/// <summary>Simulates B independent single LIF neurons (docs/lif-neurons.md) in one native
/// batch: SIMD across neurons, threads across blocks of neurons, advanced in chunks so
/// progress is reported and cancellation honoured between chunks.</summary>
/// <example><code>
/// var theta = LifPrior.Default.Sample(10_000, seed: 45);
/// var result = LifNeuronBatch.Simulate(theta, new LifSettings(), new LifRunOptions { Seed = 1 });
/// Console.WriteLine(result.SpikeCounts.Average());
/// </code></example>
public static unsafe class LifNeuronBatch
{
    /// <summary>Bytes a run would hold: native state and spike times, the voltage record, the result
    /// arrays and the caller's parameter records (passed to the engine without a copy).
    /// Saturates at <see cref="long.MaxValue"/> instead of overflowing.</summary>
    public static long EstimateBytes(long neurons, LifSettings settings, LifRunOptions options)
    {
        settings.Validate();
        options.Validate();
        if (neurons < 1) throw new ArgumentException($"the batch needs at least one neuron, got {neurons}", nameof(neurons));
        var config = ToConfig(neurons, settings, options, maxMemory: 0);
        NativeLibraryLoader.EnsureCompatible();
        NativeStatus.Check(NativeMethods.ne_lif_batch_estimate_bytes(config, out long nativeBytes));
        long samples = settings.Samples;
        long voltageSamples = options.VoltageEvery > 0 ? (samples + options.VoltageEvery - 1) / options.VoltageEvery : 0;
        int maxPossible = (int)((samples - 1 + settings.RefractorySteps) / (settings.RefractorySteps + 1L));
        long kept = options.MaxSpikesPerNeuron < 0 ? maxPossible : options.MaxSpikesPerNeuron;
        // per neuron: counts (4) + mean (8) + overflow flag (1) + parameters (48)
        // + kept spike steps (4 each) + voltage (4 each)
        try { return checked(nativeBytes + neurons * (61 + 4 * kept + 4 * voltageSamples)); }
        catch (OverflowException) { return long.MaxValue; }
    }

    /// <summary>Runs the batch. Parameters are validated first (ArgumentException naming the neuron
    /// and field); a batch over <see cref="LifRunOptions.MaxMemoryBytes"/> is refused before anything
    /// is allocated.</summary>
    public static LifBatchResult Simulate(ReadOnlySpan<LifParameters> parameters, LifSettings settings, LifRunOptions options,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        if (parameters.Length == 0) throw new ArgumentException("the batch needs at least one neuron, got 0", nameof(parameters));
        settings.Validate();
        options.Validate();
        ValidateAll(parameters);

        long bytes = EstimateBytes(parameters.Length, settings, options);
        if (options.MaxMemoryBytes > 0 && bytes > options.MaxMemoryBytes)
            throw new ArgumentException(
                $"the batch needs {bytes / (1 << 20)} MiB, more than the memory cap of {options.MaxMemoryBytes / (1 << 20)} MiB " +
                "(record less voltage, fewer spike times, or fewer neurons)", nameof(options.MaxMemoryBytes));

        int n = parameters.Length;
        // LifParameters is six sequential doubles: the span is the native params array as it is
        // (a copy of 200,000 neurons cost more than the kernel's first 50 samples)
        ReadOnlySpan<double> flat = MemoryMarshal.Cast<LifParameters, double>(parameters);

        var config = ToConfig(n, settings, options, options.MaxMemoryBytes);
        LifBatchHandle handle;
        fixed (double* p = flat)
            NativeStatus.Check(NativeMethods.ne_lif_batch_create(config, p, flat.Length, out handle));
        using (handle)
        {
            var info = new LifBatchInfo { StructSize = (uint)sizeof(LifBatchInfo) };
            NativeStatus.Check(NativeMethods.ne_lif_batch_info_get(handle, ref info));
            float[]? voltage = info.NVoltageSamples > 0 ? new float[checked(n * info.NVoltageSamples)] : null;
            long done = 0;
            fixed (float* v = voltage)
            {
                while (done < info.NSamples)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long step = Math.Min(options.ChunkSteps, info.NSamples - done);
                    NativeStatus.Check(NativeMethods.ne_lif_batch_advance(handle, step, v, voltage?.LongLength ?? 0));
                    done += step;
                    progress?.Report((double)done / info.NSamples);
                }
            }
            var counts = new int[n];
            var mean = new double[n];
            var steps = new int[checked(n * info.MaxSpikes)];
            var overflowInts = new int[n];
            fixed (int* c = counts) NativeStatus.Check(NativeMethods.ne_lif_batch_read_spike_counts(handle, c, n));
            fixed (double* m = mean) NativeStatus.Check(NativeMethods.ne_lif_batch_read_mean_v(handle, m, n));
            fixed (int* s = steps) fixed (int* o = overflowInts)
                NativeStatus.Check(NativeMethods.ne_lif_batch_read_spike_steps(handle, s, steps.LongLength, o, n));
            var overflowed = Array.ConvertAll(overflowInts, x => x != 0);
            return new LifBatchResult(counts, mean, steps, info.MaxSpikes, overflowed, voltage, info.NVoltageSamples,
                options.VoltageEvery, info.NSamples, settings.DtMs);
        }
    }

    // Fully optimised from the first call: at tier 0 this loop over a 200,000-neuron batch took 5 ms
    // (a twentieth of the simulation) for the first few batches of a process.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ValidateAll(ReadOnlySpan<LifParameters> parameters)
    {
        for (int i = 0; i < parameters.Length; i++) parameters[i].Validate(i);
    }

    private static LifBatchConfig ToConfig(long n, LifSettings s, LifRunOptions o, long maxMemory) => new()
    {
        StructSize = (uint)sizeof(LifBatchConfig),
        Scheme = (uint)s.Scheme,
        NNeurons = n,
        TMs = s.TMs,
        DtMs = s.DtMs,
        TrefMs = s.TrefMs,
        IMean = s.IMean,
        IStd = s.IStd,
        ObsNoiseStd = s.ObsNoiseStd,
        VClipLo = s.VClipLo,
        VClipHi = s.VClipHi,
        Seed = o.Seed,
        MaxSpikes = o.MaxSpikesPerNeuron,
        VoltageEvery = o.VoltageEvery,
        NThreads = o.Threads,
        Simd = o.Simd,
        MaxMemoryBytes = maxMemory,
    };
}
