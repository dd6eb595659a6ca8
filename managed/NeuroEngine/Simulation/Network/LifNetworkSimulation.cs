using System.Diagnostics;
using System.Runtime.CompilerServices;
using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Network;

/// <summary>State variables readable with <see cref="LifNetworkSimulation.ReadState"/>.</summary>
public enum NetworkStateVariable
{
    /// <summary>Membrane potential (mV).</summary>
    V = 0,
    /// <summary>Excitatory current (pA) or conductance (nS).</summary>
    Excitatory = 1,
    /// <summary>Inhibitory current (pA) or conductance (nS).</summary>
    Inhibitory = 2,
    /// <summary>Refractory steps left.</summary>
    RefractorySteps = 3,
}

/// <summary>A batch of K LIF networks with the same structure (one shared connectivity, generated
/// from <c>connectivitySeed</c>) and their own parameters, weights, drives, stimuli and seeds,
/// simulated together in the native kernel. Results depend only on the seeds: not on the thread
/// count, the SIMD level, how the run is split into chunks, or which other networks share the batch
/// (network k equals a single run with seed k).</summary>
public sealed unsafe class LifNetworkSimulation : IDisposable
{
    private readonly LifNetworkHandle _handle;
    private readonly LifNetworkSpec[] _batch;
    private readonly ulong[] _seeds;
    private readonly int _sampleEvery;
    private readonly bool _recordSpikes;
    private readonly long _maxMemoryBytes;
    private readonly long _baseBytes; // connectivity + state, before any records

    /// <summary>Soft bound on the records (spikes, population counts, samples) one chunk of
    /// <see cref="Run"/> may produce (64 MiB); with a memory cap the bound is the cap's headroom.</summary>
    public const long ChunkRecordBytes = 64L << 20;

