using NeuroEngine.Random;

namespace NeuroEngine.Inference.Networks;

/// <summary>A fully connected network: ReLU hidden layers, identity output. Parameters and their
/// gradients live in one flat array each (layer by layer: W[in, out] row-major, then b[out]), so an
/// optimiser, a save file and a finite-difference test see one vector. Forward and backward work on
/// a batch of rows in preallocated buffers: no allocation per batch.</summary>
public sealed class DenseNetwork
{
    private readonly int[] _sizes;
    private readonly int[] _weightOffset, _biasOffset;
    private double[][] _activations = [];   // [layer 0..L] batch x width; layer 0 is the input copy
    private double[][] _deltas = [];        // [layer 1..L] batch x width
    private double[] _scratchT = [], _scratchW = [];
    private int _capacity;

    /// <summary>Layer widths, input first, output last.</summary>
    public IReadOnlyList<int> Sizes => _sizes;
    public int InputSize => _sizes[0];
    public int OutputSize => _sizes[^1];
    private readonly double[] _parameters, _gradients;
    private readonly int _base;

    /// <summary>All weights and biases (a window of the backing array).</summary>
    public Span<double> Parameters => _parameters.AsSpan(_base, ParameterCount);
    /// <summary>Gradient of the last <see cref="Backward"/> call, same layout as <see cref="Parameters"/>.</summary>
    public Span<double> Gradients => _gradients.AsSpan(_base, ParameterCount);
    public int ParameterCount { get; }
    public int Layers => _sizes.Length - 1;

    /// <summary>A network with its own parameter and gradient arrays, or windows of shared ones
    /// starting at <paramref name="offset"/> (a model of several networks keeps one flat vector).</summary>
    public DenseNetwork(IReadOnlyList<int> sizes, double[]? parameters = null, double[]? gradients = null, int offset = 0, bool linearSkip = false)
    {
        if (sizes.Count < 2) throw new ArgumentException("a network needs an input and an output size", nameof(sizes));
        foreach (int s in sizes) if (s < 1) throw new ArgumentException($"layer sizes must be >= 1, got [{string.Join(", ", sizes)}]", nameof(sizes));
        _sizes = sizes.ToArray();
        _weightOffset = new int[Layers]; _biasOffset = new int[Layers];
        int count = 0;
        for (int l = 0; l < Layers; l++)
        {
            _weightOffset[l] = offset + count; count += _sizes[l] * _sizes[l + 1];
            _biasOffset[l] = offset + count; count += _sizes[l + 1];
        }
        if (linearSkip)
        {
            _skipOffset = offset + count;
            count += _sizes[0] * _sizes[^1];
        }
        LinearSkip = linearSkip;
        ParameterCount = count;
        _base = offset;
        _parameters = parameters ?? new double[offset + count];
        _gradients = gradients ?? new double[offset + count];
        if (_parameters.Length < offset + count || _gradients.Length < offset + count)
            throw new ArgumentException($"backing arrays hold {_parameters.Length} and {_gradients.Length} values, need {offset + count}", nameof(parameters));
    }

    /// <summary>Number of weights and biases of a network with these layer sizes.</summary>
    public static int CountParameters(IReadOnlyList<int> sizes, bool linearSkip = false)
    {
        int count = 0;
        for (int l = 0; l + 1 < sizes.Count; l++) count += (sizes[l] + 1) * sizes[l + 1];
        return count + (linearSkip ? sizes[0] * sizes[^1] : 0);
    }

    /// <summary>Whether the output also gets a linear map of the input (x W_skip, after all weights
    /// and biases in the parameter vector). Density estimators use it: their outputs are close to
    /// affine in the features (a posterior mean that tracks a precise measurement), which a ReLU
    /// network alone approximates only to a few percent, too coarse for a posterior a few percent wide.</summary>
    public bool LinearSkip { get; }
    private readonly int _skipOffset;

    /// <summary>The skip weights [in, out] (empty without <see cref="LinearSkip"/>).</summary>
    public Span<double> SkipWeights => LinearSkip ? _parameters.AsSpan(_skipOffset, _sizes[0] * _sizes[^1]) : [];

    /// <summary>Weights of layer <paramref name="layer"/>, [in, out] row-major.</summary>
    public Span<double> Weights(int layer) => _parameters.AsSpan(_weightOffset[layer], _sizes[layer] * _sizes[layer + 1]);
    public Span<double> Biases(int layer) => _parameters.AsSpan(_biasOffset[layer], _sizes[layer + 1]);

    /// <summary>sklearn's Glorot-uniform initialisation for ReLU networks: weights and biases
    /// uniform in ±sqrt(6 / (fan_in + fan_out)).</summary>
    public void InitializeGlorot(PhiloxStream random, double outputScale = 1.0)
    {
        for (int l = 0; l < Layers; l++)
        {
            double bound = Math.Sqrt(6.0 / (_sizes[l] + _sizes[l + 1])) * (l == Layers - 1 ? outputScale : 1.0);
            foreach (ref double w in Weights(l)) w = bound * (2 * random.NextDouble() - 1);
            foreach (ref double b in Biases(l)) b = bound * (2 * random.NextDouble() - 1);
        }
        SkipWeights.Clear(); // the skip path starts at zero: the initial network is the ReLU network alone
    }

