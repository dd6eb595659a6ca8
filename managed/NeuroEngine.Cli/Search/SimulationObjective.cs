using System.Globalization;
using NeuroEngine.Cli.Commands;
using NeuroEngine.Cli.Config;
using NeuroEngine.Native;
using NeuroEngine.Data;
using NeuroEngine.Search;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;
using NeuroEngine.Simulation.Network;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Search;

/// <summary>An objective from a <c>simulate</c> config (docs/search.md): each candidate's values
/// override the config's keys (<see cref="ConfigOverrides"/>), the model runs with the evaluation
/// seed as its seed, and the metrics are scored (one weighted loss, or one objective per metric).
/// Neural mass searches over <c>params</c> run a whole generation as one batched simulation (the
/// parameter sets of <see cref="NeuralMassNetwork"/>, seeded with the generation's first evaluation
/// seed, set k drawing the noise of position k). LIF network searches keep the config's network
/// (<c>connectivity_seed</c>: the config's) and draw initial state and drive from the evaluation
/// seed; a generation whose networks share their structure runs as one batch, others in parallel on
/// <c>workers</c> threads.</summary>
internal sealed class SimulationObjective : ISearchObjective
{
    private static readonly string[] MetricKeys = ["name", "target", "weight", "scale", "population", "bin_ms", "against", "transient_s", "window", "step"];
    private static readonly string[] ObjectiveKeys = ["metric", "direction", "target", "population", "bin_ms", "against", "transient_s", "window", "step"];

    private readonly YamlMappingNode _base;
    private readonly string _baseDirectory;
    private readonly ParameterSpace _space;
    private readonly string[][] _paths;
    private readonly IReadOnlyList<SearchMetric> _metrics;
    private readonly bool _multi;
    private readonly int _workers, _threads;
    private readonly NeuralMassConfig? _mass; // the parsed base config of a batched neural mass search
    private readonly MassModelDescriptor? _massModel; // the neural mass model searched (built-in or from a model file)
    private readonly Dictionary<string, EmpiricalData> _empirical = [];
    private readonly ulong? _connectivitySeed; // a network search keeps the simulate config's network
    private readonly int[] _neuronParameter;    // lif-neurons: index into LifParameters of searched parameter j, or -1
    private readonly LifNeuronsConfig? _neurons; // lif-neurons: the parsed base config when only neuron parameters are searched

    /// <summary>Neuron parameters a lif-neurons search does not set: the centres of the prior of
    /// docs/lif-neurons.md (V_th -55, tau_m 10, g_L 10, V_reset -72, V_init -70, E_L -70).</summary>
    public static readonly LifParameters NeuronDefaults = new(-55, 10, 10, -72, -70, -70);

    public int Objectives => _multi ? _metrics.Count : 1;
    public IReadOnlyList<string> ObjectiveNames => _multi ? _metrics.Select(m => m.Key).ToArray() : ["loss"];
    public string ModelName { get; }
    /// <summary>Whether a generation runs as one batched simulation (networks: when their structure allows).</summary>
    public bool Batched => _mass is not null || _neurons is not null;

    private bool IsMass => _massModel is not null;
    private bool IsNeurons => ModelName == LifNeuronsConfig.ModelName;

    private SimulationObjective(YamlMappingNode baseConfig, string baseDirectory, string model, MassModelDescriptor? massModel, ParameterSpace space,
        IReadOnlyList<SearchMetric> metrics, bool multi, int workers, int threads)
    {
        _base = baseConfig; _baseDirectory = baseDirectory; ModelName = model; _massModel = massModel; _space = space; _metrics = metrics; _multi = multi;
        _workers = workers; _threads = threads;
        // a lif-neurons search sets the six neuron parameters in code, everything else in the YAML
        _neuronParameter = space.Parameters.Select(p => IsNeurons ? Array.IndexOf(LifParameters.Names, p.Name) : -1).ToArray();
        _paths = space.Parameters.Select((p, j) => _neuronParameter[j] >= 0 ? null! : ConfigOverrides.PathOf(p.Name, IsMass)).ToArray();
        if (IsMass && _paths.All(path => path.Length == 2 && path[0] == "params" && path[1] != "signalV"))
            _mass = NeuralMassConfig.Parse(ConfigOverrides.Text(_base), "objective.simulate", _baseDirectory);
        if (ModelName == LifNetworkConfig.ModelName) _connectivitySeed = LifNetworkConfig.Parse(ConfigOverrides.Text(_base), "objective.simulate").ConnectivitySeed;
        if (IsNeurons)
        {
            var parsed = LifNeuronsConfig.Parse(ConfigOverrides.Text(_base), "objective.simulate", _baseDirectory);
            if (parsed.ParametersPath is not null)
                throw new CliException("objective.simulate.parameters: a lif-neurons search sets the neuron parameters itself (the searched ones, the prior's centres for the rest); remove parameters:");
            if (_neuronParameter.All(i => i >= 0)) _neurons = parsed;
        }
    }

