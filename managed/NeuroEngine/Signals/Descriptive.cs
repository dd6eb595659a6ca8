namespace NeuroEngine.Signals;

/// <summary>Descriptive statistics shared by the feature code, each summing in index order.</summary>
public static class Descriptive
{
    /// <summary>Mean and population variance (ddof 0).</summary>
    public static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> x)
    {
        double mean = 0, sq = 0;
        foreach (double v in x) mean += v;
        mean /= x.Length;
        foreach (double v in x) sq += (v - mean) * (v - mean);
        return (mean, sq / x.Length);
    }

    /// <summary>The median: the middle of the sorted values, or the mean of the two middle ones.</summary>
    public static double Median(ReadOnlySpan<double> x)
    {
        var sorted = x.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
