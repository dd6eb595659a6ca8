using NeuroEngine.Simulation.MeanField;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The config of <c>neuroengine meanfield</c> (docs/meanfield.md), read from
/// YAML with every key checked: unknown keys, wrong types, wrong lengths and invalid values raise
/// <see cref="CliException"/> naming the file, line and key. P = the length of <c>j_ext</c>; matrices
/// are P x P with rows = postsynaptic population; per-population lists have P entries;
/// <c>reset_voltage</c> and <c>tau_refractory_ms</c> may be one number for all populations.</summary>
/// <param name="Model">The mean field (validated).</param>
/// <param name="Starts">The explicit starting rates (Hz); one all-zero start when the config gives none.</param>
/// <param name="Restarts">Seeded random starts added after <paramref name="Starts"/>.</param>
/// <param name="Seed">Seed of the random starts.</param>
/// <param name="Dynamics">Rate dynamics of the stability analysis.</param>
public sealed record MeanFieldConfig(LifMeanFieldModel Model, IReadOnlyList<double[]> Starts, int Restarts, int Seed,
    MeanFieldDynamics Dynamics)
{
    /// <summary>Random restarts when the config gives neither <c>starts</c> nor <c>restarts</c>.</summary>
    public const int DefaultRestarts = 30;

    /// <summary>Seed of the random restarts when the config gives none (the reference's default seed).</summary>
    public const int DefaultSeed = 256;

    /// <summary>Most random restarts accepted.</summary>
    public const int MaxRestarts = 100_000;

    private static readonly string[] Keys = ["c_matrix", "j_matrix", "j_ext", "c_ext", "nu_ext", "tau_membrane_ms", "tau_synaptic_ms",
        "threshold", "reset_voltage", "tau_refractory_ms", "starts", "dynamics", "restarts", "seed", "reference_column_scaling"];

    private static readonly string[] Required = ["c_matrix", "j_matrix", "j_ext", "c_ext", "nu_ext", "tau_membrane_ms", "threshold", "reset_voltage"];

    /// <summary>All starting points: <see cref="Starts"/>, then <see cref="Restarts"/> random ones for <see cref="Seed"/>.</summary>
    public IEnumerable<double[]> AllStarts() =>
        Starts.Concat(MeanFieldSolver.RandomStarts(Model.P, Restarts, Seed));

    /// <summary>Reads and validates a config file.</summary>
    public static MeanFieldConfig Load(string path) => Parse(YamlConfigReader.ReadFile(path), path);

    /// <summary>Parses YAML text; <paramref name="displayName"/> names the file in errors.</summary>
    public static MeanFieldConfig Parse(string yaml, string displayName)
    {
        var r = new YamlConfigReader(displayName);
        var k = r.Keys(YamlConfigReader.LoadRoot(yaml, displayName), "", Keys);
        foreach (string required in Required)
            if (!k.ContainsKey(required)) throw new CliException($"{displayName}: {required} is required (see docs/meanfield.md)");

        double[] List(string key, YamlNode node) => r.List(node, key).Select((n, i) => r.Double(n, $"{key}[{i}]")).ToArray();
        var jExt = List("j_ext", k["j_ext"]);
        int p = jExt.Length;
        if (p == 0) throw r.Error(k["j_ext"], "j_ext", "must list one value per population, got an empty list");

        double[,] Matrix(string key)
        {
            var rows = r.List(k[key], key);
            if (rows.Count != p) throw r.Error(k[key], key, $"must have {p} rows (one per population, as j_ext), got {rows.Count}");
            var m = new double[p, p];
            for (int i = 0; i < p; i++)
            {
                var row = r.List(rows[i], $"{key}[{i}]");
                if (row.Count != p) throw r.Error(rows[i], $"{key}[{i}]", $"must have {p} entries (one per presynaptic population), got {row.Count}");
                for (int j = 0; j < p; j++) m[i, j] = r.Double(row[j], $"{key}[{i}][{j}]");
            }
            return m;
        }
        double[] PerPopulation(string key, double? absent, bool scalarAllowed)
        {
            if (!k.TryGetValue(key, out var node)) return Enumerable.Repeat(absent!.Value, p).ToArray();
            if (node is YamlScalarNode && scalarAllowed) return Enumerable.Repeat(r.Double(node, key), p).ToArray();
            if (node is not YamlSequenceNode)
                throw r.Error(node, key, $"must be a list of {p} numbers (one per population){(scalarAllowed ? " or one number" : "")}");
            var v = List(key, node);
            if (v.Length != p) throw r.Error(node, key, $"must have {p} entries (one per population, as j_ext), got {v.Length}");
            return v;
        }

        var model = new LifMeanFieldModel
        {
            C = Matrix("c_matrix"),
            J = Matrix("j_matrix"),
            JExt = jExt,
            CExt = PerPopulation("c_ext", null, false),
            NuExtHz = PerPopulation("nu_ext", null, false),
            TauMMs = PerPopulation("tau_membrane_ms", null, false),
            TauSMs = PerPopulation("tau_synaptic_ms", 0, false),
            Threshold = PerPopulation("threshold", null, false),
            Reset = PerPopulation("reset_voltage", null, true),
            TauRefMs = PerPopulation("tau_refractory_ms", 0, true),
            ReferenceColumnScaling = k.TryGetValue("reference_column_scaling", out var rcs) && r.Bool(rcs, "reference_column_scaling"),
        };
        try { model.Validate(); }
        catch (ArgumentException ex) { throw new CliException($"{displayName}: {CliErrors.Message(ex)}"); }

        var starts = new List<double[]>();
        if (k.TryGetValue("starts", out var s))
        {
            var list = r.List(s, "starts");
            if (list.Count == 0) throw r.Error(s, "starts", "must list at least one start (or be left out)");
            for (int i = 0; i < list.Count; i++)
            {
                var start = List($"starts[{i}]", list[i]);
                if (start.Length != p) throw r.Error(list[i], $"starts[{i}]", $"must have {p} rates (one per population), got {start.Length}");
                for (int j = 0; j < p; j++)
                    if (start[j] < 0) throw r.Error(list[i], $"starts[{i}][{j}]", $"must be a rate >= 0 Hz, got {start[j]}");
                starts.Add(start);
            }
        }
        int restarts = starts.Count == 0 ? DefaultRestarts : 0;
        if (k.TryGetValue("restarts", out var rn))
        {
            restarts = r.Int32(rn, "restarts");
            if (restarts < 0 || restarts > MaxRestarts) throw r.Error(rn, "restarts", $"must be between 0 and {MaxRestarts}, got {restarts}");
        }
        if (starts.Count == 0) starts.Add(new double[p]); // the reference's default guess: zeros
        int seed = k.TryGetValue("seed", out var sn) ? r.Int32(sn, "seed") : DefaultSeed;
        var dynamics = MeanFieldDynamics.Unit;
        if (k.TryGetValue("dynamics", out var dn))
            dynamics = r.String(dn, "dynamics") switch
            {
                "unit" => MeanFieldDynamics.Unit,
                "membrane" => MeanFieldDynamics.Membrane,
                var other => throw r.Error(dn, "dynamics", $"must be unit or membrane, got '{other}'"),
            };
        return new MeanFieldConfig(model, starts, restarts, seed, dynamics);
    }
}
