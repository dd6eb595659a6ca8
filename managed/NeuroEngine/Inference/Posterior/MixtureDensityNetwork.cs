using System.Text.Json.Nodes;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Random;

namespace NeuroEngine.Inference.Posterior;

/// <summary>Hyperparameters of <see cref="MixtureDensityNetwork"/>.</summary>
public sealed record MdnOptions
{
    public int Components { get; init; } = 5;
    public int[] HiddenLayerSizes { get; init; } = [64, 64];

    public void Validate()
    {
        if (Components < 1) throw new ArgumentException($"components must be >= 1, got {Components}", nameof(Components));
        if (HiddenLayerSizes.Length == 0 || HiddenLayerSizes.Any(h => h < 1)) throw new ArgumentException($"hidden_layer_sizes must be positive, got [{string.Join(", ", HiddenLayerSizes)}]", nameof(HiddenLayerSizes));
    }

    public JsonObject ToJson() => new() { ["components"] = Components, ["hidden_layer_sizes"] = ModelArchive.ToJson(HiddenLayerSizes) };
    public static MdnOptions FromJson(JsonObject o) => new()
    {
        Components = (int)o["components"]!, HiddenLayerSizes = (o["hidden_layer_sizes"] as JsonArray)!.Select(v => (int)v!).ToArray(),
    };
}

/// <summary>Mixture density network (Bishop 1994) with full-covariance Gaussian components, the
/// estimator of sbi's 'mdn': a ReLU network maps x to, per component k, a mixture logit, a mean
/// mu_k and an upper-triangular Cholesky factor U_k of the precision (Sigma_k^-1 = U_k^T U_k) with
/// diagonal exp(d), d soft-clamped to ±<see cref="LogDiagonalLimit"/> so no component can collapse
/// onto a point mass of the training data. log N = -D/2 log 2pi + sum d - |U (theta - mu)|^2 / 2.</summary>
public sealed class MixtureDensityNetwork : IPosteriorEstimator
{
    public const double LogDiagonalLimit = 7.0;
    private readonly DenseNetwork _network;
    private readonly int _k, _d, _stride;
    private double[] _outGrad = [];

    public MdnOptions Options { get; }
    public string Kind => "mdn";
    public int Features { get; }
    public int Parameters => _d;
    public JsonObject Hyperparameters => Options.ToJson();
    public double[] Weights { get; }
    public double[] Gradients { get; }

    public MixtureDensityNetwork(int features, int parameters, MdnOptions options, ulong seed)
    {
        options.Validate();
        if (features < 1 || parameters < 1) throw new ArgumentException($"need >= 1 feature and parameter, got {features} and {parameters}");
        Options = options; Features = features; _d = parameters; _k = options.Components;
        _stride = 1 + _d + _d * (_d + 1) / 2;
        int[] sizes = [features, .. options.HiddenLayerSizes, _k * _stride];
        Weights = new double[DenseNetwork.CountParameters(sizes, linearSkip: true)];
        Gradients = new double[Weights.Length];
        _network = new DenseNetwork(sizes, Weights, Gradients, linearSkip: true);
        // small output weights: every component starts near N(0, I) with near-equal weights
        _network.InitializeGlorot(new PhiloxStream(seed, 20), outputScale: 0.1);
    }

    /// <summary>Index of U[i, j] (i &lt;= j) in a component's triangle block (row-major upper triangle).</summary>
    private int TriangleIndex(int i, int j) => i * _d - i * (i - 1) / 2 + (j - i);

