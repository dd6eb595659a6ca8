using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace NeuroEngine.Inference;

/// <summary>Hyperparameters of <see cref="RidgeRegression"/>: a fixed <see cref="Alpha"/>, or,
/// when <see cref="Alphas"/> is given, the alpha with the lowest k-fold mean squared error
/// (<see cref="Folds"/> seeded folds; sklearn's RidgeCV uses leave-one-out by default instead).</summary>
public sealed record RidgeOptions
{
    public double Alpha { get; init; } = 1.0;
    public double[]? Alphas { get; init; }
    public int Folds { get; init; } = 5;
    public ulong Seed { get; init; }

    public void Validate()
    {
        foreach (double a in Alphas ?? [Alpha])
            if (!(a >= 0) || !double.IsFinite(a)) throw new ArgumentException($"alpha must be finite and >= 0, got {a}", nameof(Alpha));
        if (Alphas is { Length: 0 }) throw new ArgumentException("alphas: empty list", nameof(Alphas));
        if (Folds < 2) throw new ArgumentException($"folds must be >= 2, got {Folds}", nameof(Folds));
    }

    public JsonObject ToJson() => new()
    {
        ["alpha"] = Alpha, ["alphas"] = Alphas is null ? null : ModelArchive.ToJson(Alphas), ["folds"] = Folds, ["random_state"] = Seed,
    };

    public static RidgeOptions FromJson(JsonObject o) => new()
    {
        Alpha = (double)o["alpha"]!, Alphas = o["alphas"] is JsonArray a ? a.Select(v => (double)v!).ToArray() : null,
        Folds = (int)o["folds"]!, Seed = (ulong)o["random_state"]!,
    };
}

/// <summary>Ridge regression with an intercept, closed form: centre X and y, solve
/// (Xc^T Xc + alpha I) W = Xc^T yc by Cholesky (a least-squares solve when alpha = 0 and the
/// system is singular), intercept = mean(y) - mean(x) W. All outputs share alpha, as in sklearn.</summary>
public sealed class RidgeRegression(RidgeOptions options) : IRegressor
{
    public RidgeOptions Options { get; } = options;
    public string Kind => "ridge";
    public JsonObject Hyperparameters => Options.ToJson();
    /// <summary>Coefficients [feature, output].</summary>
    public double[,]? Coefficients { get; private set; }
    public double[]? Intercept { get; private set; }
    /// <summary>The alpha used (chosen by cross-validation when several were given).</summary>
    public double ChosenAlpha { get; private set; } = double.NaN;
    /// <summary>Cross-validated MSE per candidate alpha (empty without candidates).</summary>
    public List<(double Alpha, double Mse)> CvScores { get; } = [];

    public IRegressor CreateUnfitted(ulong seed) => new RidgeRegression(Options with { Seed = seed });

    public void Fit(double[][] x, double[][] y, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        Options.Validate();
        var data = TrainingData.Create(x, y);
        if (data.DroppedRows > 0) throw new ArgumentException($"features: {data.DroppedRows} rows are not finite; drop or impute them before fitting", nameof(x));
        CvScores.Clear();
        double alpha = Options.Alpha;
        if (Options.Alphas is { } candidates)
        {
            var folds = DataSplit.KFold(x.Length, Options.Folds, Options.Seed);
            foreach (double a in candidates)
            {
                cancellation.ThrowIfCancellationRequested();
                double mse = 0;
                foreach (var (train, test) in folds)
                {
                    var (w, b) = Solve(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), a);
                    var xt = test.Select(i => x[i]).ToArray();
                    mse += RegressionScore.MeanSquaredError(test.Select(i => y[i]).ToArray(), Apply(w, b, xt)) * test.Length;
                }
                CvScores.Add((a, mse / x.Length));
            }
            alpha = CvScores.MinBy(s => s.Mse).Alpha;
        }
        (Coefficients, Intercept) = Solve(x, y, alpha);
        ChosenAlpha = alpha;
        progress?.Report(new EpochReport(1, 1, RegressionScore.MeanSquaredError(y, Predict(x)) / 2, Model: Kind));
    }

    /// <summary>The closed-form solution for one alpha.</summary>
    public static (double[,] W, double[] B) Solve(double[][] x, double[][] y, double alpha)
    {
        int n = x.Length, d = x[0].Length, p = y[0].Length;
        var xMean = new double[d]; var yMean = new double[p];
        foreach (var r in x) for (int j = 0; j < d; j++) xMean[j] += r[j] / n;
        foreach (var r in y) for (int j = 0; j < p; j++) yMean[j] += r[j] / n;
        var xc = Matrix<double>.Build.Dense(n, d, (i, j) => x[i][j] - xMean[j]);
        var yc = Matrix<double>.Build.Dense(n, p, (i, j) => y[i][j] - yMean[j]);
        var gram = xc.TransposeThisAndMultiply(xc);
        for (int j = 0; j < d; j++) gram[j, j] += alpha;
        var rhs = xc.TransposeThisAndMultiply(yc);
        Matrix<double> w;
        try { w = gram.Cholesky().Solve(rhs); }
        catch (ArgumentException) { w = xc.Svd().Solve(yc); } // singular Gram matrix (alpha = 0, collinear features): minimum-norm least squares
        var b = new double[p];
        for (int k = 0; k < p; k++)
        {
            b[k] = yMean[k];
            for (int j = 0; j < d; j++) b[k] -= xMean[j] * w[j, k];
        }
        return (w.ToArray(), b);
    }

    public double[][] Predict(double[][] x) =>
        Apply(Coefficients ?? throw new InvalidOperationException("the ridge model is not fitted"), Intercept!, x);

    private static double[][] Apply(double[,] w, double[] b, double[][] x)
    {
        int d = w.GetLength(0), p = w.GetLength(1);
        var result = new double[x.Length][];
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != d) throw new ArgumentException($"features: row {i} has {x[i].Length} columns, the model expects {d}", nameof(x));
            var r = (double[])b.Clone();
            for (int j = 0; j < d; j++)
                for (int k = 0; k < p; k++) r[k] += x[i][j] * w[j, k];
            result[i] = r;
        }
        return result;
    }

    public void Save(ModelArchive archive, string prefix)
    {
        var w = Coefficients ?? throw new InvalidOperationException("the ridge model is not fitted");
        archive.Add(prefix + "coefficients", w.Cast<double>().ToArray(), w.GetLength(0), w.GetLength(1));
        archive.Add(prefix + "intercept", Intercept!, Intercept!.Length);
    }

    public static RidgeRegression Load(ModelArchive archive, string prefix, JsonObject hyperparameters, int inputs, int outputs)
    {
        var model = new RidgeRegression(RidgeOptions.FromJson(hyperparameters));
        var flat = archive.Get(prefix + "coefficients", inputs * outputs);
        var w = new double[inputs, outputs];
        for (int j = 0; j < inputs; j++) for (int k = 0; k < outputs; k++) w[j, k] = flat[j * outputs + k];
        model.Coefficients = w;
        model.Intercept = archive.Get(prefix + "intercept", outputs);
        return model;
    }
}
