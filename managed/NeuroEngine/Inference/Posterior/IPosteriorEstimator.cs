using System.Text.Json.Nodes;
using NeuroEngine.Random;

namespace NeuroEngine.Inference.Posterior;

/// <summary>An amortized conditional density estimator q(theta | x) for neural posterior
/// estimation. It works on standardized features and standardized parameters;
/// <see cref="InferenceModel"/> owns the scaling, the prior bounds and the names.</summary>
public interface IPosteriorEstimator
{
    /// <summary>mdn or flow.</summary>
    string Kind { get; }
    int Features { get; }
    int Parameters { get; }
    JsonObject Hyperparameters { get; }

    /// <summary>All trainable values (one flat vector) and the gradient of the last
    /// <see cref="LossAndGradient"/>, same layout.</summary>
    double[] Weights { get; }
    double[] Gradients { get; }

    /// <summary>Mean negative log density over <paramref name="rows"/> pairs (row-major x and theta);
    /// fills <see cref="Gradients"/> when <paramref name="withGradient"/>.</summary>
    double LossAndGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> theta, int rows, bool withGradient);

    /// <summary>log q(theta | x) for one pair.</summary>
    double LogDensity(ReadOnlySpan<double> x, ReadOnlySpan<double> theta);

    /// <summary><paramref name="count"/> draws from q(. | x) into <paramref name="draws"/> (count x Parameters, row-major).</summary>
    void Sample(ReadOnlySpan<double> x, int count, PhiloxStream random, Span<double> draws);

    void Save(ModelArchive archive, string prefix);
}
