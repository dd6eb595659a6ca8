using NeuroEngine.Random;

namespace NeuroEngine.Tests.Inference;

/// <summary>Seeded synthetic data sets for the inference tests.</summary>
internal static class InferenceTestData
{
    /// <summary>Rows of standard normals.</summary>
    public static double[][] Normals(int rows, int columns, ulong seed)
    {
        var r = new PhiloxStream(seed, 77);
        return Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => r.NextNormal()).ToArray()).ToArray();
    }

    /// <summary>Conjugate Gaussian model: theta ~ N(0, diag(prior^2)) in 2-D, x = theta + N(0, noise^2 I).
    /// Posterior: precision 1/prior^2 + 1/noise^2 per component, mean = x * prior^2 / (prior^2 + noise^2).</summary>
    public static (double[][] X, double[][] Theta) Conjugate(int rows, double[] prior, double noise, ulong seed)
    {
        var r = new PhiloxStream(seed, 78);
        var theta = new double[rows][];
        var x = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            theta[i] = prior.Select(s => s * r.NextNormal()).ToArray();
            x[i] = theta[i].Select(t => t + noise * r.NextNormal()).ToArray();
        }
        return (x, theta);
    }
}
