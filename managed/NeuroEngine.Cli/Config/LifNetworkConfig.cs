using NeuroEngine.Models;
using NeuroEngine.Simulation.Network;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>What a lif-network run records (the config's <c>record:</c> section).</summary>
/// <param name="SpikePopulations">Populations (original names) whose spikes are written; null = all.</param>
/// <param name="MaxPerPopulation">Recorded neurons per population (-1 = all).</param>
public sealed record NetworkRecordConfig(bool Spikes = true, IReadOnlyList<string>? SpikePopulations = null,
    int MaxPerPopulation = -1, double RatesBinMs = 1, bool Currents = false, bool Vm = false, double SampleMs = 0,
    bool ProxyInputs = false);

/// <summary>The config of <c>neuroengine simulate</c> for <c>model: lif-network</c>
/// (docs/lif-network.md), with every key checked: unknown keys, wrong types, unknown population
/// names and invalid values raise <see cref="CliException"/> naming the file, line and key.</summary>
public sealed record LifNetworkConfig
{
    public const string ModelName = "lif-network";

    public string? SourcePath { get; init; }
    public ulong Seed { get; init; } = 1234;
    /// <summary>Seed of the connectivity (<c>connectivity_seed</c>, default: <see cref="Seed"/>); <see cref="Seed"/>
    /// then draws only the initial state and the Poisson drive, so one network can be run with several noise seeds.</summary>
    public ulong? ConnectivitySeedOrNull { get; init; }
    public ulong ConnectivitySeed => ConnectivitySeedOrNull ?? Seed;
    public double DurationMs { get; init; } = 1000;
    /// <summary>The network after cluster expansion.</summary>
    public required LifNetworkSpec Spec { get; init; }
    /// <summary>Original population name -> its parts (itself, or clusters and background).</summary>
    public required IReadOnlyDictionary<string, string[]> Parts { get; init; }
    public NetworkRecordConfig Record { get; init; } = new();
    public long MaxMemoryMb { get; init; } = 8192;
    /// <summary>The config's text, echoed into run.json.</summary>
    public string? SourceText { get; init; }
    /// <summary>Warnings to print before the run (<c>warning: ...</c>): delays whose rounding to whole
    /// steps changes them by more than 1%, recording intervals rounded to whole steps. Connection
    /// indices are those of the config file.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    private static readonly string[] TopKeys = ["model", "seed", "connectivity_seed", "dt_ms", "duration_ms", "neuron", "synapse", "populations",
        "connections", "drive", "clusters", "stimuli", "record", "precision", "limits"];
    private static readonly string[] NeuronKeys = ["tau_m_ms", "V_th", "V_reset", "E_L", "t_ref_ms", "V_init", "C_m_pF", "g_L_nS",
        "g_exc_init", "g_inh_init"];
    private static readonly string[] SynapseKeys = ["type", "tau_exc_ms", "tau_inh_ms", "E_exc", "E_inh"];
    private static readonly string[] ConnectionKeys = ["from", "to", "rule", "indegree", "p", "weight", "delay_ms", "autapses", "multapses"];
    private static readonly string[] DriveKeys = ["to", "type", "inputs", "rate_hz", "weight", "amplitude"];
    private static readonly string[] StimulusKeys = ["to", "shape", "onset_ms", "duration_ms", "amplitude", "tau_rise_ms", "tau_decay_ms"];
    private static readonly string[] RecordKeys = ["spikes", "rates_bin_ms", "currents", "vm", "sample_ms", "proxy_inputs"];

    /// <summary>Reads and validates a config file.</summary>
    public static LifNetworkConfig Load(string path) =>
        Parse(YamlConfigReader.ReadFile(path), path, Path.GetFullPath(path));

    /// <summary>Parses YAML text; <paramref name="displayName"/> names the file in errors.</summary>
    public static LifNetworkConfig Parse(string yaml, string displayName, string? sourcePath = null)
    {
        var r = new YamlConfigReader(displayName);
        var top = r.Keys(YamlConfigReader.LoadRoot(yaml, displayName), "", TopKeys);
        if (!top.TryGetValue("model", out var modelNode) || r.String(modelNode, "model") != ModelName)
            throw new CliException($"{displayName}: model must be {ModelName}");
        ulong seed = top.TryGetValue("seed", out var n) ? r.UInt64(n, "seed") : 1234;
        ulong? connectivitySeed = top.TryGetValue("connectivity_seed", out n) ? r.UInt64(n, "connectivity_seed") : null;
        double dt = top.TryGetValue("dt_ms", out n) ? r.Double(n, "dt_ms") : 0.1;
        double duration = top.TryGetValue("duration_ms", out n) ? r.Double(n, "duration_ms") : 1000;
        if (dt <= 0) throw r.Error(top["dt_ms"], "dt_ms", $"must be > 0, got {dt}");
        if (duration < dt) throw new CliException($"{displayName}: duration_ms ({duration}) must be >= dt_ms ({dt})");
        var precision = NetworkPrecision.Float64;
        if (top.TryGetValue("precision", out n))
            precision = r.String(n, "precision") switch
            {
                "float64" => NetworkPrecision.Float64,
                "float32" => NetworkPrecision.Float32,
                var other => throw r.Error(n, "precision", $"must be float64 or float32, got '{other}'"),
            };
        long maxMemoryMb = 8192;
        if (top.TryGetValue("limits", out n))
        {
            var limits = r.Keys(n, "limits", ["max_memory_mb"]);
            if (limits.TryGetValue("max_memory_mb", out var m))
            {
                maxMemoryMb = r.Int64(m, "limits.max_memory_mb");
                if (maxMemoryMb < 1) throw r.Error(m, "limits.max_memory_mb", $"must be >= 1, got {maxMemoryMb}");
            }
        }

        // synapse model
        var synapseType = SynapseType.Delta;
        var defaults = new NeuronParameters();
        if (top.TryGetValue("synapse", out n))
        {
            var s = r.Keys(n, "synapse", SynapseKeys);
            if (s.TryGetValue("type", out var t))
                synapseType = r.String(t, "synapse.type") switch
                {
                    "delta" => SynapseType.Delta,
                    "exp_current" => SynapseType.ExpCurrent,
                    "exp_conductance" => SynapseType.ExpConductance,
                    var other => throw r.Error(t, "synapse.type", $"must be delta, exp_current or exp_conductance, got '{other}'"),
                };
            if (s.TryGetValue("tau_exc_ms", out t)) defaults = defaults with { TauExcMs = r.Double(t, "synapse.tau_exc_ms") };
            if (s.TryGetValue("tau_inh_ms", out t)) defaults = defaults with { TauInhMs = r.Double(t, "synapse.tau_inh_ms") };
            if (s.TryGetValue("E_exc", out t)) defaults = defaults with { EExc = r.Double(t, "synapse.E_exc") };
            if (s.TryGetValue("E_inh", out t)) defaults = defaults with { EInh = r.Double(t, "synapse.E_inh") };
        }
        // a neuron model file for every population (neuron: {file: ...}), or the built-in LIF's defaults
        var models = new NeuronModelFiles(r, sourcePath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(sourcePath)!);
        PopulationModel? defaultModel = null;
        if (top.TryGetValue("neuron", out n))
        {
            if (n is YamlMappingNode nm && nm.Children.Keys.Any(k => k is YamlScalarNode { Value: "file" })) defaultModel = models.Read(n, "neuron", null);
            else defaults = ReadNeuron(r, n, "neuron", defaults, NeuronKeys);
        }

        // populations
        if (!top.TryGetValue("populations", out n)) throw new CliException($"{displayName}: populations is required");
        if (n is not YamlMappingNode popMap || popMap.Children.Count == 0) throw r.Error(n, "populations", "must map population names to {size: ...}");
        var populations = new List<Population>();
        foreach (var (k, v) in popMap.Children)
        {
            string name = r.String(k, "populations");
            string at = $"populations.{name}";
            var keys = r.Keys(v, at, ["size", "neuron", .. NeuronKeys]);
            if (!keys.TryGetValue("size", out var sizeNode)) throw r.Error(v, at, "needs a size");
            int size = r.Int32(sizeNode, at + ".size");
            if (size < 1) throw r.Error(sizeNode, at + ".size", $"must be >= 1, got {size}");
            PopulationModel? model = keys.TryGetValue("neuron", out var neuronNode) ? models.Read(neuronNode, at + ".neuron", defaultModel) : defaultModel;
            if (model is not null && keys.Keys.FirstOrDefault(NeuronKeys.Contains) is { } lifKey)
                throw r.Error(keys[lifKey], $"{at}.{lifKey}", $"is a parameter of the built-in LIF, but {name} runs the neuron model {model.Model.Name}; set its parameters under neuron:");
            populations.Add(new Population(name, size, ReadNeuron(r, v, at, defaults, ["size", "neuron", .. NeuronKeys]), Model: model));
        }
        var names = populations.Select(p => p.Name).ToHashSet();
        string Known(YamlNode node, string key, string name) =>
            names.Contains(name) ? name : throw r.Error(node, key, $"names an unknown population '{name}' (known: {string.Join(", ", names)})");

        // connections (each entry may expand to several projections: projectionEntry maps them back)
        var projections = new List<Projection>();
        var projectionEntry = new List<int>();
        var pairEntry = new Dictionary<(string, string), int>();
        if (top.TryGetValue("connections", out n))
        {
            var list = r.List(n, "connections");
            for (int i = 0; i < list.Count; i++)
            {
                string at = $"connections[{i}]";
                var c = r.Keys(list[i], at, ConnectionKeys);
                foreach (string key in new[] { "from", "to", "weight", "delay_ms" })
                    if (!c.ContainsKey(key)) throw r.Error(list[i], at, $"needs {key}");
                string rule = c.TryGetValue("rule", out var ruleNode) ? r.String(ruleNode, at + ".rule") : "fixed_indegree";
                var fromNames = r.Names(c["from"], at + ".from").Select(x => Known(c["from"], at + ".from", x)).ToArray();
                var toNames = r.Names(c["to"], at + ".to").Select(x => Known(c["to"], at + ".to", x)).ToArray();
                double weight = r.Double(c["weight"], at + ".weight");
                double delay, delayMax = 0;
                if (c["delay_ms"] is YamlScalarNode) delay = r.Double(c["delay_ms"], at + ".delay_ms");
                else
                {
                    var d = r.Keys(c["delay_ms"], at + ".delay_ms", ["uniform"]);
                    var range = d.TryGetValue("uniform", out var u) ? r.List(u, at + ".delay_ms.uniform") : throw r.Error(c["delay_ms"], at + ".delay_ms", "must be a number or {uniform: [min, max]}");
                    if (range.Count != 2) throw r.Error(u, at + ".delay_ms.uniform", "must list [min, max]");
                    delay = r.Double(range[0], at + ".delay_ms.uniform[0]");
                    delayMax = r.Double(range[1], at + ".delay_ms.uniform[1]");
                    if (delayMax < delay) throw r.Error(u, at + ".delay_ms.uniform", $"needs min <= max, got [{delay}, {delayMax}]");
                }
                bool autapses = !c.TryGetValue("autapses", out var a) || r.Bool(a, at + ".autapses");
                bool multapses = !c.TryGetValue("multapses", out var mu) || r.Bool(mu, at + ".multapses");
                Projection template = rule switch
                {
                    "fixed_indegree" => new Projection("", "", ConnectionRule.FixedIndegree, weight, delay,
                        c.TryGetValue("indegree", out var k) ? r.Int32(k, at + ".indegree") : throw r.Error(list[i], at, "needs indegree (rule fixed_indegree)"),
                        0, autapses, multapses, delayMax),
                    "pairwise_bernoulli" => new Projection("", "", ConnectionRule.PairwiseBernoulli, weight, delay, 0,
                        c.TryGetValue("p", out var p) ? r.Double(p, at + ".p") : throw r.Error(list[i], at, "needs p (rule pairwise_bernoulli)"),
                        autapses, multapses, delayMax),
                    _ => throw r.Error(ruleNode!, at + ".rule", $"must be fixed_indegree or pairwise_bernoulli, got '{rule}'"),
                };
                CheckConnection(r, c, at, template, dt, populations, fromNames, toNames);
                foreach (string from in fromNames)
                    foreach (string to in toNames)
                    {
                        if (!pairEntry.TryAdd((from, to), i))
                            throw r.Error(c["to"], at, pairEntry[(from, to)] == i
                                ? $"connects {from} to {to} twice (a name is listed twice)"
                                : $"connects {from} to {to}, which connections[{pairEntry[(from, to)]}] already connects; give one connection per population pair");
                        projections.Add(template with { From = from, To = to });
                        projectionEntry.Add(i);
                    }
            }
        }

        // drive: Poisson inputs or DC
        var drives = new List<PoissonDrive>();
        var driveEntry = new List<int>();
        var dc = new Dictionary<string, double>();
        if (top.TryGetValue("drive", out n))
        {
            var list = r.List(n, "drive");
            for (int i = 0; i < list.Count; i++)
            {
                string at = $"drive[{i}]";
                var d = r.Keys(list[i], at, DriveKeys);
                if (!d.TryGetValue("to", out var toNode)) throw r.Error(list[i], at, "needs to");
                var targets = r.Names(toNode, at + ".to").Select(x => Known(toNode, at + ".to", x)).ToArray();
                string type = d.TryGetValue("type", out var typeNode) ? r.String(typeNode, at + ".type") : "poisson";
                double Need(string key) => d.TryGetValue(key, out var v) ? r.Double(v, $"{at}.{key}") : throw r.Error(list[i], at, $"needs {key} (type {type})");
                if (type == "poisson")
                {
                    double inputs = Need("inputs"), rate = Need("rate_hz"), weight = Need("weight");
                    if (inputs < 0) throw r.Error(d["inputs"], at + ".inputs", $"must be >= 0, got {Num(inputs)}");
                    if (rate < 0) throw r.Error(d["rate_hz"], at + ".rate_hz", $"must be >= 0, got {Num(rate)}");
                    foreach (string t in targets)
                    {
                        drives.Add(new PoissonDrive(t, inputs, rate, weight));
                        driveEntry.Add(i);
                    }
                }
                else if (type == "dc")
                {
                    double amplitude = Need("amplitude");
                    foreach (string t in targets) dc[t] = dc.GetValueOrDefault(t) + amplitude;
                }
                else throw r.Error(typeNode!, at + ".type", $"must be poisson or dc, got '{type}'");
            }
        }
        for (int i = 0; i < populations.Count; i++)
            if (dc.ContainsKey(populations[i].Name) && populations[i].Model is { } m)
                throw new CliException($"{displayName}: drive: a dc input to {populations[i].Name}, which runs the neuron model {m.Model.Name}: give the model a current parameter and set it under neuron:");
        // synapse.type omitted: a neuron model that keeps excitatory and inhibitory input apart needs two rings
        if (!top.ContainsKey("synapse") && populations.FirstOrDefault(p => p.Model?.Model.Definition.SeparatesInputs == true) is { } apart)
        {
            // the built-in LIF would silently change from delta to exponential currents: make that a choice
            if (populations.FirstOrDefault(p => p.Model is null) is { } lif)
                throw new CliException($"{displayName}: population {apart.Name} runs the neuron model {apart.Model!.Model.Name}, whose excitatory and inhibitory inputs need two input rings, next to the built-in LIF population {lif.Name}; set synapse.type (exp_current or exp_conductance) for the LIF populations");
            synapseType = SynapseType.ExpCurrent;
        }
        for (int i = 0; i < populations.Count; i++)
            if (dc.TryGetValue(populations[i].Name, out double amp))
                populations[i] = populations[i] with { Neuron = populations[i].Neuron with { IDc = populations[i].Neuron.IDc + amp } };

        // record (spike selection applies to original populations, before clusters split them)
        var record = ReadRecord(r, top.GetValueOrDefault("record"), names, dt);
        if (record.Currents && synapseType == SynapseType.Delta)
            throw r.Error(top["record"], "record.currents", "needs synapse.type exp_current or exp_conductance (delta synapses have no currents; proxy_inputs then gives AMPA and GABA as 0)");
        for (int i = 0; i < populations.Count; i++)
        {
            bool wanted = record.Spikes && (record.SpikePopulations is null || record.SpikePopulations.Contains(populations[i].Name));
            populations[i] = populations[i] with { RecordSpikes = wanted ? record.MaxPerPopulation : 0 };
        }

        // the library validates the network as listed (its indices count projections and drives, which
        // Renumber turns back into the config's entries), then again after the cluster expansion
        var spec = new LifNetworkSpec(synapseType, dt, populations, projections, drives, []) { Precision = precision };
        try { spec.Validate(); }
        catch (ArgumentException ex) { throw new CliException($"{displayName}: {Renumber(CliErrors.Message(ex), projectionEntry, driveEntry, null)}"); }
        var warnings = spec.DelayWarnings().Select(w => Renumber(w, projectionEntry, driveEntry, null)).Distinct().ToList();
        IReadOnlyDictionary<string, string[]> parts = populations.ToDictionary(p => p.Name, p => new[] { p.Name });
        if (top.TryGetValue("clusters", out n))
        {
            var layout = ReadClusters(r, n, names);
            try { (spec, parts) = ClusteredNetwork.Expand(spec, layout); }
            catch (ArgumentException ex) { throw new CliException($"{displayName}: {CliErrors.Message(ex)}"); }
        }
        var stimulusEntry = new List<int>();
        if (top.TryGetValue("stimuli", out n)) spec = spec with { Stimuli = ReadStimuli(r, n, parts, stimulusEntry) };
        try { spec.Validate(); }
        catch (ArgumentException ex) { throw new CliException($"{displayName}: {Renumber(CliErrors.Message(ex), null, null, stimulusEntry)}"); }

        if (record.RatesBinMs > duration)
            throw new CliException($"{displayName}: record.rates_bin_ms ({Num(record.RatesBinMs)}) is longer than duration_ms ({Num(duration)}); rates.csv would be empty");
        warnings.AddRange(RoundingWarning("record.rates_bin_ms", record.RatesBinMs, dt));
        if (record.Currents || record.Vm || record.ProxyInputs) warnings.AddRange(RoundingWarning("record.sample_ms", record.SampleMs, dt));
        warnings.AddRange(RoundingWarning("duration_ms", duration, dt));
        return new LifNetworkConfig
        {
            SourcePath = sourcePath, SourceText = yaml, Seed = seed, ConnectivitySeedOrNull = connectivitySeed, DurationMs = duration, Spec = spec, Parts = parts, Record = record,
            MaxMemoryMb = maxMemoryMb, Warnings = warnings,
        };
    }

    /// <summary>Checks one <c>connections[i]</c> entry before it expands into projections, so that
    /// errors name the entry and line of the file (the library checks the projections again).</summary>
    private static void CheckConnection(YamlConfigReader r, Dictionary<string, YamlNode> c, string at, Projection p,
        double dt, List<Population> populations, string[] fromNames, string[] toNames)
    {
        if (p.Rule == ConnectionRule.FixedIndegree)
        {
            if (p.Indegree < 0) throw r.Error(c["indegree"], at + ".indegree", $"must be >= 0, got {p.Indegree}");
            foreach (string from in fromNames)
                foreach (string to in toNames)
                {
                    int available = populations.First(x => x.Name == from).Size - (from == to && !p.Autapses ? 1 : 0);
                    if (!p.Multapses && p.Indegree > available)
                        throw r.Error(c["indegree"], at + ".indegree", $"({p.Indegree}) exceeds the {available} distinct sources {from} offers to {to} without multapses");
                    if (p.Indegree > 0 && available < 1)
                        throw r.Error(c["indegree"], at + ".indegree", $"is {p.Indegree} but {from} has no source other than the target itself (autapses: false)");
                }
        }
        else if (!(p.Probability >= 0 && p.Probability <= 1))
            throw r.Error(c["p"], at + ".p", $"must be in [0, 1], got {Num(p.Probability)}");
        if (p.DelayMs < dt * (1 - 1e-9))
            throw r.Error(c["delay_ms"], at + ".delay_ms", $"must be >= dt_ms ({Num(dt)}) (a spike arrives at least one step later), got {Num(p.DelayMs)}");
        if (p.SpreadDelays && p.DelayMaxMs / dt > 65535)
            throw r.Error(c["delay_ms"], at + ".delay_ms", $"upper bound must be at most 65535 steps ({Num(65535 * dt)} ms), got {Num(p.DelayMaxMs)}");
    }

    /// <summary>A warning when <paramref name="value"/> ms is not a whole number of steps (it is rounded).</summary>
    private static IEnumerable<string> RoundingWarning(string key, double value, double dt)
    {
        double steps = Math.Max(1, Math.Round(value / dt));
        if (Math.Abs(steps * dt - value) > 1e-6 * value)
            yield return $"{key} ({Num(value)}) is not a whole number of steps of {Num(dt)} ms; it is rounded to {steps:0} steps = {Num(steps * dt)} ms";
    }

    /// <summary>Rewrites the library's <c>connections[k] (A-&gt;B)</c>, <c>drive[k] (A)</c> and
    /// <c>stimuli[k] (A)</c> (k counts projections, drives and stimuli, into which a config entry with
    /// several targets expands) as the config entry: <c>connections[i]</c>, with the pair after the
    /// key. Without a map (after the cluster expansion) the index is dropped and the block named.</summary>
    internal static string Renumber(string message, IReadOnlyList<int>? connections, IReadOnlyList<int>? drives, IReadOnlyList<int>? stimuli) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\b(connections|drive|stimuli)\[(\d+)\]( \([^)]*\))?(\.[A-Za-z_]+)?", m =>
        {
            string section = m.Groups[1].Value, pair = m.Groups[3].Value, key = m.Groups[4].Value;
            var map = section switch { "connections" => connections, "drive" => drives, _ => stimuli };
            int k = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return map is not null && k < map.Count ? $"{section}[{map[k]}]{key}{pair}" : $"{section}{key}{pair}";
        });

    private static string Num(double x) => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    private static NeuronParameters ReadNeuron(YamlConfigReader r, YamlNode node, string at, NeuronParameters defaults, string[] allowed)
    {
        var k = r.Keys(node, at, allowed);
        var n = defaults;
        if (k.TryGetValue("tau_m_ms", out var v)) n = n with { TauMMs = r.Double(v, at + ".tau_m_ms") };
        if (k.TryGetValue("V_th", out v)) n = n with { VTh = r.Double(v, at + ".V_th") };
        if (k.TryGetValue("V_reset", out v)) n = n with { VReset = r.Double(v, at + ".V_reset") };
        if (k.TryGetValue("E_L", out v)) n = n with { EL = r.Double(v, at + ".E_L") };
        if (k.TryGetValue("t_ref_ms", out v)) n = n with { TRefMs = r.Double(v, at + ".t_ref_ms") };
        if (k.TryGetValue("C_m_pF", out v)) n = n with { CmPf = r.Double(v, at + ".C_m_pF") };
        if (k.TryGetValue("g_L_nS", out v))
        {
            double gL = r.Double(v, at + ".g_L_nS");
            if (gL <= 0) throw r.Error(v, at + ".g_L_nS", $"must be > 0, got {gL}");
            double tau = n.CmPf / gL;
            if (k.ContainsKey("tau_m_ms") && Math.Abs(tau - n.TauMMs) > 1e-9 * tau)
                throw r.Error(v, at + ".g_L_nS", $"gives tau_m = C_m / g_L = {tau} ms but tau_m_ms is {n.TauMMs}; give one of them");
            n = n with { TauMMs = tau };
        }
        if (k.TryGetValue("V_init", out v)) n = n with { VInit = ReadInitial(r, v, at + ".V_init") };
        if (k.TryGetValue("g_exc_init", out v)) n = n with { GExcInit = ReadInitial(r, v, at + ".g_exc_init") };
        if (k.TryGetValue("g_inh_init", out v)) n = n with { GInhInit = ReadInitial(r, v, at + ".g_inh_init") };
        return n;
    }

    internal static InitialValue ReadInitial(YamlConfigReader r, YamlNode node, string at)
    {
        if (node is YamlScalarNode) return new InitialValue.Constant(r.Double(node, at));
        var k = r.Keys(node, at, ["uniform", "normal"]);
        if (k.Count != 1) throw r.Error(node, at, "must be a number, {uniform: [low, high]} or {normal: [mean, sd]}");
        var (kind, value) = k.First();
        var pair = r.List(value, $"{at}.{kind}");
        if (pair.Count != 2) throw r.Error(value, $"{at}.{kind}", "must list two numbers");
        double a = r.Double(pair[0], $"{at}.{kind}[0]"), b = r.Double(pair[1], $"{at}.{kind}[1]");
        return kind == "uniform" ? new InitialValue.Uniform(a, b) : new InitialValue.Normal(a, b);
    }

    private static NetworkRecordConfig ReadRecord(YamlConfigReader r, YamlNode? node, HashSet<string> names, double dt)
    {
        var rec = new NetworkRecordConfig(RatesBinMs: Math.Max(1, dt), SampleMs: dt);
        if (node is null) return rec;
        var k = r.Keys(node, "record", RecordKeys);
        if (k.TryGetValue("spikes", out var v))
        {
            if (v is YamlScalarNode) rec = rec with { Spikes = r.Bool(v, "record.spikes") };
            else
            {
                var s = r.Keys(v, "record.spikes", ["populations", "max_per_population"]);
                if (s.TryGetValue("populations", out var p))
                {
                    var list = r.Names(p, "record.spikes.populations");
                    foreach (string name in list)
                        if (!names.Contains(name)) throw r.Error(p, "record.spikes.populations", $"names an unknown population '{name}'");
                    rec = rec with { SpikePopulations = list };
                }
                if (s.TryGetValue("max_per_population", out var m))
                {
                    int max = r.Int32(m, "record.spikes.max_per_population");
                    if (max < 0) throw r.Error(m, "record.spikes.max_per_population", $"must be >= 0, got {max}");
                    rec = rec with { MaxPerPopulation = max };
                }
            }
        }
        if (k.TryGetValue("rates_bin_ms", out v))
        {
            rec = rec with { RatesBinMs = r.Double(v, "record.rates_bin_ms") };
            if (rec.RatesBinMs < dt * (1 - 1e-9)) throw r.Error(v, "record.rates_bin_ms", $"must be >= dt_ms ({dt}), got {rec.RatesBinMs}");
        }
        if (k.TryGetValue("currents", out v)) rec = rec with { Currents = r.Bool(v, "record.currents") };
        if (k.TryGetValue("vm", out v)) rec = rec with { Vm = r.Bool(v, "record.vm") };
        if (k.TryGetValue("proxy_inputs", out v)) rec = rec with { ProxyInputs = r.Bool(v, "record.proxy_inputs") };
        if (k.TryGetValue("sample_ms", out v))
        {
            rec = rec with { SampleMs = r.Double(v, "record.sample_ms") };
            if (rec.SampleMs < dt * (1 - 1e-9)) throw r.Error(v, "record.sample_ms", $"must be >= dt_ms ({dt}), got {rec.SampleMs}");
        }
        return rec;
    }

    private static ClusterLayout ReadClusters(YamlConfigReader r, YamlNode node, HashSet<string> names)
    {
        var k = r.Keys(node, "clusters", ["count", "of", "j_plus", "depression"]);
        if (!k.TryGetValue("count", out var c)) throw r.Error(node, "clusters", "needs count");
        if (!k.TryGetValue("of", out var of)) throw r.Error(node, "clusters", "needs of: {E: {background: n}, ...}");
        var background = new Dictionary<string, int>();
        if (of is not YamlMappingNode ofMap) throw r.Error(of, "clusters.of", "must map population names to {background: n}");
        foreach (var (pk, pv) in ofMap.Children)
        {
            string name = r.String(pk, "clusters.of");
            if (!names.Contains(name)) throw r.Error(pk, "clusters.of", $"names an unknown population '{name}'");
            var b = r.Keys(pv, $"clusters.of.{name}", ["background"]);
            background[name] = b.TryGetValue("background", out var bn) ? r.Int32(bn, $"clusters.of.{name}.background") : 0;
        }
        var jPlus = new Dictionary<string, double>();
        if (k.TryGetValue("j_plus", out var jp))
        {
            if (jp is not YamlMappingNode jMap) throw r.Error(jp, "clusters.j_plus", "must map blocks (EE, EI, ...) to numbers");
            foreach (var (jk, jv) in jMap.Children)
            {
                string key = r.String(jk, "clusters.j_plus");
                jPlus[key] = r.Double(jv, $"clusters.j_plus.{key}");
            }
        }
        double? depression = null;
        if (k.TryGetValue("depression", out var d) && !(d is YamlScalarNode { Value: "auto" }))
            depression = r.Double(d, "clusters.depression");
        return new ClusterLayout(r.Int32(c, "clusters.count"), background, jPlus, depression);
    }

    private static List<Stimulus> ReadStimuli(YamlConfigReader r, YamlNode node, IReadOnlyDictionary<string, string[]> parts, List<int> entry)
    {
        var stimuli = new List<Stimulus>();
        var list = r.List(node, "stimuli");
        for (int i = 0; i < list.Count; i++)
        {
            string at = $"stimuli[{i}]";
            var k = r.Keys(list[i], at, StimulusKeys);
            foreach (string key in new[] { "to", "onset_ms", "duration_ms", "amplitude" })
                if (!k.ContainsKey(key)) throw r.Error(list[i], at, $"needs {key}");
            var targets = new List<string>();
            var to = k["to"];
            if (to is YamlScalarNode)
            {
                string name = r.String(to, at + ".to");
                targets.AddRange(parts.TryGetValue(name, out var ps) ? ps : throw r.Error(to, at + ".to", $"names an unknown population '{name}'"));
            }
            else
            {
                var t = r.Keys(to, at + ".to", ["population", "clusters"]);
                if (!t.TryGetValue("population", out var pn)) throw r.Error(to, at + ".to", "needs population");
                string name = r.String(pn, at + ".to.population");
                if (!parts.TryGetValue(name, out var ps)) throw r.Error(pn, at + ".to.population", $"names an unknown population '{name}'");
                if (t.TryGetValue("clusters", out var cl))
                    foreach (var (item, j) in r.List(cl, at + ".to.clusters").Select((x, j) => (x, j)))
                    {
                        int index = r.Int32(item, $"{at}.to.clusters[{j}]");
                        string part = $"{name}{index}";
                        if (!ps.Contains(part)) throw r.Error(item, $"{at}.to.clusters[{j}]", $"{name} has no cluster {index}");
                        targets.Add(part);
                    }
                else targets.AddRange(ps);
            }
            string shapeName = k.TryGetValue("shape", out var sn) ? r.String(sn, at + ".shape") : "box";
            var shape = shapeName switch
            {
                "box" => StimulusShape.Box,
                "linear" => StimulusShape.Linear,
                "diff2exp" => StimulusShape.Diff2Exp,
                _ => throw r.Error(sn!, at + ".shape", $"must be box, linear or diff2exp, got '{shapeName}'"),
            };
            double Get(string key) => k.TryGetValue(key, out var v) ? r.Double(v, $"{at}.{key}") : 0;
            double onset = Get("onset_ms"), duration = Get("duration_ms"), rise = Get("tau_rise_ms"), decay = Get("tau_decay_ms");
            if (onset < 0) throw r.Error(k["onset_ms"], at + ".onset_ms", $"must be >= 0, got {Num(onset)}");
            if (duration <= 0) throw r.Error(k["duration_ms"], at + ".duration_ms", $"must be > 0, got {Num(duration)}");
            if (shape == StimulusShape.Diff2Exp && !(rise > 0 && decay > rise))
                throw r.Error(list[i], at, $"shape diff2exp needs 0 < tau_rise_ms < tau_decay_ms, got {Num(rise)} and {Num(decay)}");
            if (shape != StimulusShape.Diff2Exp && (k.ContainsKey("tau_rise_ms") || k.ContainsKey("tau_decay_ms")))
                throw r.Error(list[i], at, $"has tau_rise_ms / tau_decay_ms, which only shape diff2exp uses (shape is {shapeName})");
            foreach (string target in targets)
            {
                stimuli.Add(new Stimulus(target, shape, onset, duration, Get("amplitude"), rise, decay));
                entry.Add(i);
            }
        }
        return stimuli;
    }
}

