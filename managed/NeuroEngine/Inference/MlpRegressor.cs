using System.Text.Json.Nodes;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Random;

namespace NeuroEngine.Inference;

/// <summary>Hyperparameters of <see cref="MlpRegressor"/>, sklearn's names and defaults
/// (MLPRegressor 1.5 with activation relu, solver adam).</summary>
public sealed record MlpOptions
{
    public int[] HiddenLayerSizes { get; init; } = [100];
    /// <summary>L2 penalty: 0.5 alpha |W|^2 / batch rows added to the loss.</summary>
    public double Alpha { get; init; } = 1e-4;
    /// <summary>Rows per minibatch; 0 = "auto" = min(200, rows).</summary>
    public int BatchSize { get; init; }
    public double LearningRateInit { get; init; } = 1e-3;
    public int MaxIter { get; init; } = 200;
    public double Tol { get; init; } = 1e-4;
    public int NIterNoChange { get; init; } = 10;
    public bool EarlyStopping { get; init; }
    public double ValidationFraction { get; init; } = 0.1;
    public bool Shuffle { get; init; } = true;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>random_state: weight initialisation, shuffling and the early-stopping split.</summary>
    public ulong Seed { get; init; }

    public void Validate()
    {
        if (HiddenLayerSizes.Any(h => h < 1)) throw new ArgumentException($"hidden_layer_sizes must be positive, got [{string.Join(", ", HiddenLayerSizes)}]", nameof(HiddenLayerSizes));
        if (!(Alpha >= 0)) throw new ArgumentException($"alpha must be >= 0, got {Alpha}", nameof(Alpha));
        if (BatchSize < 0) throw new ArgumentException($"batch_size must be >= 1 (or 0 for auto), got {BatchSize}", nameof(BatchSize));
        if (!(LearningRateInit > 0)) throw new ArgumentException($"learning_rate_init must be > 0, got {LearningRateInit}", nameof(LearningRateInit));
        if (MaxIter < 1) throw new ArgumentException($"max_iter must be >= 1, got {MaxIter}", nameof(MaxIter));
        if (!(Tol >= 0)) throw new ArgumentException($"tol must be >= 0, got {Tol}", nameof(Tol));
        if (NIterNoChange < 1) throw new ArgumentException($"n_iter_no_change must be >= 1, got {NIterNoChange}", nameof(NIterNoChange));
        if (!(ValidationFraction > 0 && ValidationFraction < 1)) throw new ArgumentException($"validation_fraction must be in (0, 1), got {ValidationFraction}", nameof(ValidationFraction));
        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"beta_1 and beta_2 must be in [0, 1), got {Beta1}, {Beta2}", nameof(Beta1));
        if (!(Epsilon > 0)) throw new ArgumentException($"epsilon must be > 0, got {Epsilon}", nameof(Epsilon));
    }

    public JsonObject ToJson() => new()
    {
        ["hidden_layer_sizes"] = ModelArchive.ToJson(HiddenLayerSizes), ["alpha"] = Alpha, ["batch_size"] = BatchSize,
        ["learning_rate_init"] = LearningRateInit, ["max_iter"] = MaxIter, ["tol"] = Tol, ["n_iter_no_change"] = NIterNoChange,
        ["early_stopping"] = EarlyStopping, ["validation_fraction"] = ValidationFraction, ["shuffle"] = Shuffle,
        ["beta_1"] = Beta1, ["beta_2"] = Beta2, ["epsilon"] = Epsilon, ["random_state"] = Seed,
    };

    public static MlpOptions FromJson(JsonObject o) => new()
    {
        HiddenLayerSizes = (o["hidden_layer_sizes"] as JsonArray)!.Select(v => (int)v!).ToArray(), Alpha = (double)o["alpha"]!,
        BatchSize = (int)o["batch_size"]!, LearningRateInit = (double)o["learning_rate_init"]!, MaxIter = (int)o["max_iter"]!,
        Tol = (double)o["tol"]!, NIterNoChange = (int)o["n_iter_no_change"]!, EarlyStopping = (bool)o["early_stopping"]!,
        ValidationFraction = (double)o["validation_fraction"]!, Shuffle = (bool)o["shuffle"]!, Beta1 = (double)o["beta_1"]!,
        Beta2 = (double)o["beta_2"]!, Epsilon = (double)o["epsilon"]!, Seed = (ulong)o["random_state"]!,
    };
}

/// <summary>Multi-layer perceptron regressor with the semantics of sklearn's MLPRegressor (relu,
/// adam): Glorot-uniform initialisation, minibatches of min(200, n) rows reshuffled each epoch,
/// loss = mean squared error / 2 + 0.5 alpha |W|^2 / batch rows, output gradient (p - y) / batch
/// rows (sklearn's, not divided by the number of outputs), stopping when the epoch loss (or, with
/// early stopping, the validation R^2) has not improved by tol for more than n_iter_no_change
/// epochs; with early stopping the best-scoring weights are kept.</summary>
public sealed class MlpRegressor(MlpOptions options) : IRegressor
{
    /// <summary>Stream ids of this model's random numbers (under its seed).</summary>
    private const ulong InitStream = 10, ShuffleStream = 11;
    private DenseNetwork? _network;

