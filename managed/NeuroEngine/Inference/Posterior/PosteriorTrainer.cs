using System.Text.Json.Nodes;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Random;

namespace NeuroEngine.Inference.Posterior;

/// <summary>Training settings of neural posterior estimation (sbi's defaults where it has them:
/// validation fraction 0.1, stop after 20 epochs without validation improvement, gradient norm
/// clipped at 5; batch size 128 as the BayesFlow LIF project).</summary>
public sealed record NpeTrainingOptions
{
    public int BatchSize { get; init; } = 128;
    public int MaxEpochs { get; init; } = 200;
    public double LearningRate { get; init; } = 1e-3;
    public double ValidationFraction { get; init; } = 0.1;
    public int StopAfterEpochs { get; init; } = 20;
    public double ClipMaxNorm { get; init; } = 5.0;
    /// <summary>Learning rate over the epochs: "cosine" (decays from <see cref="LearningRate"/> to 0 at
    /// <see cref="MaxEpochs"/>, as BayesFlow's default schedule; the late small steps settle the
    /// weights and improved calibration in the LIF pipeline) or "constant" (sbi).</summary>
    public string LearningRateSchedule { get; init; } = "cosine";
    /// <summary>Model the residual of a ridge fit of the parameters on the features instead of the
    /// parameters themselves (<see cref="InferenceModel.Baseline"/>): where a parameter is measured
    /// almost exactly by a feature, its residual is small and, standardised, resolved finely by the
    /// network instead of being a few percent of the prior's width.</summary>
    public bool LinearBaseline { get; init; } = true;
    public ulong Seed { get; init; }

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"batch_size must be >= 1, got {BatchSize}", nameof(BatchSize));
        if (MaxEpochs < 1) throw new ArgumentException($"max_epochs must be >= 1, got {MaxEpochs}", nameof(MaxEpochs));
        if (!(LearningRate > 0)) throw new ArgumentException($"learning_rate must be > 0, got {LearningRate}", nameof(LearningRate));
        if (!(ValidationFraction > 0 && ValidationFraction < 1)) throw new ArgumentException($"validation_fraction must be in (0, 1), got {ValidationFraction}", nameof(ValidationFraction));
        if (StopAfterEpochs < 1) throw new ArgumentException($"stop_after_epochs must be >= 1, got {StopAfterEpochs}", nameof(StopAfterEpochs));
        if (!(ClipMaxNorm > 0)) throw new ArgumentException($"clip_max_norm must be > 0, got {ClipMaxNorm}", nameof(ClipMaxNorm));
        if (LearningRateSchedule is not ("cosine" or "constant")) throw new ArgumentException($"learning_rate_schedule must be cosine or constant, got '{LearningRateSchedule}'", nameof(LearningRateSchedule));
    }

    public JsonObject ToJson() => new()
    {
        ["batch_size"] = BatchSize, ["max_epochs"] = MaxEpochs, ["learning_rate"] = LearningRate, ["validation_fraction"] = ValidationFraction,
        ["stop_after_epochs"] = StopAfterEpochs, ["clip_max_norm"] = ClipMaxNorm, ["learning_rate_schedule"] = LearningRateSchedule,
        ["linear_baseline"] = LinearBaseline, ["random_state"] = Seed,
    };

    public static NpeTrainingOptions FromJson(JsonObject o) => new()
    {
        BatchSize = (int)o["batch_size"]!, MaxEpochs = (int)o["max_epochs"]!, LearningRate = (double)o["learning_rate"]!,
        ValidationFraction = (double)o["validation_fraction"]!, StopAfterEpochs = (int)o["stop_after_epochs"]!,
        ClipMaxNorm = (double)o["clip_max_norm"]!, LearningRateSchedule = (string?)o["learning_rate_schedule"] ?? "cosine",
        LinearBaseline = (bool?)o["linear_baseline"] ?? true, Seed = (ulong)o["random_state"]!,
    };
}

/// <summary>Per-epoch losses of a posterior training run.</summary>
public sealed record NpeTrainingSummary(IReadOnlyList<double> TrainLoss, IReadOnlyList<double> ValidationLoss, int BestEpoch, bool Converged);

