using System.Text.Json.Nodes;

namespace NeuroEngine.Inference;

/// <summary>ncpi's Inference workflow as a thin layer over <see cref="InferenceModel"/>: add
/// simulation data (several calls append), train with an optional parameter grid (repeated k-fold
/// search, final model = ensemble of the best candidate's fold models), predict (rows with
/// non-finite features get NaN, as ncpi returns no prediction for them).</summary>
/// <example><code>
/// var inference = new NcpiInference("mlp", new JsonObject { ["max_iter"] = 100, ["tol"] = 0.1, ["n_iter_no_change"] = 5 });
/// inference.AddSimulationData(features, parameters);
/// inference.Train(paramGrid: JsonNode.Parse("[{\"hidden_layer_sizes\": [[25,25]]}, {\"hidden_layer_sizes\": [[50,50]]}]"), folds: 10, repeats: 2);
/// double[][] estimates = inference.Predict(observed);
/// </code></example>
public sealed class NcpiInference(string model, JsonObject? hyperparameters = null)
{
    private readonly List<double[]> _features = [], _parameters = [];

    public string Model { get; } = RegressorFactory.Kinds.Contains(model) ? model
        : throw new ArgumentException($"model '{model}' is not a regressor; choose one of {string.Join(", ", RegressorFactory.Kinds)} (use InferenceModel.TrainPosterior for mdn and flow)", nameof(model));
    public InferenceModel? Trained { get; private set; }
    public int Rows => _features.Count;

    /// <summary>Appends (features, parameters) rows.</summary>
    public void AddSimulationData(double[][] features, double[][] parameters)
    {
        if (features.Length != parameters.Length) throw new ArgumentException($"parameters: {parameters.Length} rows but features have {features.Length}; rows must correspond", nameof(parameters));
        if (_features.Count > 0 && features.Length > 0 && (features[0].Length != _features[0].Length || parameters[0].Length != _parameters[0].Length))
            throw new ArgumentException($"features/parameters: {features[0].Length}/{parameters[0].Length} columns, earlier data had {_features[0].Length}/{_parameters[0].Length}", nameof(features));
        _features.AddRange(features);
        _parameters.AddRange(parameters);
    }

    /// <summary>Fits the scaler and the model (ncpi's defaults: 10 folds, 10 repeats, seed 0).</summary>
    public InferenceModel Train(JsonNode? paramGrid = null, int folds = 10, int repeats = 10, ulong seed = 0,
        IReadOnlyList<string>? featureNames = null, IReadOnlyList<string>? parameterNames = null, CancellationToken cancellation = default)
    {
        var data = TrainingData.Create(_features.ToArray(), _parameters.ToArray(), featureNames, parameterNames);
        Trained = InferenceModel.TrainRegressor(data, Model, hyperparameters, seed, paramGrid, folds, repeats, null, null, cancellation);
        return Trained;
    }

    /// <summary>Point estimates [row][parameter]; NaN rows where the features are not finite.</summary>
    public double[][] Predict(double[][] features) =>
        (Trained ?? throw new InvalidOperationException("call Train before Predict")).PointEstimates(features);
}
