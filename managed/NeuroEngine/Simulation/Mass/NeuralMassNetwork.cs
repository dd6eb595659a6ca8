using System.Runtime.InteropServices;
using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Mass;

/// <summary>Result of a neural mass run: per parameter set, the recorded variables
/// (<see cref="NeuralMassModels.OutputNames"/>) of every node on the output grid t = k * sample (after
/// round(t / dt) Euler steps). <c>Values[set][variable]</c> is [time, node].</summary>
public sealed record NeuralMassResult(double[] TimesMs, IReadOnlyList<string> Variables, double[][][,] Values)
{
    /// <summary>BOLD of one parameter set (Balloon-Windkessel, TR 2 s) driven by neurolib's
    /// boldInputTransform of the first output (<see cref="NeuralMassModels.BoldInput"/>), integrated at
    /// the output sampling step <paramref name="sampleMs"/>.</summary>
    public (double[] TimesMs, double[,] Bold) Bold(NeuralMassModel model, int set, double sampleMs, int threads = 0) =>
        Bold(MassModelCatalog.Get(model), set, sampleMs, threads);

    /// <summary>BOLD of one parameter set of any model, built-in or user-defined, driven by its descriptor's
    /// <see cref="MassModelDescriptor.BoldInput"/> of the first output (a model file's <c>bold: {scale, offset}</c>).</summary>
    public (double[] TimesMs, double[,] Bold) Bold(MassModelDescriptor model, int set, double sampleMs, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var first = Values[set][0];
        var z = new double[first.GetLength(0), first.GetLength(1)];
        for (int s = 0; s < z.GetLength(0); s++)
            for (int i = 0; i < z.GetLength(1); i++) z[s, i] = model.BoldInput(first[s, i]);
        return NeuroEngine.Simulation.Bold.BoldModel.Simulate(z, sampleMs, threads: threads);
    }

    /// <summary>One recorded variable of one parameter set, [time, node].</summary>
    public double[,] Get(string variable, int set = 0)
    {
        int v = Variables.ToList().IndexOf(variable);
        if (v < 0) throw new ArgumentException($"'{variable}' is not recorded (recorded: {string.Join(", ", Variables)})", nameof(variable));
        return Values[set][v];
    }
}

/// <summary>K parameter sets of a neural mass model on one connectome, simulated natively (explicit
/// Euler as neurolib, delays D = Dmat / signalV rounded half-to-even to steps, constant initial
/// history, OU input from Philox streams).</summary>
public static unsafe class NeuralMassNetwork
{
    private static readonly AlnTables EmptyTables = AlnTables.Empty;

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
    /// <param name="init">Initial state per set [set][variables * nodes] in the order of
    /// <see cref="NeuralMassModels.StateNames"/>, held as constant history (ALN's rates in Hz).</param>
    /// <param name="dtMs">Euler step (ms).</param>
    /// <param name="durationMs">Simulated time (ms).</param>
    /// <param name="sampleMs">Output interval (ms), rounded to steps.</param>
    /// <param name="seed">Seed of the OU noise.</param>
    /// <param name="threads">Threads, 0 = every CPU the process may use.</param>
    /// <param name="progress">Fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <param name="alnTables">ALN's transfer-function tables (required for <see cref="NeuralMassModel.Aln"/>).</param>
    public static NeuralMassResult Run(IReadOnlyList<NeuralMassParameters> parameterSets, double[,] cmat, int[,]? delaySteps,
        double[][] init, double dtMs, double durationMs, double sampleMs, ulong seed, int threads = 0,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default, AlnTables? alnTables = null)
    {
        ArgumentNullException.ThrowIfNull(parameterSets);
        ArgumentNullException.ThrowIfNull(cmat);
        ArgumentNullException.ThrowIfNull(init);
        int k = parameterSets.Count, n = CheckNetwork(cmat, delaySteps);
        if (k == 0) throw new ArgumentException("give at least one parameter set", nameof(parameterSets));
        var model = parameterSets[0].Model;
        if (parameterSets.Any(p => p.Model != model)) throw new ArgumentException("all parameter sets must be of one model", nameof(parameterSets));
        var stateNames = NeuralMassModels.StateNames(model);
        var outputNames = NeuralMassModels.OutputNames(model);
        int nState = stateNames.Count;
        CheckInit(init, k, n, stateNames);
        if (model == NeuralMassModel.Aln && alnTables is null)
            throw new ArgumentException("the ALN model needs its transfer-function tables (alnTables, config key aln_tables)", nameof(alnTables));
        var (steps, every) = StepsOf(dtMs, durationMs, sampleMs);
        var parameters = parameterSets.SelectMany(p => p.ToNative()).ToArray();
        var initial = init.SelectMany(r => r).ToArray();
        if (model == NeuralMassModel.Aln) // the kernel keeps rates in kHz, as neurolib
            for (int set = 0; set < k; set++)
                for (int i = 0; i < 2 * n; i++) initial[set * nState * n + i] /= 1000.0;
        var tables = alnTables ?? EmptyTables;
        fixed (double* mu = tables.Mu)
        fixed (double* sigma = tables.Sigma)
        fixed (double* rate = tables.Rate)
        fixed (double* vMean = tables.VMean)
        fixed (double* tauMu = tables.TauMu)
        {
            var aln = new AlnTablesNative
            {
                NMu = tables.Mu.Length, NSigma = tables.Sigma.Length, Mu = mu, Sigma = sigma, Rate = rate, VMean = vMean, TauMu = tauMu,
            };
            var config = new MassConfig { Model = (uint)model, Aln = model == NeuralMassModel.Aln ? &aln : null };
            return Simulate(config, cmat, delaySteps, parameters, initial, k, dtMs, steps, every, seed, threads, outputNames,
                progress, cancellationToken);
        }
    }