    /// <summary>Creates the batch: validates every spec, generates the connectivity and draws the
    /// initial state.</summary>
    /// <param name="batch">K &gt;= 1 specs with the same structure (<see cref="LifNetworkSpec.SameStructure"/>).</param>
    /// <param name="connectivitySeed">Seed of the shared connectivity.</param>
    /// <param name="seeds">K seeds of the initial states and Poisson drives.</param>
    /// <param name="recording">What to record (default: spikes, no population samples).</param>
    /// <param name="threads">Threads, 0 = every CPU the process may use.</param>
    /// <param name="maxMemoryBytes">Refuse networks whose native memory exceeds this (0 = no cap).</param>
    public LifNetworkSimulation(IReadOnlyList<LifNetworkSpec> batch, ulong connectivitySeed, IReadOnlyList<ulong> seeds,
        NetworkRecording? recording = null, int threads = 0, long maxMemoryBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(seeds);
        if (batch.Count == 0) throw new ArgumentException("the batch must hold at least one network", nameof(batch));
        if (seeds.Count != batch.Count) throw new ArgumentException($"seeds has {seeds.Count} entries but the batch {batch.Count} networks", nameof(seeds));
        if (threads < 0) throw new ArgumentException($"threads must be >= 0 (0 = all cores), got {threads}", nameof(threads));
        if (maxMemoryBytes < 0) throw new ArgumentException($"maxMemoryBytes must be >= 0, got {maxMemoryBytes}", nameof(maxMemoryBytes));
        recording ??= new NetworkRecording();
        for (int k = 0; k < batch.Count; k++)
        {
            batch[k].Validate();
            if (k > 0 && !batch[0].SameStructure(batch[k]))
                throw new ArgumentException($"batch[{k}] differs from batch[0] in structure (populations, connection rules, delays or drive targets); only parameters and weights may differ", nameof(batch));
        }
        var spec = batch[0];
        if (!double.IsFinite(recording.SampleMs) || recording.SampleMs < 0)
            throw new ArgumentException($"recording.SampleMs must be >= 0, got {recording.SampleMs}", nameof(recording));
        _sampleEvery = recording.SampleMs > 0 ? (int)Math.Max(1, Math.Round(recording.SampleMs / spec.DtMs)) : 0;
        _recordSpikes = recording.Spikes;
        _batch = batch.ToArray();
        _seeds = seeds.ToArray();

        int k0 = batch.Count, p = spec.Populations.Count, np = spec.Projections.Count, nd = spec.Drives.Count, ns = spec.Stimuli.Count;
        var populations = new NetworkPopulation[k0 * p];
        var weights = new double[Math.Max(1, k0 * np)];
        var drives = new NetworkDrive[Math.Max(1, k0 * nd)];
        var stimuli = new NetworkStimulus[Math.Max(1, k0 * ns)];
        var projections = new NetworkProjection[Math.Max(1, np)];
        for (int i = 0; i < np; i++)
        {
            var c = spec.Projections[i];
            projections[i] = new NetworkProjection
            {
                StructSize = (uint)sizeof(NetworkProjection), Rule = (uint)c.Rule,
                Source = spec.IndexOf(c.From), Target = spec.IndexOf(c.To), Indegree = c.Indegree,
                AllowAutapses = c.Autapses ? 1 : 0, AllowMultapses = c.Multapses ? 1 : 0,
                Probability = c.Probability, DelayMs = c.DelayMs, DelayMaxMs = c.DelayMaxMs,
            };
        }
        using var models = new NativeNeuronModels();
        for (int k = 0; k < k0; k++)
        {
            var s = batch[k];
            for (int q = 0; q < p; q++)
            {
                populations[k * p + q] = ToNative(s.Populations[q], _recordSpikes);
                if (s.Populations[q].Model is { } model) models.Attach(ref populations[k * p + q], model, s.DtMs, $"populations.{s.Populations[q].Name}");
            }
            for (int i = 0; i < np; i++) weights[k * np + i] = s.Projections[i].Weight;
            for (int i = 0; i < nd; i++)
                drives[k * nd + i] = new NetworkDrive
                {
                    StructSize = (uint)sizeof(NetworkDrive), Target = s.IndexOf(s.Drives[i].To),
                    RateHz = s.Drives[i].TotalRateHz, Weight = s.Drives[i].Weight,
                };
            for (int i = 0; i < ns; i++)
            {
                var st = s.Stimuli[i];
                stimuli[k * ns + i] = new NetworkStimulus
                {
                    StructSize = (uint)sizeof(NetworkStimulus), Shape = (uint)st.Shape, Target = s.IndexOf(st.To),
                    OnsetMs = st.OnsetMs, DurationMs = st.DurationMs, Amplitude = st.Amplitude,
                    TauRiseMs = st.TauRiseMs, TauDecayMs = st.TauDecayMs,
                };
            }
        }
        fixed (ulong* seedPtr = _seeds)
        fixed (NetworkPopulation* popPtr = populations)
        fixed (NetworkProjection* projPtr = projections)
        fixed (double* weightPtr = weights)
        fixed (NetworkDrive* drivePtr = drives)
        fixed (NetworkStimulus* stimPtr = stimuli)
        {
            var config = new NetworkConfig
            {
                StructSize = (uint)sizeof(NetworkConfig), SynapseType = (uint)spec.Synapse,
                NNetworks = k0, NPopulations = p, NProjections = np, NDrives = nd, NStimuli = ns, NThreads = threads,
                DtMs = spec.DtMs, ConnectivitySeed = connectivitySeed, Seeds = seedPtr, Populations = popPtr,
                Projections = projPtr, Weights = weightPtr, Drives = drivePtr, Stimuli = stimPtr,
                SampleEvery = _sampleEvery, Simd = 0, MaxMemoryBytes = maxMemoryBytes, Precision = (uint)spec.Precision,
            };
            NativeStatus.Check(NativeMethods.ne_network_create(config, out _handle));
        }
        _maxMemoryBytes = maxMemoryBytes;
        _baseBytes = Info().NativeBytes;
    }

    /// <summary>A single network: connectivity and dynamics both from <paramref name="seed"/>.</summary>
    public static LifNetworkSimulation Single(LifNetworkSpec spec, ulong seed, NetworkRecording? recording = null,
        int threads = 0, long maxMemoryBytes = 0) => new([spec], seed, [seed], recording, threads, maxMemoryBytes);

    /// <summary>Synapses per network.</summary>
    public long Synapses => Info().Synapses;
    /// <summary>Bytes of the shared connectivity (4 per synapse plus 8 per neuron).</summary>
    public long ConnectivityBytes => Info().ConnectivityBytes;
    /// <summary>Bytes the native handle holds.</summary>
    public long NativeBytes => Info().NativeBytes;
    /// <summary>Steps simulated so far.</summary>
    public long StepsDone => Info().StepsDone;

