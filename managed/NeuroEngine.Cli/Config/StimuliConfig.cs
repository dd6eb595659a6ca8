using NeuroEngine.Simulation.Mass;
using NeuroEngine.Simulation.Stimuli;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The <c>stimuli:</c> list of a simulation config (docs/stimuli.md): each item a shape with its keys, a
/// time window (onset_ms, duration_ms), a target state variable and regions (indices or names; all when absent).
/// Every key is checked; errors name the file, line, key and value.</summary>
public static class StimuliConfig
{
    /// <summary>The shape names and the keys each takes besides the common ones.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ShapeKeys = new Dictionary<string, string[]>
    {
        ["pulse"] = ["amplitude"],
        ["pulse_train"] = ["amplitude", "period_ms", "width_ms", "count"],
        ["sine"] = ["amplitude", "frequency_hz", "phase", "offset"],
        ["ramp"] = ["from", "to"],
        ["exp_decay"] = ["amplitude", "tau_ms", "offset"],
        ["ou"] = ["mean", "sigma", "tau_ms", "seed"],
        ["series"] = ["file", "column", "sample_dt_ms"],
        ["sum"] = ["components"],
    };

    private static readonly string[] WindowKeys = ["shape", "onset_ms", "duration_ms"];
    private static readonly string[] TargetKeys = ["variable", "regions"];

    /// <summary>Reads the <c>stimuli:</c> node of config <paramref name="file"/>. Series files are resolved against
    /// <paramref name="baseDirectory"/>. When <paramref name="model"/> is given, variables are checked against its
    /// state variables; when <paramref name="regions"/> is given, region indices (and names, against
    /// <paramref name="regionNames"/>) are checked too.</summary>
    public static StimulusSet Read(YamlNode node, string file, string baseDirectory, MassModelDescriptor? model = null,
        int? regions = null, IReadOnlyList<string>? regionNames = null)
    {
        var r = new YamlConfigReader(file);
        var set = new StimulusSet();
        if (YamlConfigReader.IsNull(node)) return set;
        var items = r.List(node, "stimuli");
        for (int i = 0; i < items.Count; i++)
        {
            string key = $"stimuli[{i}]";
            var k = Keys(r, items[i], key, TargetKeys);
            if (!k.TryGetValue("variable", out var varNode)) throw r.Error(items[i], key, "needs variable: (the state variable the input enters)");
            string variable = r.String(varNode, key + ".variable");
            if (model is not null && !model.StateVariables.Contains(variable))
                throw r.Error(varNode, key + ".variable", $"must be a state variable of {model.Name} ({string.Join(", ", model.StateVariables)}), got '{variable}'");
            RegionSelector[]? selected = k.TryGetValue("regions", out var regNode) ? ReadRegions(r, regNode, key + ".regions") : null;
            var target = new StimulusTarget(variable, selected);
            if (regions is { } count)
            {
                try { target.Resolve(count, regionNames); }
                catch (ArgumentException ex) { throw r.Error(regNode!, key + ".regions", ex.Message); }
            }
            set.Add(ReadShape(r, items[i], key, k, baseDirectory), target);
        }
        return set;
    }

    /// <summary>The <c>stimuli:</c> list of a YAML document (other keys are ignored), or an empty set when it has none.</summary>
    public static StimulusSet Parse(string yaml, string file, string baseDirectory, MassModelDescriptor? model = null,
        int? regions = null, IReadOnlyList<string>? regionNames = null)
    {
        var root = YamlConfigReader.LoadRoot(yaml, file);
        return root.Children.TryGetValue(new YamlScalarNode("stimuli"), out var node)
            ? Read(node, file, baseDirectory, model, regions, regionNames) : new StimulusSet();
    }

    private static Dictionary<string, YamlNode> Keys(YamlConfigReader r, YamlNode item, string key, string[] extra)
    {
        if (item is not YamlMappingNode map) throw r.Error(item, key, "must be a mapping with shape: and its keys");
        string? shape = map.Children.TryGetValue(new YamlScalarNode("shape"), out var s) ? r.String(s, key + ".shape") : null;
        if (shape is null) throw r.Error(item, key, $"needs shape: ({string.Join(", ", ShapeKeys.Keys)})");
        if (!ShapeKeys.TryGetValue(shape, out var own)) throw r.Error(s!, key + ".shape", $"must be one of {string.Join(", ", ShapeKeys.Keys)}, got '{shape}'");
        return r.Keys(item, key, [.. WindowKeys, .. extra, .. own]);
    }