    public MlpOptions Options { get; } = options;
    public string Kind => "mlp";
    public JsonObject Hyperparameters => Options.ToJson();
    /// <summary>Training loss per epoch (sklearn's loss_curve_).</summary>
    public List<double> LossCurve { get; } = [];
    /// <summary>Validation R^2 per epoch when early stopping (sklearn's validation_scores_).</summary>
    public List<double> ValidationScores { get; } = [];
    public int Epochs => LossCurve.Count;
    public DenseNetwork Network => _network ?? throw new InvalidOperationException("the MLP is not fitted");

    public IRegressor CreateUnfitted(ulong seed) => new MlpRegressor(Options with { Seed = seed });

    public void Fit(double[][] x, double[][] y, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        Options.Validate();
        var data = TrainingData.Create(x, y);
        if (data.DroppedRows > 0) throw new ArgumentException($"features: {data.DroppedRows} rows are not finite; drop or impute them before fitting", nameof(x));
        int[] train = Enumerable.Range(0, x.Length).ToArray(), validation = [];
        if (Options.EarlyStopping)
        {
            var split = DataSplit.TrainValidationTest(x.Length, Options.ValidationFraction, 0, Options.Seed);
            (train, validation) = (split.Train, split.Validation);
        }
        int d = x[0].Length, p = y[0].Length;
        var network = new DenseNetwork([d, .. Options.HiddenLayerSizes, p]);
        network.InitializeGlorot(new PhiloxStream(Options.Seed, InitStream));
        var adam = new AdamOptimizer(network.ParameterCount, Options.LearningRateInit, Options.Beta1, Options.Beta2, Options.Epsilon);
        var shuffle = new PhiloxStream(Options.Seed, ShuffleStream);
        int batch = Options.BatchSize == 0 ? Math.Min(200, train.Length) : Math.Clamp(Options.BatchSize, 1, train.Length);
        var xb = new double[batch * d];
        var yb = new double[batch * p];
        var halves = new MinibatchHalves(network, batch);
        double bestLoss = double.PositiveInfinity, bestScore = double.NegativeInfinity;
        double[]? bestParameters = null;
        int noImprovement = 0;
        LossCurve.Clear(); ValidationScores.Clear();
        _network = network;
        var (xVal, yVal) = (validation.Select(i => x[i]).ToArray(), validation.Select(i => y[i]).ToArray());

        for (int epoch = 1; epoch <= Options.MaxIter; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Options.Shuffle) shuffle.Shuffle<int>(train);
            double accumulated = 0;
            for (int start = 0; start < train.Length; start += batch)
            {
                int rows = Math.Min(batch, train.Length - start);
                Minibatch.Gather(x, y, train, start, rows, xb, yb);
                double loss = halves.LossAndGradient(xb, yb, rows, Options.Alpha);
                adam.Step(network.Parameters, network.Gradients);
                accumulated += loss * rows;
            }
            double epochLoss = accumulated / train.Length;
            if (!double.IsFinite(epochLoss))
                throw new InvalidOperationException($"MLP training diverged at epoch {epoch} (loss {epochLoss}); lower learning_rate_init ({Options.LearningRateInit}) or scale the features");
            LossCurve.Add(epochLoss);
            double score = double.NaN;
            if (Options.EarlyStopping)
            {
                score = RegressionScore.R2(yVal, Predict(xVal));
                ValidationScores.Add(score);
                noImprovement = score < bestScore + Options.Tol ? noImprovement + 1 : 0;
                if (score > bestScore) { bestScore = score; bestParameters = network.Parameters.ToArray(); }
            }
            else
            {
                noImprovement = epochLoss > bestLoss - Options.Tol ? noImprovement + 1 : 0;
                if (epochLoss < bestLoss) bestLoss = epochLoss;
            }
            progress?.Report(new EpochReport(epoch, Options.MaxIter, epochLoss, score, Options.EarlyStopping ? "validation R2" : "", Kind));
            if (noImprovement > Options.NIterNoChange) break;
        }
        if (bestParameters is not null) bestParameters.CopyTo(network.Parameters);
    }

    /// <summary>sklearn's minibatch loss, mean((p - y)^2) / 2 + 0.5 alpha |W|^2 / rows, and its
    /// gradient into <paramref name="network"/>'s Gradients. The gradient is that of
    /// sum((p - y)^2) / (2 rows) + 0.5 alpha |W|^2 / rows, i.e. of the loss times the number of outputs
    /// (sklearn's deltas are not divided by the outputs); identical for one output.</summary>
    public static double LossAndGradient(DenseNetwork network, ReadOnlySpan<double> xb, ReadOnlySpan<double> yb, int rows, double alpha, Span<double> gradientBuffer)
    {
        int p = network.OutputSize;
        var output = network.Forward(xb, rows);
        double squared = 0;
        for (int i = 0; i < rows * p; i++)
        {
            double e = output[i] - yb[i];
            squared += e * e;
            gradientBuffer[i] = e / rows;
        }
        double loss = squared / (rows * p) / 2 + 0.5 * alpha * network.SquaredWeightNorm() / rows;
        network.Backward(gradientBuffer, rows);
        network.AddWeightDecay(alpha / rows);
        return loss;
    }

    public double[][] Predict(double[][] x)
    {
        var network = Network;
        int d = network.InputSize, p = network.OutputSize;
        var result = new double[x.Length][];
        const int chunk = 512;
        var buffer = new double[chunk * d];
        for (int start = 0; start < x.Length; start += chunk)
        {
            int rows = Math.Min(chunk, x.Length - start);
            for (int r = 0; r < rows; r++)
            {
                if (x[start + r].Length != d) throw new ArgumentException($"features: row {start + r} has {x[start + r].Length} columns, the model expects {d}", nameof(x));
                x[start + r].CopyTo(buffer, r * d);
            }
            var output = network.Forward(buffer, rows);
            for (int r = 0; r < rows; r++) result[start + r] = output.Slice(r * p, p).ToArray();
        }
        return result;
    }

    public void Save(ModelArchive archive, string prefix)
    {
        var network = Network;
        archive.Add(prefix + "parameters", network.Parameters.ToArray(), network.ParameterCount);
    }

    /// <summary>Restores a fitted MLP from its hyperparameters, layer sizes and saved parameters.</summary>
    public static MlpRegressor Load(ModelArchive archive, string prefix, JsonObject hyperparameters, int inputs, int outputs)
    {
        var model = new MlpRegressor(MlpOptions.FromJson(hyperparameters));
        var network = new DenseNetwork([inputs, .. model.Options.HiddenLayerSizes, outputs]);
        archive.Get(prefix + "parameters", network.ParameterCount).CopyTo(network.Parameters);
        model._network = network;
        return model;
    }
}