/// <summary>Maximum-likelihood training of an <see cref="IPosteriorEstimator"/> on (x, theta)
/// pairs: Adam on minibatches reshuffled each epoch, the mean negative log density of a held-out
/// validation fraction watched each epoch, and the best validation weights kept.</summary>
public static class PosteriorTrainer
{
    private const ulong ShuffleStream = 30;

    public static NpeTrainingSummary Train(IPosteriorEstimator estimator, double[][] x, double[][] theta, NpeTrainingOptions options,
        IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var split = DataSplit.TrainValidationTest(x.Length, options.ValidationFraction, 0, options.Seed);
        int[] train = split.Train, validation = split.Validation;
        int f = estimator.Features, p = estimator.Parameters;
        var (xVal, tVal) = (Flatten(validation.Select(i => x[i]), f), Flatten(validation.Select(i => theta[i]), p));
        int batch = Math.Min(options.BatchSize, train.Length);
        var xb = new double[batch * f];
        var tb = new double[batch * p];
        var adam = new AdamOptimizer(estimator.Weights.Length, options.LearningRate);
        var shuffle = new PhiloxStream(options.Seed, ShuffleStream);
        var trainLoss = new List<double>(); var valLoss = new List<double>();
        double best = double.PositiveInfinity;
        double[] bestWeights = (double[])estimator.Weights.Clone();
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (options.LearningRateSchedule == "cosine")
                adam.LearningRate = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / options.MaxEpochs));
            shuffle.Shuffle<int>(train);
            double sum = 0;
            for (int start = 0; start < train.Length; start += batch)
            {
                int rows = Math.Min(batch, train.Length - start);
                Minibatch.Gather(x, theta, train, start, rows, xb, tb);
                double loss = estimator.LossAndGradient(xb, tb, rows, withGradient: true);
                if (!double.IsFinite(loss))
                    throw new InvalidOperationException($"{estimator.Kind} training diverged at epoch {epoch} (loss {loss}); lower learning_rate ({options.LearningRate})");
                ClipNorm(estimator.Gradients, options.ClipMaxNorm);
                adam.Step(estimator.Weights, estimator.Gradients);
                sum += loss * rows;
            }
            trainLoss.Add(sum / train.Length);
            double v = Evaluate(estimator, xVal, tVal, validation.Length);
            valLoss.Add(v);
            if (v < best) { best = v; bestEpoch = epoch; estimator.Weights.CopyTo(bestWeights, 0); }
            progress?.Report(new EpochReport(epoch, options.MaxEpochs, trainLoss[^1], v, "validation NLL", estimator.Kind));
            if (epoch - bestEpoch >= options.StopAfterEpochs) break;
        }
        bestWeights.CopyTo(estimator.Weights, 0);
        return new NpeTrainingSummary(trainLoss, valLoss, bestEpoch, trainLoss.Count < options.MaxEpochs);
    }

    /// <summary>Mean negative log density over all rows, in chunks.</summary>
    public static double Evaluate(IPosteriorEstimator estimator, double[] x, double[] theta, int rows)
    {
        int f = estimator.Features, p = estimator.Parameters;
        double total = 0;
        const int chunk = 512;
        for (int start = 0; start < rows; start += chunk)
        {
            int n = Math.Min(chunk, rows - start);
            total += estimator.LossAndGradient(x.AsSpan(start * f, n * f), theta.AsSpan(start * p, n * p), n, false) * n;
        }
        return total / rows;
    }

    public static double[] Flatten(IEnumerable<double[]> rows, int width)
    {
        var list = rows.ToList();
        var flat = new double[list.Count * width];
        for (int i = 0; i < list.Count; i++) list[i].CopyTo(flat, i * width);
        return flat;
    }

    private static void ClipNorm(double[] g, double max)
    {
        double sq = 0;
        foreach (double v in g) sq += v * v;
        double norm = Math.Sqrt(sq);
        if (norm > max) { double s = max / norm; for (int i = 0; i < g.Length; i++) g[i] *= s; }
    }
}