    private static RegionSelector[] ReadRegions(YamlConfigReader r, YamlNode node, string key)
    {
        var list = node is YamlSequenceNode seq ? seq.Children : (IList<YamlNode>)[node];
        if (list.Count == 0) throw r.Error(node, key, "must list at least one region (leave regions out for all)");
        var result = new RegionSelector[list.Count];
        for (int j = 0; j < list.Count; j++)
        {
            string itemKey = node is YamlSequenceNode ? $"{key}[{j}]" : key;
            // a plain integer is an index; anything else (or a quoted number) is a region name
            if (list[j] is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } v } && v.Length > 0 && (char.IsDigit(v[0]) || v[0] == '-'))
            {
                long index = r.Int64(list[j], itemKey);
                if (index < 0 || index > int.MaxValue) throw r.Error(list[j], itemKey, $"must be a region index >= 0 or a region name, got {index}");
                result[j] = RegionSelector.ByIndex((int)index);
            }
            else
            {
                string name = r.String(list[j], itemKey);
                if (name.Trim().Length == 0) throw r.Error(list[j], itemKey, "must be a region index or name, got an empty name");
                result[j] = RegionSelector.ByName(name);
            }
        }
        return result;
    }

    private static Stimulus ReadShape(YamlConfigReader r, YamlNode item, string key, Dictionary<string, YamlNode> k, string baseDirectory)
    {
        string shape = r.String(k["shape"], key + ".shape");
        double onset = k.TryGetValue("onset_ms", out var on) ? NonNegative(r, on, key + ".onset_ms") : 0;
        double duration = k.TryGetValue("duration_ms", out var du) ? Positive(r, du, key + ".duration_ms") : double.PositiveInfinity;
        double Need(string name) => k.TryGetValue(name, out var n) ? r.Double(n, $"{key}.{name}") : throw r.Error(item, key, $"({shape}) needs {name}:");
        double Opt(string name, double fallback) => k.TryGetValue(name, out var n) ? r.Double(n, $"{key}.{name}") : fallback;
        double NeedPositive(string name) => k.TryGetValue(name, out var n) ? Positive(r, n, $"{key}.{name}") : throw r.Error(item, key, $"({shape}) needs {name}:");
        switch (shape)
        {
            case "pulse":
                return new PulseStimulus(Need("amplitude"), onset, duration);
            case "pulse_train":
            {
                double period = NeedPositive("period_ms"), width = NeedPositive("width_ms");
                if (width > period) throw r.Error(k["width_ms"], key + ".width_ms", $"must be <= period_ms ({period}), got {width}");
                int? count = null;
                if (k.TryGetValue("count", out var c))
                {
                    count = r.Int32(c, key + ".count");
                    if (count <= 0) throw r.Error(c, key + ".count", $"must be > 0 (leave it out for pulses until the window ends), got {count}");
                }
                return new PulseTrainStimulus(Need("amplitude"), period, width, count, onset, duration);
            }
            case "sine":
            {
                double f = Need("frequency_hz");
                if (f < 0) throw r.Error(k["frequency_hz"], key + ".frequency_hz", $"must be >= 0, got {f}");
                return new SineStimulus(Need("amplitude"), f, Opt("phase", 0), Opt("offset", 0), onset, duration);
            }
            case "ramp":
                if (du is null) throw r.Error(item, key, "(ramp) needs duration_ms: (the ramp runs from 'from' to 'to' over the window)");
                return new RampStimulus(Need("from"), Need("to"), onset, duration);
            case "exp_decay":
                return new ExponentialDecayStimulus(Need("amplitude"), NeedPositive("tau_ms"), Opt("offset", 0), onset, duration);
            case "ou":
            {
                double sigma = Need("sigma");
                if (sigma < 0) throw r.Error(k["sigma"], key + ".sigma", $"must be >= 0, got {sigma}");
                if (!k.TryGetValue("seed", out var sd)) throw r.Error(item, key, "(ou) needs seed: (the noise's own seed)");
                return new OrnsteinUhlenbeckStimulus(Opt("mean", 0), sigma, NeedPositive("tau_ms"), r.UInt64(sd, key + ".seed"), onset, duration);
            }
            case "series":
            {
                if (!k.TryGetValue("file", out var fn)) throw r.Error(item, key, "(series) needs file: (a .csv or .npy series)");
                string path = Path.GetFullPath(Path.Combine(baseDirectory, r.String(fn, key + ".file")));
                string? column = k.TryGetValue("column", out var col) ? r.String(col, key + ".column") : null;
                double? sampleDt = k.TryGetValue("sample_dt_ms", out var sdt) ? Positive(r, sdt, key + ".sample_dt_ms") : null;
                try
                {
                    var (times, values) = StimulusSeriesFile.Read(path, column, sampleDt);
                    return new SeriesStimulus(times, values, onset, duration);
                }
                catch (InvalidDataException ex) { throw r.Error(fn, key + ".file", ex.Message); }
            }
            default: // sum
            {
                if (!k.TryGetValue("components", out var comp)) throw r.Error(item, key, "(sum) needs components: (a list of shapes)");
                var list = r.List(comp, key + ".components");
                if (list.Count == 0) throw r.Error(comp, key + ".components", "must list at least one shape");
                var parts = new Stimulus[list.Count];
                for (int j = 0; j < list.Count; j++)
                {
                    string ck = $"{key}.components[{j}]";
                    parts[j] = ReadShape(r, list[j], ck, Keys(r, list[j], ck, []), baseDirectory);
                }
                return new SumStimulus(parts, onset, duration);
            }
        }
    }

    private static double NonNegative(YamlConfigReader r, YamlNode node, string key)
    {
        double x = r.Double(node, key);
        return x >= 0 ? x : throw r.Error(node, key, $"must be >= 0, got {x}");
    }

    private static double Positive(YamlConfigReader r, YamlNode node, string key)
    {
        double x = r.Double(node, key);
        return x > 0 ? x : throw r.Error(node, key, $"must be > 0, got {x}");
    }
}