/// <summary>The minibatch gradient computed as two halves (rows split at a fixed point, a multiple
/// of 4), each on its own replica of the network sharing the weights, then summed in a fixed order:
/// two cores work on one minibatch, and the numbers do not depend on how many threads ran
/// (<see cref="Gemm.MaxThreads"/> 1 runs the halves one after the other). Batches under 32 rows are
/// not split.</summary>
internal sealed class MinibatchHalves
{
    private readonly DenseNetwork _first, _second;
    private readonly double[] _secondGradients;
    private readonly double[] _delta;

    public MinibatchHalves(DenseNetwork network, int maxRows)
    {
        _first = network;
        var parameters = new double[network.ParameterCount];
        _secondGradients = new double[network.ParameterCount];
        // the replica shares no arrays with the original's buffers; its weights are copied in per step
        _second = new DenseNetwork(network.Sizes, parameters, _secondGradients);
        _delta = new double[maxRows * network.OutputSize];
    }

    public double LossAndGradient(double[] xb, double[] yb, int rows, double alpha)
    {
        int d = _first.InputSize, p = _first.OutputSize;
        int split = rows >= 32 ? rows / 2 / 4 * 4 : rows;
        double sq1 = 0, sq2 = 0;
        void Half(DenseNetwork net, int from, int count, ref double squared)
        {
            var output = net.Forward(xb.AsSpan(from * d, count * d), count);
            var delta = _delta.AsSpan(from * p, count * p);
            for (int i = 0; i < count * p; i++)
            {
                double e = output[i] - yb[from * p + i];
                squared += e * e;
                delta[i] = e / rows;
            }
            net.Backward(delta, count);
        }
        if (split == rows) Half(_first, 0, rows, ref sq1);
        else
        {
            _first.Parameters.CopyTo(_second.Parameters);
            if (Gemm.MaxThreads > 1)
                Parallel.Invoke(() => Half(_first, 0, split, ref sq1), () => Half(_second, split, rows - split, ref sq2));
            else
            {
                Half(_first, 0, split, ref sq1);
                Half(_second, split, rows - split, ref sq2);
            }
            var g = _first.Gradients;
            for (int i = 0; i < g.Length; i++) g[i] += _secondGradients[i];
        }
        _first.AddWeightDecay(alpha / rows);
        return (sq1 + sq2) / (rows * p) / 2 + 0.5 * alpha * _first.SquaredWeightNorm() / rows;
    }
}