    /// <summary>Targets of neuron <paramref name="source"/> (ascending, repeated for multapses).</summary>
    public int[] ReadTargets(long source)
    {
        NativeStatus.Check(NativeMethods.ne_network_read_targets(_handle, source, null, 0, out long count), nameof(source));
        var targets = new int[count];
        fixed (int* t = targets)
            NativeStatus.Check(NativeMethods.ne_network_read_targets(_handle, source, t, count, out _), nameof(source));
        return targets;
    }

    /// <summary>Delays (steps) of the targets of neuron <paramref name="source"/>, in the order of <see cref="ReadTargets"/>.</summary>
    public int[] ReadTargetDelays(long source)
    {
        NativeStatus.Check(NativeMethods.ne_network_read_target_delays(_handle, source, null, 0, out long count), nameof(source));
        var delays = new int[count];
        fixed (int* d = delays)
            NativeStatus.Check(NativeMethods.ne_network_read_target_delays(_handle, source, d, count, out _), nameof(source));
        return delays;
    }

    /// <summary>Number of synapses leaving each neuron (network-local ids).</summary>
    public long[] OutDegrees()
    {
        var info = Info();
        var degrees = new long[info.Neurons];
        for (long s = 0; s < degrees.Length; s++)
        {
            NativeStatus.Check(NativeMethods.ne_network_read_targets(_handle, s, null, 0, out long count));
            degrees[s] = count;
        }
        return degrees;
    }

    /// <summary>State variable <paramref name="index"/> of the user neuron models (0 is V), [network * neurons +
    /// neuron]; NaN for neurons whose population's model has no such variable.</summary>
    public double[] ReadModelState(int index)
    {
        if (index < 0 || index >= 16) throw new ArgumentException($"index must be in [0, 16), got {index}", nameof(index));
        var info = Info();
        var values = new double[info.NNetworks * info.Neurons];
        fixed (double* v = values)
            NativeStatus.Check(NativeMethods.ne_network_read_state(_handle, 16u + (uint)index, v, values.LongLength), nameof(index));
        return values;
    }

    /// <summary>A state variable of every neuron now, [network * neurons + neuron].</summary>
    public double[] ReadState(NetworkStateVariable variable)
    {
        var info = Info();
        var values = new double[info.NNetworks * info.Neurons];
        fixed (double* v = values)
            NativeStatus.Check(NativeMethods.ne_network_read_state(_handle, (uint)variable, v, values.LongLength), nameof(variable));
        return values;
    }

    /// <summary>Advances every network by <paramref name="steps"/> steps, discarding the records
    /// (for stepping in tests and warm-up); <see cref="Run"/> records.</summary>
    public void Advance(long steps) => NativeStatus.Check(NativeMethods.ne_network_advance(_handle, steps), nameof(steps));

