using System.Globalization;
using System.Text.Json.Nodes;
using NeuroEngine.Inference;
using NeuroEngine.Inference.Posterior;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The TRAIN.yaml of <c>neuroengine infer train --config</c>: model hyperparameters with
/// sklearn's names (ridge, mlp) or the estimator's (mdn: components, hidden_layer_sizes; flow:
/// transforms, hidden_layer_sizes, scale_clamp); for ridge and mlp <c>param_grid</c>, <c>folds</c>
/// and <c>repeats</c> for ncpi's cross-validated grid search; for mdn and flow the training keys
/// (batch_size, max_epochs, learning_rate, validation_fraction, stop_after_epochs, clip_max_norm) and
/// <c>bounds: {name: [low, high]}</c> (rejection outside; <c>[low, high, clip]</c> clamps onto the bounds, for
/// a prior that clips) and <c>constraints: [{V_reset: 1, V_init: -1, max: -0.5}]</c> (linear parts of the prior's
/// support, draws breaking one are rejected). Unknown keys are errors.</summary>
public sealed record InferTrainConfig(JsonObject Hyperparameters, JsonNode? ParamGrid, int Folds, int Repeats,
    NpeTrainingOptions Training, Dictionary<string, (double Low, double High, bool Clip)> Bounds,
    List<(Dictionary<string, double> Terms, double Max, int Line)> Constraints)
{
    private static readonly string[] TrainingKeys = ["batch_size", "max_epochs", "learning_rate", "validation_fraction", "stop_after_epochs", "clip_max_norm", "learning_rate_schedule", "linear_baseline"];

    /// <summary>Reads <paramref name="path"/> (null: defaults) for a model of <paramref name="kind"/>.</summary>
    public static InferTrainConfig Load(string? path, string kind, ulong seed)
    {
        var hyper = new JsonObject();
        JsonNode? grid = null;
        int folds = 10, repeats = 1;
        var training = new JsonObject();
        var bounds = new Dictionary<string, (double, double, bool)>();
        var constraints = new List<(Dictionary<string, double>, double, int)>();
        if (path is not null)
        {
            var root = YamlConfigReader.LoadRoot(YamlConfigReader.ReadFile(path), path);
            var reader = new YamlConfigReader(path);
            bool posterior = kind is "mdn" or "flow";
            foreach (var (k, v) in root.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? throw reader.Error(k, "config", "has a key that is not text");
                switch (key)
                {
                    case "param_grid" when !posterior: grid = ToJson(v); break;
                    case "folds" when !posterior: folds = reader.Int32(v, key); break;
                    case "repeats" when !posterior: repeats = reader.Int32(v, key); break;
                    case "bounds" when posterior:
                        if (v is not YamlMappingNode boundsMap) throw reader.Error(v, "bounds", "must map parameter names to [low, high]");
                        foreach (var (nameNode, range) in boundsMap.Children)
                        {
                            string name = (nameNode as YamlScalarNode)?.Value ?? throw reader.Error(nameNode, "bounds", "has a key that is not text");
                            var items = reader.List(range, $"bounds.{name}");
                            if (items.Count is not (2 or 3)) throw reader.Error(range, $"bounds.{name}", "must be [low, high] or [low, high, clip|truncate]");
                            string mode = items.Count == 3 ? reader.Plain(items[2], $"bounds.{name}", "clip or truncate") : "truncate";
                            if (mode is not ("clip" or "truncate")) throw reader.Error(items[2], $"bounds.{name}", $"third entry must be clip or truncate, got '{mode}'");
                            bounds[name] = (reader.Double(items[0], $"bounds.{name}"), reader.Double(items[1], $"bounds.{name}"), mode == "clip");
                        }
                        break;
                    case "constraints" when posterior:
                        foreach (var item in reader.List(v, "constraints"))
                        {
                            if (item is not YamlMappingNode map) throw reader.Error(item, "constraints", "entries must map parameter names to coefficients, plus max: (e.g. {V_reset: 1, V_init: -1, max: -0.5})");
                            var terms = new Dictionary<string, double>();
                            double? max = null;
                            foreach (var (termKey, termValue) in map.Children)
                            {
                                string term = (termKey as YamlScalarNode)?.Value ?? throw reader.Error(termKey, "constraints", "has a key that is not text");
                                if (term == "max") max = reader.Double(termValue, "constraints.max");
                                else terms[term] = reader.Double(termValue, $"constraints.{term}");
                            }
                            if (max is null || terms.Count == 0) throw reader.Error(item, "constraints", "entries need at least one parameter coefficient and max:");
                            constraints.Add((terms, max.Value, (int)item.Start.Line));
                        }
                        break;
                    case var t when posterior && TrainingKeys.Contains(t): training[key] = ToJson(v); break;
                    case "param_grid" or "folds" or "repeats" or "bounds" or "constraints":
                        throw new CliException($"{path} line {k.Start.Line}: {key} applies to {(posterior ? "ridge and mlp" : "mdn and flow")}, not to {kind}");
                    default: hyper[key] = ToJson(v); break;
                }
            }
            if (folds < 2) throw new CliException($"{path}: folds must be >= 2, got {folds}");
            if (repeats < 1) throw new CliException($"{path}: repeats must be >= 1, got {repeats}");
        }
        NpeTrainingOptions npe;
        try { npe = NpeTrainingOptions.FromJson(RegressorFactory.Merge(new NpeTrainingOptions { Seed = seed }.ToJson(), training, kind)); }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException) { throw new CliException($"{path}: a training setting has the wrong type ({ex.Message})"); }
        return new InferTrainConfig(hyper, grid, folds, repeats, npe, bounds, constraints);
    }

    /// <summary>YAML to JSON: numbers, booleans and null by their plain text, other scalars as text.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlScalarNode s when YamlConfigReader.IsNull(s) => null,
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "True" } => JsonValue.Create(true),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "false" or "False" } => JsonValue.Create(false),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } v } when double.TryParse(v.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            => JsonNode.Parse(long.TryParse(v.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
                ? l.ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture)),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new CliException($"unsupported YAML node at line {node.Start.Line}"),
    };
}
