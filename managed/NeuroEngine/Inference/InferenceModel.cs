using System.Text.Json.Nodes;
using NeuroEngine.Inference.Posterior;
using NeuroEngine.Random;

namespace NeuroEngine.Inference;

/// <summary>A trained inverse model as <c>neuroengine infer</c> saves it: feature names and
/// scaler (fitted on the training rows only), parameter names, and either a regressor (ridge,
/// mlp, or an ensemble from a grid search) or a posterior estimator (mdn, flow) with its
/// parameter scaler and prior bounds. Rows with non-finite features get NaN predictions.</summary>
public sealed class InferenceModel
{
    public static readonly string[] Kinds = ["ridge", "mlp", "mdn", "flow"];

    public string Kind { get; }
    public string[] FeatureNames { get; }
    public string[] ParameterNames { get; }
    public StandardScaler FeatureScaler { get; }
    public IRegressor? Regressor { get; }
    public IPosteriorEstimator? Posterior { get; }
    /// <summary>Scaler of the parameters (posterior estimators only).</summary>
    public StandardScaler? ParameterScaler { get; }
    /// <summary>Posterior estimators with <see cref="NpeTrainingOptions.LinearBaseline"/>: a ridge fit
    /// b(x) of the parameters on the scaled features; the estimator models theta - b(x), which
    /// <see cref="ParameterScaler"/> standardises.</summary>
    public RidgeRegression? Baseline { get; }
    public PriorBounds? Bounds { get; }
    /// <summary>Training facts written to model.json (rows, dropped rows, losses, grid scores).</summary>
    public JsonObject Training { get; }
    public bool IsPosterior => Posterior is not null;

    private InferenceModel(string kind, string[] featureNames, string[] parameterNames, StandardScaler featureScaler,
        IRegressor? regressor, IPosteriorEstimator? posterior, StandardScaler? parameterScaler, PriorBounds? bounds, JsonObject training,
        RidgeRegression? baseline = null)
    {
        Baseline = baseline;
        Kind = kind; FeatureNames = featureNames; ParameterNames = parameterNames; FeatureScaler = featureScaler;
        Regressor = regressor; Posterior = posterior; ParameterScaler = parameterScaler; Bounds = bounds; Training = training;
    }

    /// <summary>Fits a regressor (<paramref name="kind"/> ridge or mlp) on scaled features; with a
    /// grid, ncpi's repeated k-fold search whose final model is the best candidate's fold ensemble.</summary>
    public static InferenceModel TrainRegressor(TrainingData data, string kind, JsonObject? hyperparameters, ulong seed,
        JsonNode? paramGrid = null, int folds = 10, int repeats = 1, IProgress<EpochReport>? progress = null,
        IProgress<double>? gridProgress = null, CancellationToken cancellation = default)
    {
        var scaler = StandardScaler.Fit(data.Features);
        var x = scaler.Transform(data.Features);
        var training = Summary(data);
        IRegressor model;
        if (paramGrid is not null)
        {
            var result = GridSearch.Run(kind, hyperparameters, GridSearch.Expand(paramGrid), x, data.Parameters, folds, repeats, seed, gridProgress, cancellation);
            model = result.Model;
            training["grid"] = new JsonArray(result.Scores.Select(s => (JsonNode)new JsonObject
            {
                ["candidate"] = s.Candidate.DeepClone(), ["mean_mse"] = s.MeanMse, ["sd_mse"] = s.SdMse,
            }).ToArray());
            training["best"] = result.Best.Candidate.DeepClone();
            training["folds"] = folds; training["repeats"] = repeats;
        }
        else
        {
            model = RegressorFactory.Create(kind, hyperparameters, seed);
            model.Fit(x, data.Parameters, progress, cancellation);
            if (model is MlpRegressor mlp)
            {
                training["epochs"] = mlp.Epochs;
                training["loss_curve"] = ModelArchive.ToJson(mlp.LossCurve);
                if (mlp.ValidationScores.Count > 0) training["validation_scores"] = ModelArchive.ToJson(mlp.ValidationScores);
            }
            if (model is RidgeRegression ridge) training["alpha"] = ridge.ChosenAlpha;
        }
        training["train_r2"] = RegressionScore.R2(data.Parameters, model.Predict(x));
        return new InferenceModel(kind, data.FeatureNames, data.ParameterNames, scaler, model, null, null, null, training);
    }

