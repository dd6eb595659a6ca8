using System.Text.Json.Nodes;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Random;

namespace NeuroEngine.Inference.Posterior;

/// <summary>Hyperparameters of <see cref="CouplingFlow"/>.</summary>
public sealed record FlowOptions
{
    public int Transforms { get; init; } = 6;
    public int[] HiddenLayerSizes { get; init; } = [64, 64];
    /// <summary>Soft clamp of the log scale per layer: s = c tanh(raw / c).</summary>
    public double ScaleClamp { get; init; } = 3.0;

    public void Validate()
    {
        if (Transforms < 1) throw new ArgumentException($"transforms must be >= 1, got {Transforms}", nameof(Transforms));
        if (HiddenLayerSizes.Length == 0 || HiddenLayerSizes.Any(h => h < 1)) throw new ArgumentException($"hidden_layer_sizes must be positive, got [{string.Join(", ", HiddenLayerSizes)}]", nameof(HiddenLayerSizes));
        if (!(ScaleClamp > 0)) throw new ArgumentException($"scale_clamp must be > 0, got {ScaleClamp}", nameof(ScaleClamp));
    }

    public JsonObject ToJson() => new() { ["transforms"] = Transforms, ["hidden_layer_sizes"] = ModelArchive.ToJson(HiddenLayerSizes), ["scale_clamp"] = ScaleClamp };
    public static FlowOptions FromJson(JsonObject o) => new()
    {
        Transforms = (int)o["transforms"]!, HiddenLayerSizes = (o["hidden_layer_sizes"] as JsonArray)!.Select(v => (int)v!).ToArray(),
        ScaleClamp = (double)o["scale_clamp"]!,
    };
}

/// <summary>Conditional affine coupling flow (RealNVP, Dinh et al. 2017; the family of BayesFlow's
/// CouplingFlow): each transform keeps a subset A of the parameters and maps the rest,
/// z_B = theta_B exp(s) + t, with (s, t) from a ReLU network of (theta_A, x). The subsets
/// alternate between even/odd and first/second-half splits so every parameter is transformed
/// and conditioned on every other. Base density N(0, I); log q = log N(z) + sum of s. Output
/// layers start at zero, so the untrained flow is the identity. With one parameter, the
/// transform is conditioned on x alone.</summary>
public sealed class CouplingFlow : IPosteriorEstimator
{
    private readonly int _d;
    private readonly int[][] _kept, _moved;       // per transform: indices of A and B
    private readonly DenseNetwork[] _networks;
    private readonly double[] _weights, _gradients;
    private readonly int[] _offsets;
    // per-batch caches: inputs u of each transform, raw scales
    private double[][] _u = [];
    private double[] _condInput = [], _outGrad = [], _inGrad = [], _g = [];
    private int _capacity;

    public FlowOptions Options { get; }
    public string Kind => "flow";
    public int Features { get; }
    public int Parameters => _d;
    public JsonObject Hyperparameters => Options.ToJson();
    public double[] Weights => _weights;
    public double[] Gradients => _gradients;

    public CouplingFlow(int features, int parameters, FlowOptions options, ulong seed)
    {
        options.Validate();
        if (features < 1 || parameters < 1) throw new ArgumentException($"need >= 1 feature and parameter, got {features} and {parameters}");
        Options = options; Features = features; _d = parameters;
        int layers = options.Transforms;
        _kept = new int[layers][]; _moved = new int[layers][];
        _networks = new DenseNetwork[layers];
        _offsets = new int[layers + 1];
        var random = new PhiloxStream(seed, 21);
        var sizes = new int[layers][];
        for (int l = 0; l < layers; l++)
        {
            var (kept, moved) = Split(l);
            _kept[l] = kept; _moved[l] = moved;
            sizes[l] = [kept.Length + features, .. options.HiddenLayerSizes, 2 * moved.Length];
            _offsets[l + 1] = _offsets[l] + DenseNetwork.CountParameters(sizes[l], linearSkip: true);
        }
        _weights = new double[_offsets[layers]];
        _gradients = new double[_offsets[layers]];
        for (int l = 0; l < layers; l++)
        {
            _networks[l] = new DenseNetwork(sizes[l], _weights, _gradients, _offsets[l], linearSkip: true);
            _networks[l].InitializeGlorot(random, outputScale: 0.0);
        }
    }

    /// <summary>Which parameters transform l keeps (A) and moves (B).</summary>
    private (int[] Kept, int[] Moved) Split(int l)
    {
        if (_d == 1) return ([], [0]);
        var all = Enumerable.Range(0, _d);
        int pattern = l % 4;
        Func<int, bool> moved = pattern switch
        {
            0 => i => i % 2 == 1,
            1 => i => i % 2 == 0,
            2 => i => i >= _d / 2,
            _ => i => i < _d / 2,
        };
        return (all.Where(i => !moved(i)).ToArray(), all.Where(moved).ToArray());
    }

    private void Reserve(int rows)
    {
        if (rows <= _capacity) return;
        _capacity = rows;
        _u = Enumerable.Range(0, _networks.Length + 1).Select(_ => new double[rows * _d]).ToArray();
        _condInput = new double[rows * (_d + Features)];
        _outGrad = new double[rows * 2 * _d];
        _inGrad = new double[rows * (_d + Features)];
        _g = new double[rows * _d];
    }