    /// <summary>Runs K parameter sets of a user-defined model (<see cref="IUserMassKernel"/>, e.g. compiled from a model
    /// file) with the built-ins' delayed coupling, OU noise (the same Philox streams: a user model that writes a built-in's
    /// equations gives the built-in's values, seed for seed), sampling and threads.</summary>
    /// <param name="model">The model's lane functions and layout; kept alive for the run.</param>
    /// <param name="parameterRows">K native parameter rows of 64 slots each, in the model's own slot numbering
    /// (<see cref="MassModelParameter.Slot"/>).</param>
    /// <param name="cmat">Coupling [target, source] (diagonal ignored).</param>
    /// <param name="delaySteps">Delays in steps [target, source], or null.</param>
    /// <param name="init">Initial state per set [set][variables * nodes] in the order of the descriptor's state
    /// variables, held as constant history.</param>
    /// <param name="dtMs">Euler step (ms).</param>
    /// <param name="durationMs">Simulated time (ms).</param>
    /// <param name="sampleMs">Output interval (ms), rounded to steps.</param>
    /// <param name="seed">Seed of the OU noise.</param>
    /// <param name="threads">Threads, 0 = every CPU the process may use.</param>
    /// <param name="progress">Fraction done.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <exception cref="SimulationDivergedException">A state variable became NaN or infinite (the message names it,
    /// the time, the node and the set); nothing is returned.</exception>
    public static NeuralMassResult Run(IUserMassKernel model, IReadOnlyList<double[]> parameterRows, double[,] cmat,
        int[,]? delaySteps, double[][] init, double dtMs, double durationMs, double sampleMs, ulong seed, int threads = 0,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameterRows);
        ArgumentNullException.ThrowIfNull(cmat);
        ArgumentNullException.ThrowIfNull(init);
        var descriptor = model.Descriptor ?? throw new ArgumentException("the model has no descriptor", nameof(model));
        int k = parameterRows.Count, n = CheckNetwork(cmat, delaySteps);
        if (k == 0) throw new ArgumentException("give at least one parameter row", nameof(parameterRows));
        for (int set = 0; set < k; set++)
            if (parameterRows[set]?.Length != ParameterRowLength)
                throw new ArgumentException($"parameterRows[{set}] must hold {ParameterRowLength} values (the native row), got {parameterRows[set]?.Length.ToString() ?? "null"}", nameof(parameterRows));
        var stateNames = descriptor.StateVariables;
        CheckInit(init, k, n, stateNames);
        var (steps, every) = StepsOf(dtMs, durationMs, sampleMs);
        var modes = model.Couplings.Select(m => (uint)m).ToArray();
        var meanSlots = model.NoiseMeanSlots.ToArray();
        // the engine copies the modes, slots and names on create; the functions and context live with the model
        var names = stateNames.Select(name => Marshal.StringToCoTaskMemUTF8(name)).ToArray();
        try
        {
            fixed (uint* m = modes)
            fixed (int* slots = meanSlots)
            fixed (nint* namePointers = names)
            {
                var user = new MassUserModelNative
                {
                    StructSize = (uint)sizeof(MassUserModelNative), NParams = model.ParameterCount, NState = stateNames.Count,
                    NOutputs = descriptor.Outputs.Count, NCouplings = modes.Length, NNoise = meanSlots.Length,
                    StrengthSlot = model.StrengthSlot, TauOuSlot = model.TauOuSlot, SigmaOuSlot = model.SigmaOuSlot,
                    CouplingModes = m, NoiseMeanSlots = slots, Step = model.Step, Send = model.Send, Observe = model.Observe,
                    Context = model.Context, StateNames = (byte**)namePointers,
                };
                var config = new MassConfig { Model = UserModel, User = &user };
                return Simulate(config, cmat, delaySteps, parameterRows.SelectMany(r => r).ToArray(), init.SelectMany(r => r).ToArray(),
                    k, dtMs, steps, every, seed, threads, descriptor.Outputs, progress, cancellationToken);
            }
        }
        finally
        {
            foreach (var name in names) Marshal.FreeCoTaskMem(name);
            GC.KeepAlive(model); // its functions ran until Simulate returned
        }
    }

    private const int ParameterRowLength = 64; // NE_MASS_N_PARAMS
    private const uint UserModel = 5;          // NE_MASS_USER

    /// <summary>Checks cmat and the delays; returns the node count.</summary>
    private static int CheckNetwork(double[,] cmat, int[,]? delaySteps)
    {
        int n = cmat.GetLength(0);
        if (cmat.GetLength(1) != n) throw new ArgumentException($"cmat must be square, got {n} x {cmat.GetLength(1)}", nameof(cmat));
        if (delaySteps is not null && (delaySteps.GetLength(0) != n || delaySteps.GetLength(1) != n))
            throw new ArgumentException($"delaySteps must be {n} x {n}", nameof(delaySteps));
        return n;
    }

    private static void CheckInit(double[][] init, int k, int n, IReadOnlyList<string> stateNames)
    {
        int nState = stateNames.Count;
        if (init.Length != k || init.Any(row => row is null || row.Length != nState * n))
            throw new ArgumentException($"init must hold {k} rows of {nState * n} values ({string.Join(", ", stateNames)} of {n} nodes)", nameof(init));
    }

    /// <summary>Euler steps of the run and steps per sample.</summary>
    private static (long Steps, int Every) StepsOf(double dtMs, double durationMs, double sampleMs)
    {
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentException($"dtMs must be > 0, got {dtMs}", nameof(dtMs));
        if (!double.IsFinite(sampleMs) || sampleMs < dtMs) throw new ArgumentException($"sampleMs must be >= dtMs, got {sampleMs}", nameof(sampleMs));
        if (!double.IsFinite(durationMs) || durationMs < sampleMs) throw new ArgumentException($"durationMs must be >= sampleMs, got {durationMs}", nameof(durationMs));
        return ((long)Math.Round(durationMs / dtMs), (int)Math.Round(sampleMs / dtMs));
    }

    /// <summary>Creates the native handle from <paramref name="config"/> (model, ALN tables or user model set; the rest
    /// is filled here) and runs it, each set's outputs written straight into their result arrays.</summary>
    private static NeuralMassResult Simulate(MassConfig config, double[,] cmat, int[,]? delaySteps, double[] parameters,
        double[] initial, int k, double dtMs, long steps, int every, ulong seed, int threads, IReadOnlyList<string> outputNames,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        int n = cmat.GetLength(0), nOut = outputNames.Count;
        long samples = steps / every;
        var flatC = new double[n * n];
        Buffer.BlockCopy(cmat, 0, flatC, 0, flatC.Length * sizeof(double));
        int[]? flatD = null;
        if (delaySteps is not null) { flatD = new int[n * n]; Buffer.BlockCopy(delaySteps, 0, flatD, 0, flatD.Length * sizeof(int)); }
        var values = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, nOut).Select(_ => new double[samples, n]).ToArray()).ToArray();
        MassHandle handle;
        fixed (double* c = flatC)
        fixed (int* d = flatD)
        fixed (double* p = parameters)
        fixed (double* i0 = initial)
        {
            config.StructSize = (uint)sizeof(MassConfig);
            config.NNodes = n;
            config.NBatch = k;
            config.DtMs = dtMs;
            config.Cmat = c;
            config.DelaySteps = d;
            config.Params = p;
            config.Init = i0;
            config.Seed = seed;
            config.SampleEvery = every;
            config.NThreads = threads;
            NativeStatus.Check(NativeMethods.ne_mass_create(config, out handle));
        }
        using (handle)
        {
            // the kernel writes every set's outputs straight into their result arrays (pinned for the
            // run): no staging buffer, no copy, and the first touch of the fresh arrays' pages is
            // spread over the kernel's threads instead of one copying thread
            long chunk = Math.Max(every, (steps / 20 + every - 1) / every * every), done = 0, row = 0;
            var pins = new GCHandle[k * nOut];
            var rows = new double*[k * nOut];
            try
            {
                for (int set = 0; set < k; set++)
                    for (int v = 0; v < nOut; v++)
                    {
                        pins[set * nOut + v] = GCHandle.Alloc(values[set][v], GCHandleType.Pinned);
                        // fresh arrays, not yet touched: huge pages spare the kernel a page fault per 4 KiB
                        NativeStatus.Check(NativeMethods.ne_advise_huge_pages((void*)pins[set * nOut + v].AddrOfPinnedObject(),
                                                                              values[set][v].LongLength * sizeof(double)));
                    }
                while (done < steps)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    long m = Math.Min(chunk, steps - done);
                    for (int q = 0; q < pins.Length; q++)
                        rows[q] = (double*)pins[q].AddrOfPinnedObject() + row * n;
                    long got;
                    // a user model whose state diverges throws here (SimulationDivergedException): no result
                    fixed (double** r = rows)
                        NativeStatus.Check(NativeMethods.ne_mass_advance_into(handle, m, r, rows.Length, samples - row, out got));
                    row += got;
                    done += m;
                    progress?.Report((double)done / steps);
                }
            }
            finally
            {
                foreach (var pin in pins)
                    if (pin.IsAllocated) pin.Free();
            }
        }
        var times = Enumerable.Range(1, (int)samples).Select(s => s * every * dtMs).ToArray();
        return new NeuralMassResult(times, outputNames, values);
    }
}