    /// <summary>Fits a posterior estimator (<paramref name="kind"/> mdn or flow) by maximum likelihood
    /// on scaled features and scaled parameters.</summary>
    public static InferenceModel TrainPosterior(TrainingData data, string kind, JsonObject? hyperparameters, NpeTrainingOptions training,
        PriorBounds? bounds = null, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        bounds ??= PriorBounds.FromData(data.Parameters);
        bounds.Validate(data.ParameterNames);
        var featureScaler = StandardScaler.Fit(data.Features);
        var x = featureScaler.Transform(data.Features);
        RidgeRegression? baseline = null;
        var target = data.Parameters;
        if (training.LinearBaseline)
        {
            baseline = new RidgeRegression(new RidgeOptions { Alpha = 1e-3 });
            baseline.Fit(x, data.Parameters);
            var fitted = baseline.Predict(x);
            target = data.Parameters.Select((row, i) => row.Select((v, j) => v - fitted[i][j]).ToArray()).ToArray();
        }
        var parameterScaler = StandardScaler.Fit(target);
        var theta = parameterScaler.Transform(target);
        var estimator = CreatePosterior(kind, hyperparameters, data.FeatureNames.Length, data.ParameterNames.Length, training.Seed);
        var summary = PosteriorTrainer.Train(estimator, x, theta, training, progress, cancellation);
        var info = Summary(data);
        info["training_options"] = training.ToJson();
        info["epochs"] = summary.TrainLoss.Count;
        info["best_epoch"] = summary.BestEpoch;
        info["train_loss"] = ModelArchive.ToJson(summary.TrainLoss);
        info["validation_loss"] = ModelArchive.ToJson(summary.ValidationLoss);
        return new InferenceModel(kind, data.FeatureNames, data.ParameterNames, featureScaler, null, estimator, parameterScaler, bounds, info, baseline);
    }

    /// <summary>An untrained mdn or flow with hyperparameters (sklearn-like names) over the defaults.</summary>
    public static IPosteriorEstimator CreatePosterior(string kind, JsonObject? hyperparameters, int features, int parameters, ulong seed) => kind switch
    {
        "mdn" => new MixtureDensityNetwork(features, parameters, MdnOptions.FromJson(RegressorFactory.Merge(new MdnOptions().ToJson(), hyperparameters, kind)), seed),
        "flow" => new CouplingFlow(features, parameters, FlowOptions.FromJson(RegressorFactory.Merge(new FlowOptions().ToJson(), hyperparameters, kind)), seed),
        _ => throw new ArgumentException($"model '{kind}' is not a posterior estimator; choose mdn or flow", nameof(kind)),
    };

    private static JsonObject Summary(TrainingData data) => new() { ["rows"] = data.Count, ["dropped_rows"] = data.DroppedRows };

    /// <summary>Checks the width of feature rows.</summary>
    private void CheckFeatures(double[][] features)
    {
        for (int i = 0; i < features.Length; i++)
            if (features[i].Length != FeatureNames.Length)
                throw new ArgumentException($"features: row {i} has {features[i].Length} columns, the model was trained on {FeatureNames.Length} ({string.Join(", ", FeatureNames)})", nameof(features));
    }

    /// <summary>Point estimates [row][parameter]: the regressor's prediction, or the posterior mean
    /// (mean of <paramref name="posteriorDraws"/> bounded draws). Non-finite feature rows give NaN.</summary>
    public double[][] PointEstimates(double[][] features, int posteriorDraws = 1000, ulong seed = 0)
    {
        CheckFeatures(features);
        int p = ParameterNames.Length;
        var result = new double[features.Length][];
        var finite = Enumerable.Range(0, features.Length).Where(i => TrainingData.IsFinite(features[i])).ToArray();
        foreach (int i in Enumerable.Range(0, features.Length).Except(finite)) result[i] = Enumerable.Repeat(double.NaN, p).ToArray();
        if (finite.Length == 0) return result;
        if (Regressor is not null)
        {
            var predictions = Regressor.Predict(finite.Select(i => FeatureScaler.Transform(features[i])).ToArray());
            for (int k = 0; k < finite.Length; k++) result[finite[k]] = predictions[k];
            return result;
        }
        Parallel.For(0, finite.Length, k =>
        {
            var draws = SamplePosterior(features[finite[k]], posteriorDraws, seed, (ulong)finite[k]);
            var mean = new double[p];
            foreach (var d in draws) for (int j = 0; j < p; j++) mean[j] += d[j] / draws.Length;
            result[finite[k]] = mean;
        });
        return result;
    }