    /// <summary>Outputs for <paramref name="rows"/> input rows (row-major); the span stays valid
    /// until the next call.</summary>
    public ReadOnlySpan<double> Forward(ReadOnlySpan<double> input, int rows)
    {
        if (input.Length < rows * InputSize) throw new ArgumentException($"input has {input.Length} values, need {rows} x {InputSize}", nameof(input));
        Reserve(rows);
        input[..(rows * InputSize)].CopyTo(_activations[0]);
        for (int l = 0; l < Layers; l++)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            var z = _activations[l + 1].AsSpan(0, rows * nOut);
            var bias = Biases(l);
            for (int i = 0; i < rows; i++) bias.CopyTo(z.Slice(i * nOut, nOut));
            Gemm.Multiply(_activations[l], Weights(l), z, rows, nIn, nOut, accumulate: true);
            if (l < Layers - 1)
                foreach (ref double v in z) if (v < 0) v = 0;
        }
        if (LinearSkip) Gemm.Multiply(_activations[0], SkipWeights, _activations[Layers].AsSpan(0, rows * OutputSize), rows, InputSize, OutputSize, accumulate: true);
        return _activations[Layers].AsSpan(0, rows * OutputSize);
    }

    /// <summary>The outputs of the last <see cref="Forward"/> call (valid until the next one).</summary>
    public ReadOnlySpan<double> LastOutput(int rows) =>
        rows <= _capacity ? _activations[Layers].AsSpan(0, rows * OutputSize) : throw new InvalidOperationException("no Forward call of that size");

    /// <summary>Back-propagates dLoss/dOutput of the last <see cref="Forward"/> batch into
    /// <see cref="Gradients"/> (overwritten) and, if given, dLoss/dInput.</summary>
    public void Backward(ReadOnlySpan<double> outputGradient, int rows, Span<double> inputGradient = default)
    {
        if (rows > _capacity) throw new InvalidOperationException("Backward needs the Forward call of the same batch first");
        outputGradient[..(rows * OutputSize)].CopyTo(_deltas[Layers]);
        if (LinearSkip)
        {
            Gemm.Transpose(_activations[0], _scratchT, rows, InputSize);
            Gemm.Multiply(_scratchT, _deltas[Layers], _gradients.AsSpan(_skipOffset, InputSize * OutputSize), InputSize, rows, OutputSize);
        }
        for (int l = Layers - 1; l >= 0; l--)
        {
            int nIn = _sizes[l], nOut = _sizes[l + 1];
            var delta = _deltas[l + 1].AsSpan(0, rows * nOut);
            // dW = A^T delta, db = column sums of delta
            Gemm.Transpose(_activations[l], _scratchT, rows, nIn);
            Gemm.Multiply(_scratchT, delta, _gradients.AsSpan(_weightOffset[l], nIn * nOut), nIn, rows, nOut);
            var db = _gradients.AsSpan(_biasOffset[l], nOut);
            db.Clear();
            for (int i = 0; i < rows; i++)
            {
                var d = delta.Slice(i * nOut, nOut);
                for (int j = 0; j < nOut; j++) db[j] += d[j];
            }
            if (l == 0 && inputGradient.IsEmpty) break;
            // delta_prev = delta W^T, masked by ReLU'(previous pre-activation)
            Gemm.Transpose(Weights(l), _scratchW, nIn, nOut);
            var target = l == 0 ? inputGradient : _deltas[l].AsSpan(0, rows * nIn);
            Gemm.Multiply(delta, _scratchW, target, rows, nOut, nIn);
            if (l == 0 && LinearSkip)
            {
                Gemm.Transpose(SkipWeights, _scratchW, InputSize, OutputSize);
                Gemm.Multiply(_deltas[Layers], _scratchW, inputGradient, rows, OutputSize, InputSize, accumulate: true);
            }
            if (l > 0)
            {
                var a = _activations[l].AsSpan(0, rows * nIn);
                for (int i = 0; i < target.Length; i++) if (a[i] <= 0) target[i] = 0;
            }
        }
    }

    /// <summary>Sum of squared weights (biases excluded), for L2 penalties.</summary>
    public double SquaredWeightNorm()
    {
        double s = 0;
        for (int l = 0; l < Layers; l++) foreach (double w in Weights(l)) s += w * w;
        return s;
    }

    /// <summary>Adds <paramref name="coefficient"/> * W to the weight gradients (L2 penalty).</summary>
    public void AddWeightDecay(double coefficient)
    {
        if (coefficient == 0) return;
        for (int l = 0; l < Layers; l++)
        {
            var g = _gradients.AsSpan(_weightOffset[l], _sizes[l] * _sizes[l + 1]);
            var w = Weights(l);
            for (int i = 0; i < g.Length; i++) g[i] += coefficient * w[i];
        }
    }

    private void Reserve(int rows)
    {
        if (rows <= _capacity) return;
        _capacity = Math.Max(rows, _capacity * 2);
        _activations = _sizes.Select(s => new double[_capacity * s]).ToArray();
        _deltas = _sizes.Select(s => new double[_capacity * s]).ToArray();
        _scratchT = new double[_capacity * _sizes.Max()];
        int maxW = 0;
        for (int l = 0; l < Layers; l++) maxW = Math.Max(maxW, _sizes[l] * _sizes[l + 1]);
        maxW = Math.Max(maxW, _sizes[0] * _sizes[^1]);
        _scratchW = new double[maxW];
    }
}
