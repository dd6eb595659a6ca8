namespace NeuroEngine.Inference.Networks;

/// <summary>Adam (Kingma and Ba 2015) with sklearn's conventions: the bias corrections folded into
/// the step size, lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t); update -lr_t m / (sqrt(v) + eps).</summary>
public sealed class AdamOptimizer(int parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly double[] _m = new double[parameters], _v = new double[parameters];
    public int Steps { get; private set; }
    public double LearningRate { get; set; } = learningRate;

    /// <summary>One step on <paramref name="parameters"/> with gradient <paramref name="gradient"/>.</summary>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        if (parameters.Length != _m.Length || gradient.Length != _m.Length)
            throw new ArgumentException($"Adam: {parameters.Length} parameters and {gradient.Length} gradients, expected {_m.Length}");
        Steps++;
        double lr = LearningRate * Math.Sqrt(1 - Math.Pow(beta2, Steps)) / (1 - Math.Pow(beta1, Steps));
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradient[i];
            _m[i] = beta1 * _m[i] + (1 - beta1) * g;
            _v[i] = beta2 * _v[i] + (1 - beta2) * g * g;
            parameters[i] -= lr * _m[i] / (Math.Sqrt(_v[i]) + epsilon);
        }
    }
}