    /// <summary>Simulates <paramref name="durationMs"/> (rounded to whole steps) in chunks, reporting
    /// progress in [0, 1] and honouring cancellation between chunks, and returns one result per
    /// network. The chunk size keeps each chunk's records bounded (<see cref="ChunkRecordBytes"/>,
    /// or within maxMemoryBytes when a cap was given) and gives about 20 progress reports; it never
    /// changes the result. A later call continues the simulation; its result's steps and times
    /// count from its own start.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the networks stay usable at the step reached.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // its per-step loops should not start in tier-0 code
    public IReadOnlyList<LifNetworkResult> Run(double durationMs, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var spec = _batch[0];
        if (!double.IsFinite(durationMs) || durationMs < spec.DtMs)
            throw new ArgumentException($"durationMs must be >= dt ({spec.DtMs} ms), got {durationMs}", nameof(durationMs));
        long total = (long)Math.Round(durationMs / spec.DtMs);
        int k0 = _batch.Length, p = spec.Populations.Count;
        long cells = total * p;
        if (cells > Array.MaxLength) throw new ArgumentException($"durationMs {durationMs} has too many steps x populations to record ({cells})", nameof(durationMs));
        var wall = Stopwatch.StartNew();
        var counts = Enumerable.Range(0, k0).Select(_ => new int[cells]).ToArray();
        long first = StepsDone;
        // samples end at steps a = n + 1 that are multiples of sampleEvery, counted from creation
        long samplesTotal = _sampleEvery > 0 ? (first + total) / _sampleEvery - first / _sampleEvery : 0;
        long sampleOffset = _sampleEvery > 0 ? (first / _sampleEvery + 1) * _sampleEvery - first - _sampleEvery : 0;
        var sums = Enumerable.Range(0, k0).Select(_ => new double[samplesTotal * p * 5]).ToArray();
        var spikeNeurons = Enumerable.Range(0, k0).Select(_ => new List<int>()).ToArray();
        var spikeSteps = Enumerable.Range(0, k0).Select(_ => new List<long>()).ToArray();
        // about 20 progress reports per run, at most 5,000 steps per call; aligned to samples where possible
        long chunk = Math.Clamp((total + 19) / 20, 1, 5000);
        if (_sampleEvery > 0 && chunk >= _sampleEvery) chunk = chunk / _sampleEvery * _sampleEvery;
        var bound = new ChunkBound(this);
        double observedSpikesPerStep = -1; // unknown until the first chunk ran
        long done = 0, samplesDone = 0;
        int[] chunkCounts = [];
        double[] chunkSums = [];
        while (done < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long n = Math.Min(Math.Min(chunk, bound.MaxSteps(observedSpikesPerStep)), total - done);
            NativeStatus.Check(NativeMethods.ne_network_advance(_handle, n));
            var info = Info();
            observedSpikesPerStep = Math.Max(observedSpikesPerStep, (double)info.ChunkSpikes / n);
            if (chunkCounts.Length < n * k0 * p) chunkCounts = new int[n * k0 * p];
            fixed (int* c = chunkCounts) NativeStatus.Check(NativeMethods.ne_network_read_population_counts(_handle, c, chunkCounts.LongLength));
            for (long s = 0; s < n; s++)
                for (int k = 0; k < k0; k++)
                    Array.Copy(chunkCounts, (s * k0 + k) * p, counts[k], (done + s) * p, p);
            if (info.ChunkSamples > 0)
            {
                long need = info.ChunkSamples * k0 * p * 5;
                if (chunkSums.Length < need) chunkSums = new double[need];
                fixed (double* d = chunkSums) NativeStatus.Check(NativeMethods.ne_network_read_samples(_handle, d, chunkSums.LongLength));
                for (long m = 0; m < info.ChunkSamples; m++)
                    for (int k = 0; k < k0; k++)
                        Array.Copy(chunkSums, (m * k0 + k) * p * 5, sums[k], (samplesDone + m) * p * 5, p * 5);
                samplesDone += info.ChunkSamples;
            }
            if (info.ChunkSpikes > 0)
            {
                var net = new int[info.ChunkSpikes];
                var neuron = new int[info.ChunkSpikes];
                var step = new long[info.ChunkSpikes];
                fixed (int* a = net)
                fixed (int* b = neuron)
                fixed (long* c = step)
                    NativeStatus.Check(NativeMethods.ne_network_read_spikes(_handle, a, b, c, info.ChunkSpikes));
                for (long i = 0; i < info.ChunkSpikes; i++)
                {
                    spikeNeurons[net[i]].Add(neuron[i]);
                    spikeSteps[net[i]].Add(step[i] - first);
                }
            }
            done += n;
            progress?.Report((double)done / total);
        }
        var info2 = Info();
        var perNeuron = new long[info2.NNetworks * info2.Neurons];
        fixed (long* c = perNeuron) NativeStatus.Check(NativeMethods.ne_network_read_spike_counts(_handle, c, perNeuron.LongLength));
        double seconds = wall.Elapsed.TotalSeconds;
        var results = new LifNetworkResult[k0];
        for (int k = 0; k < k0; k++)
            results[k] = new LifNetworkResult(_batch[k], k, _seeds[k], total, _sampleEvery, sampleOffset, spikeNeurons[k].ToArray(),
                spikeSteps[k].ToArray(), counts[k], sums[k], perNeuron.AsSpan((int)(k * info2.Neurons), (int)info2.Neurons).ToArray(),
                info2.Synapses, seconds);
        return results;
    }