    public double LossAndGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> theta, int rows, bool withGradient)
    {
        var output = _network.Forward(x, rows);
        if (_outGrad.Length < output.Length) _outGrad = new double[output.Length];
        Span<double> logTerms = stackalloc double[_k];
        Span<double> e = stackalloc double[_d];
        Span<double> z = stackalloc double[_d * _k];
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            var o = output.Slice(r * _k * _stride, _k * _stride);
            var t = theta.Slice(r * _d, _d);
            double logNorm = LogSumExpLogits(o);
            for (int c = 0; c < _k; c++) logTerms[c] = o[c * _stride] - logNorm + ComponentLogDensity(o.Slice(c * _stride, _stride), t, z.Slice(c * _d, _d));
            double logP = LogSumExp(logTerms);
            total -= logP;
            if (!withGradient) continue;
            var g = _outGrad.AsSpan(r * _k * _stride, _k * _stride);
            for (int c = 0; c < _k; c++)
            {
                var block = o.Slice(c * _stride, _stride);
                var gb = g.Slice(c * _stride, _stride);
                double resp = Math.Exp(logTerms[c] - logP), weight = Math.Exp(block[0] - logNorm);
                gb[0] = (weight - resp) / rows;
                var mu = block.Slice(1, _d);
                var tri = block.Slice(1 + _d);
                var zc = z.Slice(c * _d, _d);
                for (int j = 0; j < _d; j++) e[j] = t[j] - mu[j];
                // dL/dmu = -resp U^T z
                for (int j = 0; j < _d; j++)
                {
                    double s = 0;
                    for (int i = 0; i <= j; i++) s += Entry(tri, i, j) * zc[i];
                    gb[1 + j] = -resp * s / rows;
                }
                var gt = gb.Slice(1 + _d);
                for (int i = 0; i < _d; i++)
                    for (int j = i; j < _d; j++)
                    {
                        int idx = TriangleIndex(i, j);
                        if (i == j)
                        {
                            double raw = tri[idx], th = Math.Tanh(raw / LogDiagonalLimit);
                            double u = Math.Exp(LogDiagonalLimit * th);
                            gt[idx] = -resp * (1 - zc[i] * e[i] * u) * (1 - th * th) / rows;
                        }
                        else gt[idx] = resp * zc[i] * e[j] / rows;
                    }
            }
        }
        if (withGradient) _network.Backward(_outGrad, rows);
        return total / rows;
    }

    private double Entry(ReadOnlySpan<double> tri, int i, int j) =>
        i == j ? Math.Exp(LogDiagonalLimit * Math.Tanh(tri[TriangleIndex(i, i)] / LogDiagonalLimit)) : tri[TriangleIndex(i, j)];

    /// <summary>log N(theta; mu, (U^T U)^-1) of one component block; z = U (theta - mu) is written out.</summary>
    private double ComponentLogDensity(ReadOnlySpan<double> block, ReadOnlySpan<double> theta, Span<double> z)
    {
        var mu = block.Slice(1, _d);
        var tri = block.Slice(1 + _d);
        double logDet = 0, sq = 0;
        for (int i = 0; i < _d; i++)
        {
            logDet += LogDiagonalLimit * Math.Tanh(tri[TriangleIndex(i, i)] / LogDiagonalLimit);
            double s = 0;
            for (int j = i; j < _d; j++) s += Entry(tri, i, j) * (theta[j] - mu[j]);
            z[i] = s; sq += s * s;
        }
        return -0.5 * _d * Math.Log(2 * Math.PI) + logDet - 0.5 * sq;
    }

    private double LogSumExpLogits(ReadOnlySpan<double> o)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < _k; c++) max = Math.Max(max, o[c * _stride]);
        double s = 0;
        for (int c = 0; c < _k; c++) s += Math.Exp(o[c * _stride] - max);
        return max + Math.Log(s);
    }

    private static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = double.NegativeInfinity;
        foreach (double a in v) max = Math.Max(max, a);
        if (double.IsNegativeInfinity(max)) return max;
        double s = 0;
        foreach (double a in v) s += Math.Exp(a - max);
        return max + Math.Log(s);
    }

    public double LogDensity(ReadOnlySpan<double> x, ReadOnlySpan<double> theta) => -LossAndGradient(x, theta, 1, false);

    /// <summary>The mixture of one input: weights, means and precision factors (for tests and analysis).</summary>
    public (double[] Weights, double[][] Means, double[][,] PrecisionFactors) Mixture(ReadOnlySpan<double> x)
    {
        var o = _network.Forward(x, 1);
        double logNorm = LogSumExpLogits(o);
        var w = new double[_k]; var means = new double[_k][]; var factors = new double[_k][,];
        for (int c = 0; c < _k; c++)
        {
            var block = o.Slice(c * _stride, _stride);
            w[c] = Math.Exp(block[0] - logNorm);
            means[c] = block.Slice(1, _d).ToArray();
            var u = new double[_d, _d];
            for (int i = 0; i < _d; i++) for (int j = i; j < _d; j++) u[i, j] = Entry(block.Slice(1 + _d), i, j);
            factors[c] = u;
        }
        return (w, means, factors);
    }

    public void Sample(ReadOnlySpan<double> x, int count, PhiloxStream random, Span<double> draws)
    {
        var (weights, means, factors) = Mixture(x);
        Span<double> eps = stackalloc double[_d];
        for (int s = 0; s < count; s++)
        {
            double u = random.NextDouble(), acc = 0;
            int c = 0;
            for (; c < _k - 1; c++) { acc += weights[c]; if (u < acc) break; }
            for (int j = 0; j < _d; j++) eps[j] = random.NextNormal();
            // solve U (theta - mu) = eps by back substitution
            var row = draws.Slice(s * _d, _d);
            for (int i = _d - 1; i >= 0; i--)
            {
                double v = eps[i];
                for (int j = i + 1; j < _d; j++) v -= factors[c][i, j] * row[j];
                row[i] = v / factors[c][i, i];
            }
            for (int j = 0; j < _d; j++) row[j] += means[c][j];
        }
    }

    public void Save(ModelArchive archive, string prefix) => archive.Add(prefix + "parameters", Weights, Weights.Length);

    public static MixtureDensityNetwork Load(ModelArchive archive, string prefix, JsonObject hyperparameters, int features, int parameters)
    {
        var model = new MixtureDensityNetwork(features, parameters, MdnOptions.FromJson(hyperparameters), 0);
        archive.Get(prefix + "parameters", model.Weights.Length).CopyTo(model.Weights, 0);
        return model;
    }
}
