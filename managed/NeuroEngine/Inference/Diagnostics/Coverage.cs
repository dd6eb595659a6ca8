namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Empirical coverage of central credible intervals: a calibrated posterior's level-l interval
/// contains the truth in a fraction l of data sets; less means overconfident, more underconfident.</summary>
public static class Coverage
{
    /// <summary>Levels reported when the caller names none.</summary>
    public static readonly double[] DefaultLevels = [0.5, 0.8, 0.9, 0.95];

    /// <summary>Fraction of rows whose central interval at each level contains the truth.</summary>
    /// <remarks>A row's level-l interval runs from the (1 - l)/2 to the (1 + l)/2 quantile of its draws
    /// (<see cref="Quantiles.Linear"/>, numpy's default), ends included.</remarks>
    /// <param name="truth">truth[row][parameter], finite, at least one row.</param>
    /// <param name="draws">draws[row][draw][parameter]; every row the same number of draws (&gt;= 1).</param>
    /// <param name="levels">Credible levels in (0, 1], at least one (e.g. <see cref="DefaultLevels"/>).</param>
    /// <returns>result[levelIndex][parameter].</returns>
    /// <exception cref="ArgumentException">Shapes differ, input is empty, a value is not finite or a level
    /// lies outside (0, 1].</exception>
    public static double[][] Compute(double[][] truth, double[][][] draws, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0) throw new ArgumentException("levels is empty", nameof(levels));
        for (int k = 0; k < levels.Count; k++)
            if (!(levels[k] > 0 && levels[k] <= 1))
                throw new ArgumentException($"levels[{k}] is {levels[k]}; a credible level must lie in (0, 1]", nameof(levels));
        if (truth.Length == 0) throw new ArgumentException("truth is empty (no rows)", nameof(truth));
        int p = truth[0]?.Length ?? throw new ArgumentException("truth[0] is null", nameof(truth));
        if (p == 0) throw new ArgumentException("truth[0] has no parameters", nameof(truth));
        int n = Inputs.Table(truth, nameof(truth), -1, p);
        int l = Inputs.Draws(draws, nameof(draws), n, p);

        var inside = new long[levels.Count, p];
        var sorted = new double[l];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                for (int d = 0; d < l; d++) sorted[d] = draws[i][d][j];
                Array.Sort(sorted);
                double t = truth[i][j];
                for (int k = 0; k < levels.Count; k++)
                {
                    double lo = Quantiles.LinearUnchecked(sorted, (1 - levels[k]) / 2);
                    double hi = Quantiles.LinearUnchecked(sorted, (1 + levels[k]) / 2);
                    if (t >= lo && t <= hi) inside[k, j]++;
                }
            }

        var result = new double[levels.Count][];
        for (int k = 0; k < levels.Count; k++)
        {
            result[k] = new double[p];
            for (int j = 0; j < p; j++) result[k][j] = (double)inside[k, j] / n;
        }
        return result;
    }
}