    /// <summary><paramref name="count"/> posterior draws for one observation, in parameter units,
    /// inside <see cref="Bounds"/>: clipped parameters are clamped onto their bounds; draws with a
    /// truncated parameter outside are rejected and redrawn; after 100 rounds the few still missing
    /// are clamped to the bounds (and <see cref="ClampedDraws"/> counts them).
    /// The stream is (seed, row): the same row and seed give the same draws on any thread count.</summary>
    public double[][] SamplePosterior(double[] features, int count, ulong seed, ulong row = 0)
    {
        var posterior = Posterior ?? throw new InvalidOperationException($"a {Kind} model gives point estimates, not posterior draws");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one draw");
        if (features.Length != FeatureNames.Length) throw new ArgumentException($"features: {features.Length} values, the model expects {FeatureNames.Length}", nameof(features));
        if (!TrainingData.IsFinite(features)) throw new ArgumentException("features: contain NaN or infinite values; no posterior for this row", nameof(features));
        var x = FeatureScaler.Transform(features);
        int p = ParameterNames.Length;
        var offset = Baseline?.Predict([x])[0] ?? new double[p];
        var random = new PhiloxStream(seed, 1_000_000 + row);
        var accepted = new List<double[]>(count);
        var buffer = new double[count * p];
        for (int round = 0; round < 100 && accepted.Count < count; round++)
        {
            lock (_sampleLock) posterior.Sample(x, count, random, buffer);
            for (int s = 0; s < count && accepted.Count < count; s++)
            {
                var draw = buffer.AsSpan(s * p, p);
                ParameterScaler!.InverseInPlace(draw);
                for (int j = 0; j < p; j++) draw[j] += offset[j];
                if (Bounds!.Admit(draw)) accepted.Add(draw.ToArray());
            }
        }
        while (accepted.Count < count)
        {
            lock (_sampleLock) posterior.Sample(x, 1, random, buffer);
            var draw = buffer.AsSpan(0, p);
            ParameterScaler!.InverseInPlace(draw);
            for (int j = 0; j < p; j++) draw[j] = Math.Clamp(draw[j] + offset[j], Bounds!.Low[j], Bounds.High[j]);
            accepted.Add(draw.ToArray());
            Interlocked.Increment(ref _clamped);
        }
        return accepted.ToArray();
    }