    public static SimulationObjective Create(YamlConfigReader r, YamlNode simulate, IReadOnlyDictionary<string, YamlNode> objective, ParameterSpace space,
        string baseDirectory, int workers, int threads)
    {
        YamlMappingNode baseConfig;
        if (simulate is YamlScalarNode)
        {
            string file = Path.GetFullPath(Path.Combine(baseDirectory, r.String(simulate, "objective.simulate")));
            baseConfig = YamlConfigReader.LoadRoot(YamlConfigReader.ReadFile(file), file);
            baseDirectory = Path.GetDirectoryName(file)!;
        }
        else baseConfig = simulate as YamlMappingNode ?? throw r.Error(simulate, "objective.simulate", "must be a simulate config (a mapping with model:) or the path of one");
        if (!baseConfig.Children.TryGetValue(new YamlScalarNode("model"), out var m) || m is not (YamlScalarNode { Value: not null } or YamlMappingNode))
            throw r.Error(simulate, "objective.simulate", $"needs model: ({LifNeuronsConfig.ModelName}, {LifNetworkConfig.ModelName}, {MassModelCatalog.NameList()}, or {{file: MODEL.yaml}})");
        // a model file (model: {file: ...}, relative to the simulate config's folder) is read and loaded here, once
        MassModelDescriptor? massModel = NeuralMassConfig.Handles(m) ? NeuralMassConfig.ReadModel(m, "objective.simulate", baseDirectory).Descriptor : null;
        string model = massModel?.Name ?? ((YamlScalarNode)m).Value!;
        bool mass = massModel is not null, neurons = model == LifNeuronsConfig.ModelName;
        if (!mass && !neurons && model != LifNetworkConfig.ModelName)
            throw r.Error(simulate, "objective.simulate.model", $"must be {LifNeuronsConfig.ModelName}, {LifNetworkConfig.ModelName}, {MassModelCatalog.NameList()} for a search, got '{model}'");
        foreach (string key in new[] { "sweep", "sweep_grid" })
            if (baseConfig.Children.ContainsKey(new YamlScalarNode(key))) throw r.Error(simulate, $"objective.simulate.{key}", "cannot be used in a search (the search makes the parameter sets)");

        bool multi = objective.ContainsKey("objectives");
        if (multi && objective.ContainsKey("metrics")) throw r.Error(objective["metrics"], "objective.metrics", "cannot be used with objective.objectives");
        if (!multi && !objective.ContainsKey("metrics")) throw r.Error(simulate, "objective", "needs metrics: [...] (one weighted loss) or objectives: [...] (NSGA-II)");
        string section = multi ? "objectives" : "metrics";
        var metrics = r.List(objective[section], $"objective.{section}").Select((node, i) => ReadMetric(r, node, $"objective.{section}[{i}]", multi, baseDirectory)).ToList();
        if (metrics.Count == 0) throw r.Error(objective[section], $"objective.{section}", "must list at least one metric");
        var duplicate = metrics.GroupBy(x => x.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw r.Error(objective[section], $"objective.{section}", $"lists {duplicate.Key} twice");
        if (multi && metrics.Count < 2) throw r.Error(objective[section], "objective.objectives", "needs at least two (use metrics: for one)");
        foreach (var metric in metrics)
        {
            if (metric.ForSpikes && mass) throw r.Error(objective[section], $"objective.{section}:", $"metric {metric.Name} needs a spiking model (lif-neurons, lif-network), the simulate config runs {model}");
            if (neurons && !(metric.Name is "fr" or "cv" or "mean_V") || neurons && metric.Population is not null)
                throw new CliException($"objective.{section}: metric {metric.Key}: a lif-neurons run gives fr, cv and mean_V over all its neurons");
            if (metric.ForBold && !mass) throw new CliException($"objective.{section}: metric {metric.Name} needs a whole-brain model ({MassModelCatalog.NameList()}), the simulate config runs {model}");
            if (metric.ForBold && metric.Against is null) throw new CliException($"objective.{section}: metric {metric.Name} needs against: (a data set such as gw, or a folder with the empirical *_FC.csv / *_BOLD.csv)");
        }
        var result = new SimulationObjective(baseConfig, baseDirectory, model, massModel, space, metrics, multi, workers, threads);
        result.Check();
        return result;
    }

    private static SearchMetric ReadMetric(YamlConfigReader r, YamlNode node, string where, bool multi, string baseDirectory)
    {
        var k = r.Keys(node, where, multi ? ObjectiveKeys : MetricKeys);
        string nameKey = multi ? "metric" : "name";
        if (!k.TryGetValue(nameKey, out var n)) throw r.Error(node, where, $"needs {nameKey}:");
        string name = r.String(n, $"{where}.{nameKey}");
        bool known = name is "fr" or "cv" or "corr" or "fc_corr" or "fcd_ks" || (name.StartsWith("rate_", StringComparison.Ordinal) && name.Length > 5)
            || (name.StartsWith("mean_", StringComparison.Ordinal) && name.Length > 5);
        if (!known) throw r.Error(n, $"{where}.{nameKey}", $"must be fr, cv, corr, rate_<population>, fc_corr, fcd_ks or mean_<variable>, got '{name}'");
        double Get(string key, double fallback) => k.TryGetValue(key, out var v) ? r.Double(v, $"{where}.{key}") : fallback;
        double? target = k.TryGetValue("target", out var tn) ? r.Double(tn, $"{where}.target") : null;
        if (!multi && target is null) throw r.Error(node, where, "needs target: (the loss is weight * ((value - target) / scale)^2)");
        double weight = Get("weight", 1), scale = Get("scale", 1), bin = Get("bin_ms", 5), transient = Get("transient_s", 10);
        if (weight < 0) throw r.Error(k["weight"], $"{where}.weight", $"must be >= 0, got {weight}");
        if (!(scale > 0)) throw r.Error(k["scale"], $"{where}.scale", $"must be > 0, got {scale}");
        if (!(bin > 0)) throw r.Error(k["bin_ms"], $"{where}.bin_ms", $"must be > 0, got {bin}");
        if (transient < 0) throw r.Error(k["transient_s"], $"{where}.transient_s", $"must be >= 0, got {transient}");
        int window = k.TryGetValue("window", out var wn) ? r.Int32(wn, $"{where}.window") : 30, step = k.TryGetValue("step", out var sn) ? r.Int32(sn, $"{where}.step") : 5;
        if (window < 2) throw r.Error(wn!, $"{where}.window", $"must be >= 2 samples, got {window}");
        if (step < 1) throw r.Error(sn!, $"{where}.step", $"must be >= 1 sample, got {step}");
        bool maximise = false;
        if (k.TryGetValue("direction", out var d))
        {
            string dir = r.String(d, $"{where}.direction");
            if (dir is not ("min" or "max")) throw r.Error(d, $"{where}.direction", $"must be min or max, got '{dir}'");
            if (target is not null) throw r.Error(d, $"{where}.direction", "cannot be used with target: (the objective is then |value - target|, minimised)");
            maximise = dir == "max";
        }
        // a folder with *_FC.csv / *_BOLD.csv, or a shipped data set's name (its per-subject files)
        string? against = null;
        if (k.TryGetValue("against", out var a))
        {
            string value = r.String(a, $"{where}.against");
            try { against = Datasets.EmpiricalPath(value, baseDirectory); }
            catch (DirectoryNotFoundException ex) { throw r.Error(a, $"{where}.against", $"'{value}' cannot be read: {ex.Message}"); }
            if (!Directory.Exists(against)) throw r.Error(a, $"{where}.against", $"folder {against} not found");
        }
        return new SearchMetric(name, target, weight, scale, maximise, k.TryGetValue("population", out var p) ? r.String(p, $"{where}.population") : null,
            bin, against, transient, window, step);
    }

    // builds the config of the space's centre once, so that a bad key or value fails before the run
    private void Check()
    {
        if (IsMass) CheckMassSpace(_massModel!);
        var centre = _space.Decode(Enumerable.Repeat(0.5, _space.Dimension).ToArray());
        try
        {
            if (IsMass)
            {
                var config = MassConfig(centre, 1);
                foreach (var m in _metrics.Where(m => m.Name.StartsWith("mean_", StringComparison.Ordinal)))
                    if (!config.Descriptor.Outputs.Contains(m.Name[5..]))
                        throw new CliException($"metric {m.Name}: {ModelName} records {string.Join(", ", config.Descriptor.Outputs)}");
                foreach (var m in _metrics.Where(m => m.ForBold)) Empirical(m, config.Nodes);
            }
            else if (IsNeurons)
                NeuronsConfig(centre, 1);
            else
            {
                var config = NetworkConfig(centre, 1);
                foreach (var m in _metrics)
                {
                    if (m.Name == "mean_V" && !config.Record.Vm) throw new CliException("metric mean_V needs record: {vm: true} in the simulate config");
                    if (m.Name.StartsWith("mean_", StringComparison.Ordinal) && m.Name != "mean_V") throw new CliException($"metric {m.Name}: a lif-network records mean_V");
                    string? population = m.Name.StartsWith("rate_", StringComparison.Ordinal) ? m.Name[5..] : m.Population;
                    if (population is not null && !config.Parts.ContainsKey(population))
                        throw new CliException($"metric {m.Key}: population '{population}' is not in the simulate config (populations: {string.Join(", ", config.Parts.Keys)})");
                    if (m.ForSpikes && m.BinMs > config.DurationMs) throw new CliException($"metric {m.Key}: bin_ms {m.BinMs} is longer than the run ({config.DurationMs} ms)");
                }
            }
        }
        catch (CliException ex)
        {
            // the message names the line of the generated config, which the user never sees
            string message = System.Text.RegularExpressions.Regex.Replace(ex.Message, @"^objective\.simulate line \d+: ", "");
            throw new CliException($"objective.simulate (checked at the centre of the space): {message}");
        }
    }

    // every searched params.NAME is a parameter of the model, and the space's bounds lie in its allowed range
    // (a candidate outside it would fail mid-search)
    private void CheckMassSpace(MassModelDescriptor model)
    {
        for (int j = 0; j < _paths.Length; j++)
        {
            if (_paths[j] is not ["params", var name] || name == "signalV") continue;
            var space = _space.Parameters[j];
            var p = model.Parameter(name) ?? throw new CliException(
                $"space.{space.Name}: {name} is not a parameter of {model.Name} (known: {string.Join(", ", NeuralMassParameters.Names(model))}, signalV)");
            if (space.Kind != ParameterKind.Categorical && !(p.Allows(space.Low) && p.Allows(space.High)))
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"space.{space.Name}: [{space.Low}, {space.High}] leaves the allowed range {p.RangeText} of {model.Name}'s {name} ({p.Description})"));
        }
    }

    private EmpiricalData Empirical(SearchMetric m, int nodes)
    {
        lock (_empirical)
        {
            if (!_empirical.TryGetValue(m.Against!, out var data))
            {
                bool fc = _metrics.Any(x => x.Name == "fc_corr" && x.Against == m.Against), bold = _metrics.Any(x => x.Name == "fcd_ks" && x.Against == m.Against);
                _empirical[m.Against!] = data = EmpiricalData.Load(m.Against!, nodes, fc, bold);
            }
            return data;
        }
    }

    private string ConfigText(double[] parameters, ulong seed)
    {
        var root = (YamlMappingNode)ConfigOverrides.Clone(_base);
        for (int j = 0; j < parameters.Length; j++)
            if (_paths[j] is not null)
                ConfigOverrides.Set(root, _paths[j], _space.Parameters[j].Format(parameters[j]), _space.Parameters[j].Name);
        bool Searched(string key) => _paths.Any(path => path is { Length: 1 } && path[0] == key);
        if (!Searched("seed")) root.Children[new YamlScalarNode("seed")] = new YamlScalarNode(seed.ToString(CultureInfo.InvariantCulture));
        if (_connectivitySeed is { } c && !Searched("connectivity_seed"))
            root.Children[new YamlScalarNode("connectivity_seed")] = new YamlScalarNode(c.ToString(CultureInfo.InvariantCulture));
        return ConfigOverrides.Text(root);
    }

    private NeuralMassConfig MassConfig(double[] parameters, ulong seed) =>
        NeuralMassConfig.Parse(ConfigText(parameters, seed), "objective.simulate", _baseDirectory);

    private LifNeuronsConfig NeuronsConfig(double[] parameters, ulong seed) =>
        LifNeuronsConfig.Parse(ConfigText(parameters, seed), "objective.simulate", _baseDirectory);

    // a candidate's neuron parameters: the searched ones over the prior's centres
    private LifParameters NeuronParameters(double[] parameters)
    {
        var v = Enumerable.Range(0, 6).Select(i => NeuronDefaults[i]).ToArray();
        for (int j = 0; j < parameters.Length; j++)
            if (_neuronParameter[j] >= 0) v[_neuronParameter[j]] = parameters[j];
        return LifParameters.FromArray(v);
    }

    private LifNetworkConfig NetworkConfig(double[] parameters, ulong seed) =>
        LifNetworkConfig.Parse(ConfigText(parameters, seed), "objective.simulate");

    public void Evaluate(IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed, Action<int, EvaluationOutcome> completed,
        CancellationToken cancellation)
    {
        if (_mass is not null) { EvaluateMassBatch(_mass, generation, needed, completed, cancellation); return; }
        if (_neurons is not null) { EvaluateNeuronsBatch(_neurons, generation, needed, completed, cancellation); return; }
        if (!IsMass && TryNetworkBatch(generation, needed, completed, cancellation)) return;
        int threads = _workers > 1 ? 1 : _threads;
        void One(int index)
        {
            var c = generation[index];
            EvaluationOutcome outcome;
            try
            {
                outcome = IsMass ? EvaluateMass(MassConfig(c.Parameters, c.Seed), threads, cancellation)
                    : IsNeurons ? EvaluateNeurons(NeuronsConfig(c.Parameters, c.Seed), [c.Parameters], threads, cancellation)[0]
                    : EvaluateNetwork(c, threads, cancellation);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { outcome = EvaluationOutcome.Failure(ex); }
            completed(index, outcome);
        }
        Parallel.ForEach(needed, new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = cancellation }, One);
    }

    private NetworkRecording Recording(LifNetworkConfig config) => new()
    {
        Spikes = _metrics.Any(m => m.ForSpikes),
        SampleMs = _metrics.Any(m => m.Name == "mean_V") ? config.Record.SampleMs : 0,
    };

    private EvaluationOutcome EvaluateNetwork(Candidate c, int threads, CancellationToken cancellation)
    {
        var config = NetworkConfig(c.Parameters, c.Seed);
        LifNetworkResult result;
        try
        {
            using var sim = new LifNetworkSimulation([config.Spec], config.ConnectivitySeed, [config.Seed], Recording(config), threads, config.MaxMemoryMb << 20);
            result = sim.Run(config.DurationMs, null, cancellation)[0];
        }
        catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex)); }
        var times = result.SpikeTimesMs();
        return Score(m => m.OfNetwork(result, times, config.Parts, c.Seed));
    }

    // A generation whose networks differ only in parameters, weights, rates and stimuli runs as one
    // batch sharing the connectivity (each network with its own evaluation seed, so the numbers equal
    // single runs and do not depend on the batch); false when the candidates differ in structure.
    private bool TryNetworkBatch(IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed, Action<int, EvaluationOutcome> completed,
        CancellationToken cancellation)
    {
        if (needed.Count < 2) return false;
        var configs = new LifNetworkConfig[needed.Count];
        try
        {
            for (int k = 0; k < needed.Count; k++) configs[k] = NetworkConfig(generation[needed[k]].Parameters, generation[needed[k]].Seed);
        }
        catch (CliException) { return false; } // a candidate's config is bad: evaluate one by one, failing it alone
        var first = configs[0];
        if (configs.Any(c => !c.Spec.SameStructure(first.Spec) || c.DurationMs != first.DurationMs || c.ConnectivitySeed != first.ConnectivitySeed
            || c.MaxMemoryMb != first.MaxMemoryMb || c.Record.SampleMs != first.Record.SampleMs))
            return false;
        IReadOnlyList<LifNetworkResult> results;
        try
        {
            using var sim = new LifNetworkSimulation(configs.Select(c => c.Spec).ToArray(), first.ConnectivitySeed, configs.Select(c => c.Seed).ToArray(),
                Recording(first), _threads, first.MaxMemoryMb << 20);
            results = sim.Run(first.DurationMs, null, cancellation);
        }
        catch (ArgumentException) { return false; } // e.g. one network's parameters are invalid: one by one
        Parallel.For(0, needed.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, k =>
        {
            EvaluationOutcome outcome;
            try
            {
                var times = results[k].SpikeTimesMs();
                outcome = Score(m => m.OfNetwork(results[k], times, configs[k].Parts, configs[k].Seed));
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { outcome = EvaluationOutcome.Failure(ex); }
            completed(needed[k], outcome);
        });
        return true;
    }

    private EvaluationOutcome EvaluateMass(NeuralMassConfig config, int threads, CancellationToken cancellation)
    {
        NeuralMassResult r;
        try { r = MassRun.Run(config, config.Sets, [config.InitialState()], config.Seed, threads, null, cancellation); }
        catch (SimulationDivergedException ex) { throw MassRun.Diverged(config, ex); }
        return MassOutcome(config, r, 0);
    }

    private EvaluationOutcome MassOutcome(NeuralMassConfig config, NeuralMassResult r, int set)
    {
        double[,]? bold = null;
        double[,] Bold() => bold ??= r.Bold(config.Descriptor, set, config.SamplingMs, threads: 1).Bold;
        return Score(m => m.OfMass(config.ModelName, r, set, config.SamplingMs, Bold, m.ForBold ? Empirical(m, config.Nodes) : null));
    }

    private void EvaluateMassBatch(NeuralMassConfig config, IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed,
        Action<int, EvaluationOutcome> completed, CancellationToken cancellation)
    {
        // every position of the generation runs (a resumed generation draws the same noise); parameter
        // sets that cannot be built fail alone
        var sets = new List<NeuralMassParameters>();
        var setOf = new int[generation.Count];
        var errors = new string?[generation.Count];
        for (int i = 0; i < generation.Count; i++)
        {
            var p = config.Parameters;
            for (int j = 0; j < _paths.Length && errors[i] is null; j++)
            {
                try { p = p.With(_paths[j][1], generation[i].Parameters[j]); }
                catch (ArgumentException ex) { errors[i] = $"space.{_space.Parameters[j].Name}: {CliErrors.Message(ex)}"; }
            }
            setOf[i] = errors[i] is null ? sets.Count : -1;
            if (errors[i] is null) sets.Add(p);
        }
        foreach (int i in needed.Where(i => setOf[i] < 0)) completed(i, EvaluationOutcome.Failure(errors[i]!));
        if (sets.Count == 0) return;
        ulong seed = generation[0].Seed;
        var init = config.InitialState(seed);
        var run = config with { Seed = seed };
        NeuralMassResult r;
        try { r = MassRun.Run(config, sets, Enumerable.Repeat(init, sets.Count).ToArray(), seed, _threads, null, cancellation); }
        catch (ArgumentException ex)
        {
            foreach (int i in needed.Where(i => setOf[i] >= 0)) completed(i, EvaluationOutcome.Failure(ex));
            return;
        }
        catch (SimulationDivergedException)
        {
            // a model file diverged for some set, and the batch returned nothing: each set alone (it equals its place in
            // the batch, noise included, as the sets of a batch draw their own streams), so only the diverging ones fail
            EvaluateMassSetsAlone(run, sets, init, generation, needed, setOf, completed, cancellation);
            return;
        }
        Parallel.ForEach(needed.Where(i => setOf[i] >= 0), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(_workers, Environment.ProcessorCount), CancellationToken = cancellation },
            i =>
            {
                EvaluationOutcome outcome;
                try { outcome = MassOutcome(run, r, setOf[i]) with { SeedUsed = seed }; }
                catch (Exception ex) when (ex is not OperationCanceledException) { outcome = EvaluationOutcome.Failure(ex); }
                completed(i, outcome);
            });
    }

    private void EvaluateMassSetsAlone(NeuralMassConfig run, List<NeuralMassParameters> sets, double[] init, IReadOnlyList<Candidate> generation,
        IReadOnlyList<int> needed, int[] setOf, Action<int, EvaluationOutcome> completed, CancellationToken cancellation)
    {
        foreach (int i in needed.Where(i => setOf[i] >= 0))
        {
            EvaluationOutcome outcome;
            try
            {
                var r = MassRun.Run(run, [sets[setOf[i]]], [init], run.Seed, _threads, null, cancellation);
                outcome = MassOutcome(run, r, 0) with { SeedUsed = run.Seed };
            }
            catch (SimulationDivergedException ex) { outcome = EvaluationOutcome.Failure(MassRun.Diverged(run, ex)); }
            catch (Exception ex) when (ex is not OperationCanceledException) { outcome = EvaluationOutcome.Failure(ex); }
            completed(i, outcome);
        }
    }

    // lif-neurons: every candidate's neurons (config.Neurons each) in one batch; outcomes in order
    private EvaluationOutcome[] EvaluateNeurons(LifNeuronsConfig config, IReadOnlyList<double[]> candidates, int threads, CancellationToken cancellation)
    {
        int n = config.Neurons;
        var outcomes = new EvaluationOutcome?[candidates.Count];
        var valid = new List<int>();
        var parameters = new List<LifParameters>();
        for (int c = 0; c < candidates.Count; c++)
        {
            try
            {
                var p = NeuronParameters(candidates[c]);
                p.Validate(0);
                valid.Add(c);
                parameters.AddRange(Enumerable.Repeat(p, n));
            }
            catch (ArgumentException ex) { outcomes[c] = EvaluationOutcome.Failure($"neuron parameters: {CliErrors.Message(ex).Replace("neuron 0: ", "")}"); }
        }
        if (valid.Count > 0)
        {
            LifBatchResult result;
            try
            {
                result = LifNeuronBatch.Simulate(parameters.ToArray(), config.Settings, config.ToRunOptions(threads) with { VoltageEvery = 0 }, null, cancellation);
            }
            catch (ArgumentException ex) { throw new CliException(LifNeuronsConfig.Translate(ex)); }
            for (int k = 0; k < valid.Count; k++)
                outcomes[valid[k]] = Score(m => m.OfNeurons(result, k * n, n, config.Settings.TMs));
        }
        return outcomes.Select(o => o!).ToArray();
    }

    // a generation of neuron-parameter candidates as one batch: every position runs (a resumed
    // generation draws the same noise), seeded with the generation's first evaluation seed
    private void EvaluateNeuronsBatch(LifNeuronsConfig config, IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed,
        Action<int, EvaluationOutcome> completed, CancellationToken cancellation)
    {
        ulong seed = generation[0].Seed;
        EvaluationOutcome[] outcomes;
        try { outcomes = EvaluateNeurons(config with { Seed = seed }, generation.Select(c => c.Parameters).ToArray(), _threads, cancellation); }
        catch (CliException ex) { outcomes = generation.Select(_ => EvaluationOutcome.Failure(ex.Message)).ToArray(); }
        foreach (int i in needed) completed(i, outcomes[i].Failed ? outcomes[i] : outcomes[i] with { SeedUsed = seed });
    }

    // the metrics of one run, as a loss or as objectives
    private EvaluationOutcome Score(Func<SearchMetric, double> value)
    {
        var metrics = new Dictionary<string, double>();
        foreach (var m in _metrics) metrics[m.Key] = value(m);
        double[] objectives = _multi
            ? _metrics.Select(m => m.ObjectiveValue(metrics[m.Key])).ToArray()
            : [_metrics.Sum(m => m.LossTerm(metrics[m.Key]))];
        return new EvaluationOutcome(objectives, metrics);
    }
}