/// <summary>The <c>neuron: {file: model.yaml, PARAMETER: value, ..., init: {VARIABLE: value}}</c> entries of a
/// lif-network config: each model file is read, compiled and loaded once (paths relative to the config's folder),
/// and each entry becomes a <see cref="PopulationModel"/> with its parameter and initial-state overrides.</summary>
internal sealed class NeuronModelFiles(YamlConfigReader r, string folder)
{
    private readonly Dictionary<string, NeuronModel> _loaded = new(StringComparer.Ordinal);

    /// <summary>One entry; without <c>file</c> it refines <paramref name="inherited"/> (the config's top-level
    /// <c>neuron:</c>), whose overrides it extends.</summary>
    public PopulationModel Read(YamlNode node, string at, PopulationModel? inherited)
    {
        if (node is not YamlMappingNode map) throw r.Error(node, at, "must be a mapping: {file: model.yaml, PARAMETER: value, ...}");
        NeuronModel? model = inherited?.Model;
        var parameters = new Dictionary<string, double>(inherited?.Parameters ?? new Dictionary<string, double>());
        var init = new Dictionary<string, InitialValue>(inherited?.Init ?? new Dictionary<string, InitialValue>());
        foreach (var (k, v) in map.Children)
        {
            string key = r.String(k, at);
            if (key == "file")
            {
                string file = r.String(v, at + ".file");
                string path = Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(folder, file));
                if (!File.Exists(path)) throw r.Error(v, at + ".file", $"neuron model file not found: {path}");
                if (!_loaded.TryGetValue(path, out model))
                {
                    try { model = NeuronModel.Load(path); }
                    catch (ModelException ex) { throw new CliException(ex.Message); }
                    _loaded[path] = model;
                }
                if (inherited is not null && model != inherited.Model)
                {
                    parameters.Clear();
                    init.Clear();
                }
            }
            else if (key == "init")
            {
                if (v is not YamlMappingNode im) throw r.Error(v, at + ".init", "must map state variables to initial values");
                foreach (var (ik, iv) in im.Children)
                {
                    string name = r.String(ik, at + ".init");
                    init[name] = LifNetworkConfig.ReadInitial(r, iv, $"{at}.init.{name}");
                }
            }
            else parameters[key] = r.Double(v, $"{at}.{key}");
        }
        if (model is null) throw r.Error(node, at, "needs file: (a neuron model file), or a top-level neuron: {file: ...}");
        foreach (string name in parameters.Keys)
            if (model.Definition.SlotOf(name) is < 0 || model.Definition.SlotOf(name) >= model.Definition.Parameters.Count)
                throw r.Error(node, $"{at}.{name}", $"neuron model {model.Name} has no parameter '{name}' (parameters: {string.Join(", ", model.Definition.Parameters.Select(p => p.Name))})");
        foreach (string name in init.Keys)
            if (model.Definition.State.All(s => s.Name != name))
                throw r.Error(node, $"{at}.init.{name}", $"neuron model {model.Name} has no state variable '{name}' (state: {string.Join(", ", model.Definition.State.Select(s => s.Name))})");
        return new PopulationModel(model, parameters, init);
    }
}
