using MathNet.Numerics;

namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Chi-square test of one parameter's SBC ranks against the uniform distribution.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Draws">Posterior draws per row (L); ranks lie in 0..L.</param>
/// <param name="Bins">Bins used (the requested number, at most L + 1).</param>
/// <param name="ChiSquare">Pearson's statistic, sum over bins of (observed - expected)^2 / expected.</param>
/// <param name="PValue">Upper tail of chi-square with Bins - 1 degrees of freedom; small means miscalibrated.</param>
public sealed record SbcTest(string Parameter, int Draws, int Bins, double ChiSquare, double PValue);

/// <summary>Simulation-based calibration (Talts et al. 2018): if the posterior is calibrated, the rank of the
/// true parameter among L posterior draws is uniform on 0..L; too narrow, too wide or biased posteriors
/// show as U-shaped, humped or skewed rank histograms.</summary>
public static class Sbc
{
    /// <summary>Rank of every true value among its row's draws: the number of draws strictly less than it.</summary>
    /// <param name="truth">truth[row][parameter], finite, at least one row.</param>
    /// <param name="draws">draws[row][draw][parameter]; every row holds the same number L &gt;= 1 of draws.</param>
    /// <returns>ranks[row][parameter] in 0..L.</returns>
    /// <exception cref="ArgumentException">Shapes differ, input is empty, or a value is not finite.</exception>
    public static int[][] Ranks(double[][] truth, double[][][] draws) => Ranks(truth, draws, null);

    /// <summary>Ranks with ties broken at random (Talts et al. 2018): rank = draws below + a uniform
    /// integer in 0..draws equal. Needed where the prior and the posterior put mass on a point (a
    /// clipped parameter at its bound); without ties it equals <see cref="Ranks(double[][], double[][][])"/>.
    /// <paramref name="seed"/> null: ties count as not below.</summary>
    public static int[][] Ranks(double[][] truth, double[][][] draws, ulong? seed)
    {
        ArgumentNullException.ThrowIfNull(truth);
        if (truth.Length == 0) throw new ArgumentException("truth is empty (no rows)", nameof(truth));
        int p = truth[0]?.Length ?? throw new ArgumentException("truth[0] is null", nameof(truth));
        if (p == 0) throw new ArgumentException("truth[0] has no parameters", nameof(truth));
        int n = Inputs.Table(truth, nameof(truth), -1, p);
        int l = Inputs.Draws(draws, nameof(draws), n, p);

        var ranks = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var r = ranks[i] = new int[p];
            var ties = new int[p];
            for (int d = 0; d < l; d++)
            {
                var draw = draws[i][d];
                for (int j = 0; j < p; j++)
                {
                    if (draw[j] < truth[i][j]) r[j]++;
                    else if (draw[j] == truth[i][j]) ties[j]++;
                }
            }
            if (seed is { } s)
            {
                var random = new Random.PhiloxStream(s, 50_000_000 + (ulong)i);
                for (int j = 0; j < p; j++) if (ties[j] > 0) r[j] += random.NextInt(ties[j] + 1);
            }
        }
        return ranks;
    }

    /// <summary>Chi-square uniformity test of one parameter's ranks.</summary>
    /// <remarks>Rank r (0..L) falls in bin floor(r * bins / (L + 1)). When L + 1 is not a multiple of the
    /// bin count the bins hold different numbers of rank values, so each bin's expected count is
    /// n * (rank values in the bin) / (L + 1) rather than n / bins; equal expectations would reject a
    /// perfectly calibrated posterior. The p-value is the regularised upper incomplete gamma function
    /// (= 1 - chi-square CDF, computed directly so that tiny p-values are not rounded to 0).</remarks>
    /// <param name="parameter">Name carried into the result.</param>
    /// <param name="ranks">Ranks in 0..<paramref name="draws"/>, at least one.</param>
    /// <param name="draws">L, the number of posterior draws each rank was taken among (&gt;= 1).</param>
    /// <param name="bins">Requested bins (&gt;= 2); reduced to L + 1 when larger, as a bin cannot be finer
    /// than one rank value.</param>
    /// <exception cref="ArgumentException">No ranks, a rank outside 0..L, draws &lt; 1 or bins &lt; 2.</exception>
    public static SbcTest UniformityTest(string parameter, IReadOnlyList<int> ranks, int draws, int bins = 20)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Count == 0) throw new ArgumentException("ranks is empty", nameof(ranks));
        if (draws < 1) throw new ArgumentException($"draws must be >= 1, got {draws}", nameof(draws));
        if (bins < 2) throw new ArgumentException($"bins must be >= 2, got {bins}", nameof(bins));
        int values = draws + 1;
        int b = Math.Min(bins, values);

        var observed = new long[b];
        for (int i = 0; i < ranks.Count; i++)
        {
            int r = ranks[i];
            if (r < 0 || r > draws)
                throw new ArgumentException($"ranks[{i}] of {parameter} is {r}, outside 0..{draws}", nameof(ranks));
            observed[Bin(r, b, values)]++;
        }
        var width = new long[b];
        for (int r = 0; r < values; r++) width[Bin(r, b, values)]++;

        double n = ranks.Count, chi2 = 0;
        for (int k = 0; k < b; k++)
        {
            double expected = n * width[k] / values, d = observed[k] - expected;
            chi2 += d * d / expected;
        }
        double pValue = SpecialFunctions.GammaUpperRegularized((b - 1) / 2.0, chi2 / 2);
        return new SbcTest(parameter, draws, b, chi2, pValue);
    }

    /// <summary><see cref="UniformityTest"/> for every parameter of a ranks[row][parameter] table (as from
    /// <see cref="Ranks(double[][], double[][][], ulong?)"/>).</summary>
    /// <exception cref="ArgumentException">Empty table, a row with other than one rank per name, or a bad rank.</exception>
    public static SbcTest[] UniformityTests(int[][] ranks, int draws, IReadOnlyList<string> names, int bins = 20)
    {
        int p = Inputs.Names(names, nameof(names));
        ArgumentNullException.ThrowIfNull(ranks);
        if (ranks.Length == 0) throw new ArgumentException("ranks is empty (no rows)", nameof(ranks));
        for (int i = 0; i < ranks.Length; i++)
        {
            if (ranks[i] is null) throw new ArgumentException($"ranks[{i}] is null", nameof(ranks));
            if (ranks[i].Length != p)
                throw new ArgumentException($"ranks[{i}] has {ranks[i].Length} columns, expected {p} (one per name)", nameof(ranks));
        }
        var tests = new SbcTest[p];
        var column = new int[ranks.Length];
        for (int j = 0; j < p; j++)
        {
            for (int i = 0; i < ranks.Length; i++) column[i] = ranks[i][j];
            tests[j] = UniformityTest(names[j], column, draws, bins);
        }
        return tests;
    }

    private static int Bin(int rank, int bins, int values) => (int)((long)rank * bins / values);
}
