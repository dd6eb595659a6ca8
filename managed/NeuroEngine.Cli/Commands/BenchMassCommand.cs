using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.Data;
using NeuroEngine.Models;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench mass --model wc --nodes N --batch K</c>: region-steps per second of the
/// neural mass kernel, K parameter sets in one call (SIMD across sets) against K separate calls (one set
/// each), on a connectome (a folder or a data set's name; delays from signalV = 20 m/s) or random dense coupling with random delays
/// up to 100 steps; OU noise on unless --sigma-ou 0. <c>--model-file FILE</c> times a user-defined model (docs/custom-models.md)
/// on the same work: the same parameter names, sets, initial states, network and seed, so a built-in and the file that
/// writes its equations run side by side (benchmarks/reference/run_custom_models.sh). Prints key=value lines.</summary>
public static class BenchMassCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = MassModelCatalog.NameList(), DefaultValueFactory = _ => "hopf", HelpName = "NAME" };
        var nodes = new Option<int>("--nodes") { Description = "Nodes (regions) of the random network", DefaultValueFactory = _ => 80, HelpName = "N" };
        var connectome = new Option<string?>("--connectome") { Description = "Data set name (gw) or folder with Cmat.csv and Dmat.csv (or .npy) instead of a random network", HelpName = "DIR|NAME" };
        var tables = new Option<string?>("--aln-tables") { Description = "ALN table folder (model aln; default: the shipped tables)", HelpName = "DIR" };
        var batch = new Option<int>("--batch") { Description = "Parameter sets K", DefaultValueFactory = _ => 8, HelpName = "K" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time per set (ms), dt = 0.1 ms", DefaultValueFactory = _ => 2000.0, HelpName = "T" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var skipSeparate = new Option<bool>("--skip-separate") { Description = "Time only the batched call" };
        var sigma = new Option<double>("--sigma-ou") { Description = "OU noise intensity (0: no noise drawn)", DefaultValueFactory = _ => 0.05, HelpName = "S" };
        var modelFile = new Option<string?>("--model-file") { Description = "A model file (YAML, docs/custom-models.md) instead of --model", HelpName = "FILE" };
        var backend = new Option<string>("--backend") { Description = "The model file's backend: auto, compiled or managed", DefaultValueFactory = _ => "auto", HelpName = "B" };
        var command = new Command("mass", "Time the neural mass kernel (a built-in model or a model file): K parameter sets batched vs separate; prints region-steps/s")
        {
            model, modelFile, backend, nodes, connectome, tables, batch, duration, threads, skipSeparate, sigma,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(model)!, parse.GetValue(modelFile), parse.GetValue(backend)!,
            parse.GetValue(nodes), parse.GetValue(connectome), parse.GetValue(tables), parse.GetValue(batch), parse.GetValue(duration), parse.GetValue(threads),
            parse.GetValue(skipSeparate), parse.GetValue(sigma), context)));
        return command;
    }

    private static int Run(string modelName, string? modelFile, string backendName, int nodes, string? connectomeFolder, string? tableFolder, int batch,
        double durationMs, int threads, bool skipSeparate, double sigmaOu, CliContext context)
    {
        UserModelSource? user = null;
        MassModelDescriptor descriptor;
        if (modelFile is not null)
        {
            var backend = backendName switch
            {
                "auto" => ModelBackend.Auto,
                "compiled" => ModelBackend.Compiled,
                "managed" => ModelBackend.Managed,
                _ => throw new CliException($"--backend must be auto, compiled or managed, got '{backendName}'"),
            };
            string path = Path.GetFullPath(modelFile);
            if (!File.Exists(path)) throw new CliException($"--model-file: {path} not found");
            try { user = UserModelCache.Get(path, backend, context.Stderr); }
            catch (ModelException ex) { throw new CliException("--model-file: " + ex.Message); }
            descriptor = user.Model.Descriptor;
        }
        else
            descriptor = MassModelCatalog.Find(modelName) ?? throw new CliException($"--model must be {MassModelCatalog.NameList()}, got '{modelName}'");
        var model = descriptor.BuiltIn;
        if (nodes < 1 || batch < 1) throw new CliException($"--nodes and --batch must be >= 1, got {nodes} and {batch}");
        if (threads < 0) throw new CliException($"--threads must be >= 0, got {threads}");
        if (!double.IsFinite(sigmaOu) || sigmaOu < 0) throw new CliException($"--sigma-ou must be >= 0, got {sigmaOu}");
        if (!double.IsFinite(durationMs) || durationMs < 1) throw new CliException($"--duration-ms must be >= 1, got {durationMs}");
        AlnTables? alnTables = null;
        if (model == NeuralMassModel.Aln)
        {
            try { alnTables = tableFolder is null ? AlnTables.LoadDefault() : AlnTables.Load(tableFolder); }
            catch (Exception ex) when (ex is IOException or InvalidDataException) { throw new CliException("--aln-tables: " + ex.Message); }
        }
        double[,] cmat;
        int[,] delays;
        var rng = new System.Random(1);
        if (connectomeFolder is not null)
        {
            Connectome c;
            try { c = Connectome.Load(Datasets.ConnectomePath(connectomeFolder, Directory.GetCurrentDirectory())); }
            catch (Exception ex) when (ex is IOException or InvalidDataException) { throw new CliException((Datasets.IsName(connectomeFolder) ? $"--connectome {connectomeFolder}: " : "--connectome: ") + ex.Message); }
            (cmat, delays, nodes) = (c.Cmat, NeuralMassNetwork.DelaySteps(c.Dmat, 20, 0.1), c.Regions);
        }
        else
        {
            cmat = new double[nodes, nodes];
            delays = new int[nodes, nodes];
            for (int i = 0; i < nodes; i++)
                for (int j = 0; j < nodes; j++) { cmat[i, j] = i == j ? 0 : rng.NextDouble() / nodes; delays[i, j] = rng.Next(101); }
        }
        var baseline = NeuralMassParameters.Defaults(descriptor);
        if (descriptor.Parameter("sigma_ou") is not null) baseline = baseline.With("sigma_ou", sigmaOu);
        var sets = Enumerable.Range(0, batch).Select(k => Vary(baseline, k)).ToArray();
        var init = Enumerable.Range(0, batch).Select(k => NeuralMassModels.RandomInit(descriptor, nodes, (ulong)k + 1)).ToArray();
        // a model file runs from its native rows, made before the clock starts
        var rows = user is null ? null : sets.Select(p => MassRun.Row(user.Model, p)).ToArray();
        NeuralMassResult Simulate(int first, int count) => rows is null
            ? NeuralMassNetwork.Run(sets[first..(first + count)], cmat, delays, init[first..(first + count)], 0.1, durationMs, 1, 1, threads, null,
                context.Cancellation, alnTables)
            : NeuralMassNetwork.Run(user!.Model, rows[first..(first + count)], cmat, delays, init[first..(first + count)], 0.1, durationMs, 1, 1, threads,
                null, context.Cancellation);
        var sw = Stopwatch.StartNew();
        var batched = Simulate(0, batch);
        double together = sw.Elapsed.TotalSeconds;
        double apart = double.NaN;
        if (!skipSeparate)
        {
            sw.Restart();
            for (int k = 0; k < batch; k++) Simulate(k, 1);
            apart = sw.Elapsed.TotalSeconds;
        }
        double regionSteps = (double)batch * nodes * Math.Round(durationMs / 0.1);
        string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
        var o = context.Stdout;
        o.WriteLine($"model={descriptor.Name}");
        if (user is not null)
        {
            o.WriteLine($"model_file={user.Path}");
            o.WriteLine($"backend={user.Model.Backend.ToString().ToLowerInvariant()}");
        }
        o.WriteLine($"nodes={nodes}");
        o.WriteLine($"batch={batch}");
        o.WriteLine($"batch_wall_s={F(together, "F3")}");
        o.WriteLine($"region_steps_per_s={F(regionSteps / together, "0.000e+00")}");
        if (!skipSeparate)
        {
            o.WriteLine($"separate_wall_s={F(apart, "F3")}");
            o.WriteLine($"separate_region_steps_per_s={F(regionSteps / apart, "0.000e+00")}");
            o.WriteLine($"batch_gain={F(apart / together, "F2")}");
        }
        // the batch's last recorded value of the first output (set 0, node 0): equal for a built-in and a file that writes
        // its equations (the same work), so a side-by-side comparison shows that both computed the same thing
        var firstOutput = batched.Values[0][0];
        o.WriteLine($"check={firstOutput[firstOutput.GetLength(0) - 1, 0].ToString("R", CultureInfo.InvariantCulture)}");
        return ExitCodes.Ok;
    }

    // a different global coupling per set, as a coupling sweep would use
    // (a model file without K_gl: its sets differ only in their noise)
    private static NeuralMassParameters Vary(NeuralMassParameters p, int k) => p.Descriptor.BuiltIn == NeuralMassModel.Aln
        ? p.With("c_gl", 0.2 + 0.02 * k)
        : p.Descriptor.Parameter("K_gl") is not null ? p.With("K_gl", 0.5 + 0.1 * k) : p;
}
