using NeuroEngine.Simulation.MeanField;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The config of <c>neuroengine meanfield</c> (specs/meanfield.md): per-population lists of
/// length P (reset_voltage and tau_refractory_ms may be one number), matrices with rows =
/// postsynaptic population; every key checked.</summary>
public sealed record MeanFieldConfig(LifMeanFieldModel Model, IReadOnlyList<double[]> Starts, int Restarts, int Seed,
    MeanFieldDynamics Dynamics)
{
    private static readonly string[] Keys = ["c_matrix", "j_matrix", "j_ext", "c_ext", "nu_ext", "tau_membrane_ms", "tau_synaptic_ms",
        "threshold", "reset_voltage", "tau_refractory_ms", "starts", "dynamics", "restarts", "seed", "reference_column_scaling"];

    public static MeanFieldConfig Load(string path) => Parse(YamlConfigReader.ReadFile(path), path);

    public static MeanFieldConfig Parse(string yaml, string displayName)
    {
        var r = new YamlConfigReader(displayName);
        var k = r.Keys(YamlConfigReader.LoadRoot(yaml, displayName), "", Keys);
        foreach (string required in new[] { "c_matrix", "j_matrix", "j_ext", "c_ext", "nu_ext", "tau_membrane_ms", "threshold", "reset_voltage" })
            if (!k.ContainsKey(required)) throw new CliException($"{displayName}: {required} is required");
        double[] Vector(string key) => r.List(k[key], key).Select((n, i) => r.Double(n, $"{key}[{i}]")).ToArray();
        var jExt = Vector("j_ext");
        int p = jExt.Length;
        double[,] Matrix(string key)
        {
            var rows = r.List(k[key], key);
            if (rows.Count != p) throw r.Error(k[key], key, $"must have {p} rows (one per population, as j_ext), got {rows.Count}");
            var m = new double[p, p];
            for (int i = 0; i < p; i++)
            {
                var row = r.List(rows[i], $"{key}[{i}]");
                if (row.Count != p) throw r.Error(rows[i], $"{key}[{i}]", $"must have {p} entries, got {row.Count}");
                for (int j = 0; j < p; j++) m[i, j] = r.Double(row[j], $"{key}[{i}][{j}]");
            }
            return m;
        }
        double[] PerPopulation(string key, double fallback)
        {
            if (!k.TryGetValue(key, out var node)) return Enumerable.Repeat(fallback, p).ToArray();
            if (node is YamlScalarNode) return Enumerable.Repeat(r.Double(node, key), p).ToArray();
            var v = Vector(key);
            if (v.Length != p) throw r.Error(node, key, $"must have {p} entries (one per population), got {v.Length}");
            return v;
        }
        var model = new LifMeanFieldModel
        {
            C = Matrix("c_matrix"), J = Matrix("j_matrix"), JExt = jExt, CExt = PerPopulation("c_ext", 0), NuExtHz = PerPopulation("nu_ext", 0),
            TauMMs = PerPopulation("tau_membrane_ms", 20), TauSMs = PerPopulation("tau_synaptic_ms", 0),
            Threshold = PerPopulation("threshold", 0), Reset = PerPopulation("reset_voltage", 0), TauRefMs = PerPopulation("tau_refractory_ms", 0),
            ReferenceColumnScaling = k.TryGetValue("reference_column_scaling", out var rcs) && r.Bool(rcs, "reference_column_scaling"),
        };
        try { model.Validate(); }
        catch (ArgumentException ex) { throw new CliException($"{displayName}: {LifNetworkConfig.Translate(ex)}"); }
        var starts = new List<double[]>();
        if (k.TryGetValue("starts", out var s))
        {
            var list = r.List(s, "starts");
            for (int i = 0; i < list.Count; i++)
            {
                var start = r.List(list[i], $"starts[{i}]").Select((n, j) => r.Double(n, $"starts[{i}][{j}]")).ToArray();
                if (start.Length != p) throw r.Error(list[i], $"starts[{i}]", $"must have {p} rates, got {start.Length}");
                if (start.Any(x => x < 0)) throw r.Error(list[i], $"starts[{i}]", "rates must be >= 0");
                starts.Add(start);
            }
        }
        int restarts = k.TryGetValue("restarts", out var rn) ? r.Int32(rn, "restarts") : (starts.Count == 0 ? 30 : 0);
        if (restarts < 0) throw r.Error(rn!, "restarts", $"must be >= 0, got {restarts}");
        if (starts.Count == 0) starts.Add(new double[p]); // the reference's default: zeros
        int seed = k.TryGetValue("seed", out var sn) ? r.Int32(sn, "seed") : 256;
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
