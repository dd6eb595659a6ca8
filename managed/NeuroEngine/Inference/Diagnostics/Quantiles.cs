namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Quantiles of sorted samples, defined as numpy's so that diagnostics match the Python tools
/// they are compared with.</summary>
public static class Quantiles
{
    /// <summary>numpy's default (<c>method="linear"</c>, Hyndman-Fan type 7) quantile: with h = (n - 1) p,
    /// the value interpolated linearly between <c>sorted[floor(h)]</c> and <c>sorted[floor(h) + 1]</c>.
    /// The interpolation is written as numpy's (from the nearer end) so results agree to the last bit.</summary>
    /// <param name="sorted">Samples in ascending order, at least one, no NaN (checked: an unsorted input
    /// would give a silently wrong quantile).</param>
    /// <param name="p">Probability in [0, 1].</param>
    public static double Linear(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0) throw new ArgumentException("sorted is empty; a quantile needs at least one sample", nameof(sorted));
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"p must be in [0, 1], got {p}", nameof(p));
        if (double.IsNaN(sorted[0])) throw new ArgumentException("sorted[0] is NaN", nameof(sorted));
        for (int i = 1; i < sorted.Length; i++)
            if (!(sorted[i - 1] <= sorted[i]))
                throw new ArgumentException($"sorted is not ascending (or holds NaN) at index {i}: {sorted[i - 1]} then {sorted[i]}", nameof(sorted));
        return LinearUnchecked(sorted, p);
    }

    /// <summary><see cref="Linear"/> without the checks, for callers that sorted finite values themselves.</summary>
    internal static double LinearUnchecked(double[] sorted, double p)
    {
        int n = sorted.Length;
        double h = (n - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= n - 1) return sorted[n - 1];
        double t = h - lo, a = sorted[lo], b = sorted[lo + 1], diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
