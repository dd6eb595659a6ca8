using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Bold;

/// <summary>The Balloon-Windkessel BOLD model (Friston et al. 2000; docs/bold.md), in native code: feed rates (Hz, one
/// row per step of <c>dtMs</c>, one column per region) in chunks; it keeps its state between calls and
/// returns the BOLD samples that complete, one every <c>sampleMs</c> (the value after round(t/dt)
/// Euler steps at t = k sampleMs, k = 1, 2, ...). Same equations, parameters and Euler order as
/// neurolib; neurolib keeps raw samples 1, 1 + N, ... instead (documented in docs/bold.md).</summary>
public sealed unsafe class BoldModel : IDisposable
{
    private readonly BoldHandle _handle;

    /// <summary>Creates the model.</summary>
    /// <param name="regions">Number of regions (columns of the input), &gt;= 1.</param>
    /// <param name="dtMs">Step of the input (ms).</param>
    /// <param name="sampleMs">Output interval (ms), rounded to whole steps (default the TR of 2 s).</param>
    /// <param name="parameters">Haemodynamic parameters (default neurolib's).</param>
    /// <param name="init">Initial state (default neurolib's all-ones).</param>
    /// <param name="threads">Threads over regions, 0 = every CPU the process may use.</param>
    public BoldModel(int regions, double dtMs, double sampleMs = 2000, BoldParameters? parameters = null,
        BoldInitialState init = BoldInitialState.Neurolib, int threads = 0)
    {
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentException($"dtMs must be > 0, got {dtMs}", nameof(dtMs));
        if (!double.IsFinite(sampleMs) || sampleMs < dtMs) throw new ArgumentException($"sampleMs must be >= dtMs ({dtMs}), got {sampleMs}", nameof(sampleMs));
        double every = Math.Round(sampleMs / dtMs);
        if (every > int.MaxValue) throw new ArgumentException($"sampleMs / dtMs = {every} steps is too many", nameof(sampleMs));
        var p = parameters ?? BoldParameters.Default;
        Regions = regions;
        DtMs = dtMs;
        SampleEvery = (int)every;
        var config = new BoldConfig
        {
            StructSize = (uint)sizeof(BoldConfig), Init = (uint)init, NRegions = regions, SampleEvery = SampleEvery, DtMs = dtMs,
            Rho = p.Rho, Alpha = p.Alpha, V0 = p.V0, K1 = p.K1, K2 = p.K2, K3 = p.K3, Gamma = p.Gamma, Kappa = p.Kappa, Tau = p.Tau,
            NThreads = threads,
        };
        NativeStatus.Check(NativeMethods.ne_bold_create(config, out _handle));
    }

    /// <summary>Regions.</summary>
    public int Regions { get; }
    /// <summary>Input step (ms).</summary>
    public double DtMs { get; }
    /// <summary>Steps per output sample.</summary>
    public int SampleEvery { get; }
    /// <summary>Steps integrated so far.</summary>
    public long StepsDone { get; private set; }

    /// <summary>Integrates <paramref name="rates"/> ([steps * regions], row-major, Hz) and returns the
    /// samples that completed ([samples * regions]).</summary>
    public double[] Advance(ReadOnlySpan<double> rates)
    {
        if (rates.Length == 0 || rates.Length % Regions != 0)
            throw new ArgumentException($"rates must hold whole rows of {Regions} regions, got {rates.Length} values", nameof(rates));
        long steps = rates.Length / Regions;
        long due = (StepsDone + steps) / SampleEvery - StepsDone / SampleEvery;
        var samples = new double[due * Regions];
        fixed (double* z = rates)
        fixed (double* s = samples)
            NativeStatus.Check(NativeMethods.ne_bold_advance(_handle, z, rates.Length, steps, s, samples.LongLength, out _), nameof(rates));
        StepsDone += steps;
        return samples;
    }

    /// <summary>State [4 * regions]: x, f, v, q.</summary>
    public double[] ReadState()
    {
        var state = new double[4 * Regions];
        fixed (double* s = state) NativeStatus.Check(NativeMethods.ne_bold_read_state(_handle, s, state.LongLength));
        return state;
    }

    /// <summary>One call: BOLD samples [samples, regions] and their times (ms) for rates [steps, regions].</summary>
    public static (double[] TimesMs, double[,] Bold) Simulate(double[,] rates, double dtMs, double sampleMs = 2000,
        BoldParameters? parameters = null, BoldInitialState init = BoldInitialState.Neurolib, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(rates);
        int steps = rates.GetLength(0), regions = rates.GetLength(1);
        using var model = new BoldModel(regions, dtMs, sampleMs, parameters, init, threads);
        var flat = new double[steps * regions];
        Buffer.BlockCopy(rates, 0, flat, 0, flat.Length * sizeof(double));
        var samples = model.Advance(flat);
        int n = samples.Length / regions;
        var bold = new double[n, regions];
        Buffer.BlockCopy(samples, 0, bold, 0, samples.Length * sizeof(double));
        var times = Enumerable.Range(1, n).Select(k => (double)k * model.SampleEvery * dtMs).ToArray();
        return (times, bold);
    }

    /// <summary>Releases the native model.</summary>
    public void Dispose() => _handle.Dispose();
}