    /// <summary>theta to z through all transforms; returns the summed log-determinant per row in
    /// <paramref name="logDet"/>. Caches each transform's input for the backward pass.</summary>
    private void ForwardToLatent(ReadOnlySpan<double> x, ReadOnlySpan<double> theta, int rows, Span<double> logDet)
    {
        Reserve(rows);
        theta[..(rows * _d)].CopyTo(_u[0]);
        logDet[..rows].Clear();
        double c = Options.ScaleClamp;
        for (int l = 0; l < _networks.Length; l++)
        {
            var u = _u[l]; var v = _u[l + 1];
            var output = Conditioner(l, u, x, rows);
            int nb = _moved[l].Length;
            Array.Copy(u, v, rows * _d);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < nb; j++)
                {
                    double s = c * Math.Tanh(output[r * 2 * nb + j] / c), t = output[r * 2 * nb + nb + j];
                    int idx = r * _d + _moved[l][j];
                    v[idx] = u[idx] * Math.Exp(s) + t;
                    logDet[r] += s;
                }
        }
    }

    private ReadOnlySpan<double> Conditioner(int l, ReadOnlySpan<double> u, ReadOnlySpan<double> x, int rows)
    {
        int na = _kept[l].Length, width = na + Features;
        var input = _condInput.AsSpan(0, rows * width);
        for (int r = 0; r < rows; r++)
        {
            for (int a = 0; a < na; a++) input[r * width + a] = u[r * _d + _kept[l][a]];
            x.Slice(r * Features, Features).CopyTo(input.Slice(r * width + na, Features));
        }
        return _networks[l].Forward(input, rows);
    }

    public double LossAndGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> theta, int rows, bool withGradient)
    {
        Span<double> logDet = rows <= 1024 ? stackalloc double[rows] : new double[rows];
        ForwardToLatent(x, theta, rows, logDet);
        var z = _u[^1];
        double total = 0, half = 0.5 * _d * Math.Log(2 * Math.PI);
        for (int r = 0; r < rows; r++)
        {
            double sq = 0;
            for (int j = 0; j < _d; j++) sq += z[r * _d + j] * z[r * _d + j];
            total += half + 0.5 * sq - logDet[r];
        }
        if (!withGradient) return total / rows;
        // g = dL/dz, then back through the transforms (the mean over rows folded into 1/rows)
        var g = _g.AsSpan(0, rows * _d);
        for (int i = 0; i < g.Length; i++) g[i] = z[i] / rows;
        double cl = Options.ScaleClamp;
        for (int l = _networks.Length - 1; l >= 0; l--)
        {
            var u = _u[l];
            var output = _networks[l].LastOutput(rows); // each network ran once in this batch's forward pass
            int nb = _moved[l].Length, na = _kept[l].Length, width = na + Features;
            var og = _outGrad.AsSpan(0, rows * 2 * nb);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < nb; j++)
                {
                    double raw = output[r * 2 * nb + j], th = Math.Tanh(raw / cl), s = cl * th, es = Math.Exp(s);
                    int idx = r * _d + _moved[l][j];
                    double gv = g[idx];
                    og[r * 2 * nb + j] = (gv * u[idx] * es - 1.0 / rows) * (1 - th * th);
                    og[r * 2 * nb + nb + j] = gv;
                    g[idx] = gv * es;
                }
            var ig = _inGrad.AsSpan(0, rows * width);
            _networks[l].Backward(og, rows, na > 0 ? ig : default);
            for (int r = 0; r < rows; r++)
                for (int a = 0; a < na; a++) g[r * _d + _kept[l][a]] += ig[r * width + a];
        }
        return total / rows;
    }

    public double LogDensity(ReadOnlySpan<double> x, ReadOnlySpan<double> theta) => -LossAndGradient(x, theta, 1, false);

    public void Sample(ReadOnlySpan<double> x, int count, PhiloxStream random, Span<double> draws)
    {
        Reserve(count);
        var xs = new double[count * Features];
        for (int r = 0; r < count; r++) x.CopyTo(xs.AsSpan(r * Features, Features));
        var v = draws[..(count * _d)];
        for (int i = 0; i < v.Length; i++) v[i] = random.NextNormal();
        double c = Options.ScaleClamp;
        for (int l = _networks.Length - 1; l >= 0; l--)
        {
            // A is unchanged by transform l, so (s, t) can be computed from the output side
            var output = Conditioner(l, v, xs, count);
            int nb = _moved[l].Length;
            for (int r = 0; r < count; r++)
                for (int j = 0; j < nb; j++)
                {
                    double s = c * Math.Tanh(output[r * 2 * nb + j] / c), t = output[r * 2 * nb + nb + j];
                    int idx = r * _d + _moved[l][j];
                    v[idx] = (v[idx] - t) * Math.Exp(-s);
                }
        }
    }

    public void Save(ModelArchive archive, string prefix) => archive.Add(prefix + "parameters", Weights, Weights.Length);

    public static CouplingFlow Load(ModelArchive archive, string prefix, JsonObject hyperparameters, int features, int parameters)
    {
        var model = new CouplingFlow(features, parameters, FlowOptions.FromJson(hyperparameters), 0);
        archive.Get(prefix + "parameters", model.Weights.Length).CopyTo(model.Weights, 0);
        return model;
    }
}