    /// <summary>Posterior mean and central credible interval at <paramref name="level"/> per parameter,
    /// from <paramref name="draws"/> bounded draws (numpy's linear-interpolation quantiles).</summary>
    public (double[] Mean, double[] Low, double[] High) CredibleInterval(double[] features, double level, int draws = 1000, ulong seed = 0, ulong row = 0)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "credible level must be in (0, 1)");
        var samples = SamplePosterior(features, draws, seed, row);
        int p = ParameterNames.Length;
        var (mean, low, high) = (new double[p], new double[p], new double[p]);
        for (int j = 0; j < p; j++)
        {
            var sorted = samples.Select(d => d[j]).Order().ToArray();
            mean[j] = sorted.Average();
            low[j] = Diagnostics.Quantiles.Linear(sorted, (1 - level) / 2);
            high[j] = Diagnostics.Quantiles.Linear(sorted, (1 + level) / 2);
        }
        return (mean, low, high);
    }

    private long _clamped;
    // estimators reuse their batch buffers: one sampler at a time (draws stay keyed by row, so
    // the result does not depend on the order rows are served)
    private readonly object _sampleLock = new();
    /// <summary>Draws clamped after rejection gave up (0 in a healthy model).</summary>
    public long ClampedDraws => Interlocked.Read(ref _clamped);

    /// <summary>log q(theta | x) in parameter units (the scaling Jacobian included; the
    /// normalisation lost by rejecting out-of-bounds draws is not, nor the point masses of clipped
    /// parameters); -infinity outside the bounds.</summary>
    public double LogDensity(double[] features, double[] theta)
    {
        var posterior = Posterior ?? throw new InvalidOperationException($"a {Kind} model has no density");
        if (theta.Length != ParameterNames.Length) throw new ArgumentException($"theta: {theta.Length} values, expected {ParameterNames.Length}", nameof(theta));
        if (!Bounds!.Contains(theta)) return double.NegativeInfinity;
        double logJacobian = ParameterScaler!.Scale.Sum(Math.Log);
        var x = FeatureScaler.Transform(features);
        var residual = theta.ToArray();
        if (Baseline is not null)
        {
            var offset = Baseline.Predict([x])[0];
            for (int j = 0; j < residual.Length; j++) residual[j] -= offset[j];
        }
        lock (_sampleLock) return posterior.LogDensity(x, ParameterScaler.Transform(residual)) - logJacobian;
    }

    /// <summary>Writes MODEL_DIR (model.json + weights.bin), all-or-nothing.</summary>
    public void Save(string directory) => ToArchive().Save(directory);

    /// <summary>Writes model.json and weights.bin into an existing folder (e.g. the temporary folder of
    /// a larger atomic output, which then is also a MODEL_DIR).</summary>
    public void WriteInto(string directory) => ToArchive().WriteInto(directory);

    private ModelArchive ToArchive()
    {
        var archive = new ModelArchive(Kind);
        var m = archive.Metadata;
        m["feature_names"] = ModelArchive.ToJson(FeatureNames);
        m["parameter_names"] = ModelArchive.ToJson(ParameterNames);
        m["feature_scaler"] = new JsonObject { ["mean"] = ModelArchive.ToJson(FeatureScaler.Mean), ["scale"] = ModelArchive.ToJson(FeatureScaler.Scale) };
        if (Regressor is not null)
        {
            m["regressor"] = RegressorFactory.Describe(Regressor);
            m["hyperparameters"] = Regressor.Hyperparameters;
            Regressor.Save(archive, "regressor/");
        }
        else
        {
            m["hyperparameters"] = Posterior!.Hyperparameters;
            m["parameter_scaler"] = new JsonObject { ["mean"] = ModelArchive.ToJson(ParameterScaler!.Mean), ["scale"] = ModelArchive.ToJson(ParameterScaler.Scale) };
            m["bounds"] = new JsonObject
            {
                ["low"] = ModelArchive.ToJson(Bounds!.Low), ["high"] = ModelArchive.ToJson(Bounds.High),
                ["clip"] = new JsonArray(Enumerable.Range(0, Bounds.Count).Select(j => (JsonNode)Bounds.IsClipped(j)).ToArray()),
                ["constraints"] = new JsonArray((Bounds.Constraints ?? []).Select(c => (JsonNode)new JsonObject
                {
                    ["coefficients"] = ModelArchive.ToJson(c.Coefficients), ["max"] = c.Max, ["text"] = c.Describe(ParameterNames),
                }).ToArray()),
            };
            Posterior.Save(archive, "posterior/");
            m["baseline"] = Baseline is not null;
            Baseline?.Save(archive, "baseline/");
        }
        m["training"] = Training.DeepClone();
        return archive;
    }

    /// <summary>Reads MODEL_DIR; errors name the file and the problem.</summary>
    public static InferenceModel Load(string directory)
    {
        var archive = ModelArchive.Load(directory);
        string kind = archive.Kind;
        var features = ModelArchive.Strings(archive.Require("feature_names"), "feature_names");
        var parameters = ModelArchive.Strings(archive.Require("parameter_names"), "parameter_names");
        var fs = archive.Require("feature_scaler");
        var featureScaler = new StandardScaler(ModelArchive.Doubles(fs["mean"], "feature_scaler.mean"), ModelArchive.Doubles(fs["scale"], "feature_scaler.scale"));
        var training = archive.Metadata["training"] as JsonObject ?? new JsonObject();
        var hyper = archive.Require("hyperparameters") as JsonObject ?? throw new InvalidDataException($"{ModelArchive.MetadataFile}: 'hyperparameters' is not an object");
        switch (kind)
        {
            case "ridge" or "mlp":
                var description = archive.Require("regressor") as JsonObject ?? throw new InvalidDataException($"{ModelArchive.MetadataFile}: 'regressor' is not an object");
                var regressor = RegressorFactory.Load(archive, "regressor/", description, features.Length, parameters.Length);
                return new InferenceModel(kind, features, parameters, featureScaler, regressor, null, null, null, training);
            case "mdn" or "flow":
                var ps = archive.Require("parameter_scaler");
                var parameterScaler = new StandardScaler(ModelArchive.Doubles(ps["mean"], "parameter_scaler.mean"), ModelArchive.Doubles(ps["scale"], "parameter_scaler.scale"));
                var b = archive.Require("bounds");
                var bounds = new PriorBounds(ModelArchive.Doubles(b["low"], "bounds.low"), ModelArchive.Doubles(b["high"], "bounds.high"),
                    (b["clip"] as JsonArray)?.Select(v => (bool)v!).ToArray(),
                    (b["constraints"] as JsonArray)?.Select(c => new LinearConstraint(ModelArchive.Doubles(c!["coefficients"], "bounds.constraints.coefficients"),
                        (double)c["max"]!)).ToArray());
                IPosteriorEstimator posterior = kind == "mdn"
                    ? MixtureDensityNetwork.Load(archive, "posterior/", hyper, features.Length, parameters.Length)
                    : CouplingFlow.Load(archive, "posterior/", hyper, features.Length, parameters.Length);
                var baseline = (bool?)archive.Metadata["baseline"] == true
                    ? RidgeRegression.Load(archive, "baseline/", new RidgeOptions { Alpha = 1e-3 }.ToJson(), features.Length, parameters.Length) : null;
                return new InferenceModel(kind, features, parameters, featureScaler, null, posterior, parameterScaler, bounds, training, baseline);
            default:
                throw new InvalidDataException($"{Path.Combine(directory, ModelArchive.MetadataFile)}: unknown model kind '{kind}' (known: {string.Join(", ", Kinds)})");
        }
    }
}
