using System.Text.Json.Nodes;

namespace NeuroEngine.Inference;

/// <summary>Builds regressors by kind from sklearn-named hyperparameters (a config file, a grid
/// candidate) and restores them from a <see cref="ModelArchive"/>.</summary>
public static class RegressorFactory
{
    public static readonly string[] Kinds = ["ridge", "mlp"];

    /// <summary>A new regressor of <paramref name="kind"/>; keys of <paramref name="hyperparameters"/>
    /// override the defaults; unknown keys are errors (a typo must not be ignored).</summary>
    public static IRegressor Create(string kind, JsonObject? hyperparameters = null, ulong seed = 0) => kind switch
    {
        "ridge" => new RidgeRegression(RidgeOptions.FromJson(Merge(new RidgeOptions { Seed = seed }.ToJson(), hyperparameters, kind))),
        "mlp" => new MlpRegressor(MlpOptions.FromJson(Merge(new MlpOptions { Seed = seed }.ToJson(), hyperparameters, kind))),
        _ => throw new ArgumentException($"model '{kind}' is not a regressor; choose one of {string.Join(", ", Kinds)}", nameof(kind)),
    };

    /// <summary><paramref name="defaults"/> with the keys of <paramref name="overrides"/> replaced.</summary>
    public static JsonObject Merge(JsonObject defaults, JsonObject? overrides, string kind)
    {
        if (overrides is null) return defaults;
        foreach (var (key, value) in overrides)
        {
            if (!defaults.ContainsKey(key))
                throw new ArgumentException($"hyperparameter '{key}' is not known for model '{kind}'; known: {string.Join(", ", defaults.Select(p => p.Key))}", nameof(overrides));
            defaults[key] = value?.DeepClone();
        }
        return defaults;
    }

    /// <summary>Restores a regressor saved with <see cref="IRegressor.Save"/>; the kind and
    /// hyperparameters come from <paramref name="description"/> (written by <see cref="Describe"/>).</summary>
    public static IRegressor Load(ModelArchive archive, string prefix, JsonObject description, int inputs, int outputs)
    {
        string kind = (string?)description["kind"] ?? throw new InvalidDataException($"{ModelArchive.MetadataFile}: regressor without a kind");
        var hyper = description["hyperparameters"] as JsonObject ?? throw new InvalidDataException($"{ModelArchive.MetadataFile}: regressor '{kind}' without hyperparameters");
        return kind switch
        {
            "ridge" => RidgeRegression.Load(archive, prefix, hyper, inputs, outputs),
            "mlp" => MlpRegressor.Load(archive, prefix, hyper, inputs, outputs),
            "ensemble" => new EnsembleRegressor(((description["members"] as JsonArray) ?? throw new InvalidDataException($"{ModelArchive.MetadataFile}: ensemble without members"))
                .Select((m, i) => Load(archive, $"{prefix}m{i}/", (JsonObject)m!, inputs, outputs)).ToArray()),
            _ => throw new InvalidDataException($"{ModelArchive.MetadataFile}: unknown regressor kind '{kind}'"),
        };
    }

    /// <summary>Kind and hyperparameters (recursively for ensembles), as <see cref="Load"/> reads them.</summary>
    public static JsonObject Describe(IRegressor model)
    {
        var o = new JsonObject { ["kind"] = model.Kind, ["hyperparameters"] = model.Hyperparameters };
        if (model is EnsembleRegressor e) o["members"] = new JsonArray(e.Members.Select(m => (JsonNode)Describe(m)).ToArray());
        return o;
    }
}