    /// <summary>How many steps one advance call may take so that its records stay bounded. Without a
    /// memory cap the bound is soft (<see cref="ChunkRecordBytes"/> for the expected records: the worst
    /// case before the first chunk, then twice the highest spike rate seen). With a cap it is hard:
    /// the native side fails the whole handle when one call's records outgrow the cap, so the
    /// worst case is used throughout (each neuron spikes at most once per refractory period + 1
    /// step) and the spike buffer's doubling growth is allowed for.</summary>
    private readonly struct ChunkBound
    {
        private readonly long _headroom;          // bytes for one call's records
        private readonly bool _hard;
        private readonly double _countBytesPerStep; // population counts and samples
        private readonly double _worstSpikesPerStep;
        private readonly double _worstSpikesPerChunk; // + one spike per recorded neuron (ceil)
        private readonly double _sampleBytes;         // one sample more than steps / sampleEvery

        public ChunkBound(LifNetworkSimulation sim)
        {
            var spec = sim._batch[0];
            int k0 = sim._batch.Length, p = spec.Populations.Count;
            _hard = sim._maxMemoryBytes > 0;
            _headroom = _hard ? Math.Max(0, sim._maxMemoryBytes - sim._baseBytes) : ChunkRecordBytes;
            _countBytesPerStep = (double)k0 * p * sizeof(int) + (sim._sampleEvery > 0 ? (double)k0 * p * 5 * sizeof(double) / sim._sampleEvery : 0);
            _sampleBytes = sim._sampleEvery > 0 ? (double)k0 * p * 5 * sizeof(double) : 0;
            double perStep = 0, constant = 0;
            if (sim._recordSpikes)
                foreach (var s in sim._batch)
                    foreach (var pop in s.Populations)
                    {
                        double recorded = pop.RecordSpikes < 0 ? pop.Size : Math.Min(pop.RecordSpikes, pop.Size);
                        perStep += recorded / (Math.Round(pop.RefractoryMs(spec.DtMs) / spec.DtMs, MidpointRounding.AwayFromZero) + 1);
                        constant += recorded;
                    }
            _worstSpikesPerStep = perStep;
            _worstSpikesPerChunk = constant;
        }

        public long MaxSteps(double observedSpikesPerStep)
        {
            const double spikeBytes = 2 * sizeof(int) + sizeof(long);
            double steps;
            if (_hard)
            {
                // spike capacity grows by doubling: keep twice the spikes' bytes within the headroom
                double spikeSteps = _worstSpikesPerStep > 0
                    ? (_headroom / (2 * spikeBytes) - _worstSpikesPerChunk) / _worstSpikesPerStep : double.PositiveInfinity;
                steps = Math.Min(spikeSteps, (_headroom - _sampleBytes) / _countBytesPerStep);
            }
            else
            {
                double spikesPerStep = observedSpikesPerStep < 0 ? _worstSpikesPerStep : 2 * observedSpikesPerStep;
                steps = _headroom / (_countBytesPerStep + spikeBytes * spikesPerStep);
            }
            return steps >= long.MaxValue / 2 ? long.MaxValue / 2 : Math.Max(1, (long)steps);
        }
    }

    /// <summary>Releases the native network.</summary>
    public void Dispose() => _handle.Dispose();

    private NetworkInfo Info()
    {
        var info = new NetworkInfo { StructSize = (uint)sizeof(NetworkInfo) };
        NativeStatus.Check(NativeMethods.ne_network_info_get(_handle, ref info));
        return info;
    }

    private static NetworkPopulation ToNative(Population p, bool recordSpikes)
    {
        var n = p.Neuron;
        var (vk, va, vb) = n.VInit.ToNative();
        var (ek, ea, eb) = n.GExcInit.ToNative();
        var (ik, ia, ib) = n.GInhInit.ToNative();
        return new NetworkPopulation
        {
            StructSize = (uint)sizeof(NetworkPopulation), Size = p.Size, RecordSpikes = recordSpikes ? p.RecordSpikes : 0,
            VInitKind = vk, VInitA = va, VInitB = vb, TauMMs = n.TauMMs, CmPf = n.CmPf, VTh = n.VTh, VReset = n.VReset,
            EL = n.EL, TRefMs = n.TRefMs, TauExcMs = n.TauExcMs, TauInhMs = n.TauInhMs, EExc = n.EExc, EInh = n.EInh,
            IDc = n.IDc, GExcInitKind = ek, GInhInitKind = ik, GExcInitA = ea, GExcInitB = eb, GInhInitA = ia, GInhInitB = ib,
        };
    }
}
