using NeuroEngine.Signals;

namespace NeuroEngine.Features;

/// <summary>catch22 and catch24 (Lubba et al. 2019, "catch22: CAnonical Time-series CHaracteristics";
/// docs/features.md), written here from the paper, its documentation and the behaviour of the C reference (which
/// is GPL-3.0 and not copied), equal to that reference within 1e-9 on the test series. The 22 features see the
/// series z-scored with the sample standard deviation, as the reference does; DN_Mean and DN_Spread_Std the raw
/// series. PD_PeriodicityWang's spline detrending is solved in a scaled power basis rather than the reference's
/// B-spline normal equations, and its autocorrelation through an FFT rather than direct sums: the same values up
/// to rounding, so the integer period agrees except where an autocorrelation difference sits within rounding of
/// the 0.01 threshold or of zero.</summary>
public static class Catch22
{
    /// <summary>The canonical order (catch22's featureList; catch24 adds DN_Mean and DN_Spread_Std).</summary>
    public static readonly string[] Names =
    [
        "DN_HistogramMode_5", "DN_HistogramMode_10", "DN_OutlierInclude_p_001_mdrmd", "DN_OutlierInclude_n_001_mdrmd",
        "CO_f1ecac", "CO_FirstMin_ac", "SP_Summaries_welch_rect_area_5_1", "SP_Summaries_welch_rect_centroid",
        "FC_LocalSimple_mean3_stderr", "FC_LocalSimple_mean1_tauresrat", "MD_hrv_classic_pnn40",
        "SB_BinaryStats_mean_longstretch1", "SB_BinaryStats_diff_longstretch0", "SB_MotifThree_quantile_hh",
        "CO_HistogramAMI_even_2_5", "CO_trev_1_num", "IN_AutoMutualInfoStats_40_gaussian_fmmi",
        "SB_TransitionMatrix_3ac_sumdiagcov", "PD_PeriodicityWang_th0_01", "CO_Embed2_Dist_tau_d_expfit_meandiff",
        "SC_FluctAnal_2_rsrangefit_50_1_logi_prop_r1", "SC_FluctAnal_2_dfa_50_1_2_logi_prop_r1", "DN_Mean", "DN_Spread_Std",
    ];

    /// <summary>Every feature of <see cref="Names"/>, each a function of the z-scored series (or, for DN_Mean and
    /// DN_Spread_Std, of the raw series).</summary>
    public static readonly IReadOnlyDictionary<string, Func<double[], double>> Implemented = new Dictionary<string, Func<double[], double>>
    {
        ["DN_HistogramMode_5"] = z => HistogramMode(z, 5),
        ["DN_HistogramMode_10"] = z => HistogramMode(z, 10),
        ["DN_OutlierInclude_p_001_mdrmd"] = z => OutlierInclude(z, 1),
        ["DN_OutlierInclude_n_001_mdrmd"] = z => OutlierInclude(z, -1),
        ["MD_hrv_classic_pnn40"] = Pnn40,
        ["SB_BinaryStats_mean_longstretch1"] = LongestStretchAboveMean,
        ["SB_BinaryStats_diff_longstretch0"] = LongestStretchOfDecreases,
        ["CO_trev_1_num"] = TimeReversibility,
        ["CO_f1ecac"] = FirstOneOverECrossing,
        ["CO_FirstMin_ac"] = FirstMinimumOfAutocorrelation,
        ["IN_AutoMutualInfoStats_40_gaussian_fmmi"] = FirstMinimumOfGaussianAmi,
        ["FC_LocalSimple_mean3_stderr"] = z => MeanForecastErrorStd(z, 3),
        ["FC_LocalSimple_mean1_tauresrat"] = z => MeanForecastTimescaleRatio(z, 1),
        ["SB_MotifThree_quantile_hh"] = MotifThreeEntropy,
        ["SB_TransitionMatrix_3ac_sumdiagcov"] = TransitionMatrixDiagonalCovariance,
        ["CO_HistogramAMI_even_2_5"] = HistogramAmi,
        ["SP_Summaries_welch_rect_area_5_1"] = z => RectangularSpectrumSummary(z, centroid: false),
        ["SP_Summaries_welch_rect_centroid"] = z => RectangularSpectrumSummary(z, centroid: true),
        ["CO_Embed2_Dist_tau_d_expfit_meandiff"] = EmbeddingDistanceExpFit,
        ["PD_PeriodicityWang_th0_01"] = PeriodicityWang,
        ["SC_FluctAnal_2_rsrangefit_50_1_logi_prop_r1"] = z => FluctuationScaling(z, 1, dfa: false),
        ["SC_FluctAnal_2_dfa_50_1_2_logi_prop_r1"] = z => FluctuationScaling(z, 2, dfa: true),
        ["DN_Mean"] = Mean,
        ["DN_Spread_Std"] = SampleStd,
    };

    /// <summary>The 22 features (24 with <paramref name="catch24"/>) of a series in the order of <see cref="Names"/>.
    /// Series the reference rejects (fewer than 10 samples, NaN, infinity) are an ArgumentException naming the
    /// reason; a constant series passes, as there, and gives NaN for 19 features and 0 for CO_f1ecac, CO_FirstMin_ac
    /// and PD_PeriodicityWang_th0_01 (its z-scored copy is 0/0).</summary>
    public static double[] Compute(double[] y, bool catch24 = false)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length < 10) throw new ArgumentException($"catch22 needs at least 10 samples, got {y.Length}", nameof(y));
        for (int i = 0; i < y.Length; i++)
            if (!double.IsFinite(y[i])) throw new ArgumentException($"sample {i} is {y[i]}; catch22 needs finite values", nameof(y));
        var z = ZScore(y);
        int count = catch24 ? 24 : 22;
        var values = new double[count];
        (_computing, _acf) = (z, null);
        try
        {
            for (int f = 0; f < count; f++) values[f] = Implemented[Names[f]](f < 22 ? z : y);
        }
        finally
        {
            (_computing, _acf) = (null, null);
        }
        return values;
    }

    /// <summary>The series z-scored with the sample standard deviation (n - 1), as the reference's main does; a
    /// constant series gives NaN everywhere (0 / 0), as there.</summary>
    public static double[] ZScore(double[] y)
    {
        double m = Mean(y), sd = SampleStd(y);
        return y.Select(v => (v - m) / sd).ToArray();
    }

    /// <summary>Sum divided by the length, summed in order.</summary>
    public static double Mean(double[] y)
    {
        double s = 0;
        foreach (double v in y) s += v;
        return s / y.Length;
    }

    /// <summary>Sample standard deviation (n - 1).</summary>
    public static double SampleStd(double[] y)
    {
        double m = Mean(y), s = 0;
        foreach (double v in y) s += (v - m) * (v - m);
        return Math.Sqrt(s / (y.Length - 1));
    }

    /// <summary>Centre of the most populated of <paramref name="bins"/> equal bins between the minimum and the
    /// maximum (a value's bin is trunc((v - min) / width), the maximum in the last bin); ties average the centres.</summary>
    public static double HistogramMode(double[] y, int bins)
    {
        if (y.Any(double.IsNaN)) return double.NaN;
        double min = y.Min(), max = y.Max(), width = (max - min) / bins;
        var counts = new int[bins];
        foreach (double v in y)
        {
            int b = (int)((v - min) / width);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        int best = -1, ties = 0;
        double sum = 0;
        for (int b = 0; b < bins; b++)
        {
            double centre = ((b * width + min) + ((b + 1) * width + min)) * 0.5;
            if (counts[b] > best) { best = counts[b]; ties = 1; sum = centre; }
            else if (counts[b] == best) { ties++; sum += centre; }
        }
        return sum / ties;
    }

    /// <summary>How the median position of the points above a rising threshold moves: thresholds j x 0.01 on
    /// sign x z; for each, the median (1-based) index of the points at or above it, relative to the middle
    /// (median / (n / 2) - 1); the median of that over the thresholds that still hold more than 2% of the
    /// non-negative points and more than one point.</summary>
    public static double OutlierInclude(double[] z, int sign)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        const double inc = 0.01;
        var y = z.Select(v => sign * v).ToArray();
        if (y.All(v => v == y[0])) return 0;
        int nonNegative = y.Count(v => v >= 0);
        double max = y.Max();
        if (max < inc) return 0;
        int thresholds = (int)(max / inc + 1);
        // each point's highest threshold index (the same >= comparisons as testing every threshold)
        var top = new int[y.Length];
        var counts = new int[thresholds];
        for (int i = 0; i < y.Length; i++)
        {
            double v = y[i];
            int j = v < 0 ? -1 : (int)Math.Min(v / inc, thresholds - 1);
            while (j + 1 < thresholds && v >= (j + 1) * inc) j++;
            while (j >= 0 && v < j * inc) j--;
            top[i] = j;
            if (j >= 0) counts[j]++;
        }
        for (int j = thresholds - 2; j >= 0; j--) counts[j] += counts[j + 1]; // points at or above threshold j
        int lastFrequent = 0, firstSingle = thresholds - 1;
        for (int j = 0; j < thresholds; j++)
            if ((counts[j] - 1) * 100.0 / nonNegative > 2) lastFrequent = j;
        for (int j = thresholds - 1; j >= 0; j--)
            if (counts[j] - 1 == 0) firstSingle = j;
        int limit = Math.Min(lastFrequent, firstSingle);
        // sweep the thresholds downwards, adding positions to a Fenwick tree for the median position
        var byThreshold = new List<int>[thresholds];
        for (int i = 0; i < y.Length; i++)
            if (top[i] >= 0) (byThreshold[top[i]] ??= []).Add(i + 1);
        var tree = new int[y.Length + 1];
        int inserted = 0;
        var medianIndex = new double[limit + 1];
        for (int j = thresholds - 1; j >= 0; j--)
        {
            if (byThreshold[j] is { } added)
                foreach (int position in added)
                {
                    for (int k = position; k <= y.Length; k += k & -k) tree[k]++;
                    inserted++;
                }
            if (j > limit) continue;
            double median = inserted % 2 == 1
                ? Select(tree, inserted / 2 + 1)
                : (Select(tree, inserted / 2) + Select(tree, inserted / 2 + 1)) / 2.0;
            medianIndex[j] = median / (y.Length / 2.0) - 1;
        }
        return Descriptive.Median(medianIndex);
    }

    // the k-th smallest position (1-based k) held by a Fenwick tree of counts
    private static int Select(int[] tree, int k)
    {
        int position = 0, step = 1;
        while (step * 2 < tree.Length) step *= 2;
        for (; step > 0; step >>= 1)
            if (position + step < tree.Length && tree[position + step] < k)
            {
                position += step;
                k -= tree[position];
            }
        return position + 1;
    }

    /// <summary>Fraction of successive differences larger than 0.04 (pNN40 of heart-rate variability, on z).</summary>
    public static double Pnn40(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        int count = 0;
        for (int i = 0; i + 1 < z.Length; i++)
            if (Math.Abs(z[i + 1] - z[i]) * 1000 > 40) count++;
        return (double)count / (z.Length - 1);
    }

    /// <summary>Longest run of points above the mean, counted as the reference does: over the first n - 1 points,
    /// the largest gap between successive points at or below the mean (the last point closes the run).</summary>
    public static double LongestStretchAboveMean(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        double mean = Mean(z);
        int longest = 0, last = 0;
        for (int i = 0; i < z.Length - 1; i++)
            if (z[i] - mean <= 0 || i == z.Length - 2)
            {
                longest = Math.Max(longest, i - last);
                last = i;
            }
        return longest;
    }

    /// <summary>Longest run of decreases between successive points, counted as the reference does (the gap
    /// between successive non-decreasing steps; the last step closes the run).</summary>
    public static double LongestStretchOfDecreases(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        int longest = 0, last = 0;
        for (int i = 0; i < z.Length - 1; i++)
            if (z[i + 1] - z[i] >= 0 || i == z.Length - 2)
            {
                longest = Math.Max(longest, i - last);
                last = i;
            }
        return longest;
    }

    /// <summary>Mean cubed successive difference (time-reversal asymmetry at lag 1).</summary>
    public static double TimeReversibility(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        var cubes = new double[z.Length - 1];
        for (int i = 0; i + 1 < z.Length; i++) cubes[i] = Math.Pow(z[i + 1] - z[i], 3);
        return Mean(cubes);
    }

    /// <summary>The autocorrelation at lags 0 .. n - 1 of the mean-removed series, sum_t x_t x_(t+k) / sum_t x_t^2,
    /// through an FFT of twice the next power of two (no wrap-around), as the reference computes it.</summary>
    public static double[] Autocorrelation(double[] y)
    {
        // within Compute, several features need the autocorrelation of its private z-scored copy: kept per thread
        if (_computing is not null && ReferenceEquals(_computing, y))
            return _acf ??= ComputeAutocorrelation(y);
        return ComputeAutocorrelation(y);
    }

    [ThreadStatic] private static double[]? _computing; // the z-scored copy Compute is working on
    [ThreadStatic] private static double[]? _acf;       // its autocorrelation, once computed

    private static double[] ComputeAutocorrelation(double[] y)
    {
        int n = y.Length, size = 1;
        while (size < n) size <<= 1;
        size <<= 1;
        double mean = Mean(y);
        var re = new double[size];
        var im = new double[size];
        for (int i = 0; i < n; i++) re[i] = y[i] - mean;
        NeuroEngine.Signals.RadixTwoFft.Forward(re, im);
        for (int i = 0; i < size; i++) { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0; }
        NeuroEngine.Signals.RadixTwoFft.InverseUnscaled(re, im);
        double zero = re[0];
        var ac = new double[n];
        for (int k = 0; k < n; k++) ac[k] = re[k] / zero;
        return ac;
    }

    /// <summary>The lag where the autocorrelation first falls below 1/e, linearly interpolated between lags
    /// (n when it never does; 0 for a NaN series, as the reference).</summary>
    public static double FirstOneOverECrossing(double[] z)
    {
        if (z.Any(double.IsNaN)) return 0;
        var ac = Autocorrelation(z);
        double threshold = 1.0 / Math.Exp(1);
        for (int i = 0; i < z.Length - 2; i++)
            if (ac[i + 1] < threshold) return i + (threshold - ac[i]) / (ac[i + 1] - ac[i]);
        return z.Length;
    }

    /// <summary>The first lag where the autocorrelation has a strict local minimum (n when none; 0 for NaN).</summary>
    public static double FirstMinimumOfAutocorrelation(double[] z)
    {
        if (z.Any(double.IsNaN)) return 0;
        var ac = Autocorrelation(z);
        for (int i = 1; i < z.Length - 1; i++)
            if (ac[i] < ac[i - 1] && ac[i] < ac[i + 1]) return i;
        return z.Length;
    }

    /// <summary>The first minimum of the automutual information of a Gaussian, -log(1 - r_k^2) / 2 with r_k the
    /// Pearson correlation of the series with itself k steps later, over lags 1 .. min(40, (n + 1) / 2); the
    /// maximum lag when there is none (and when it is below 3). Returned lags count from 1 at lag 2, as the
    /// reference's loop does.</summary>
    public static double FirstMinimumOfGaussianAmi(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        int tau = Math.Min(40, (z.Length + 1) / 2);
        if (tau < 3) return tau;
        double Ami(int lag)
        {
            double r = LagCorrelation(z, lag);
            return -0.5 * Math.Log(1.0 - r * r);
        }
        double previous = Ami(1), current = Ami(2);
        for (int i = 1; i < tau - 1; i++)
        {
            double next = Ami(i + 2);
            if (current < previous && current < next) return i;
            previous = current;
            current = next;
        }
        return tau;
    }

    /// <summary>The first lag at which the autocorrelation is no longer positive (at most n).</summary>
    public static int FirstZeroOfAutocorrelation(double[] y)
    {
        var ac = Autocorrelation(y);
        int k = 0;
        while (k < y.Length && ac[k] > 0) k++;
        return k;
    }

    // residuals of forecasting each point by the mean of the `window` points before it
    private static double[] MeanForecastResiduals(double[] y, int window)
    {
        var res = new double[y.Length - window];
        for (int i = 0; i < res.Length; i++)
        {
            double sum = 0;
            for (int j = 0; j < window; j++) sum += y[i + j];
            res[i] = y[i + window] - sum / window;
        }
        return res;
    }

    /// <summary>Sample standard deviation of the residuals of the running-mean forecast over `window` points.</summary>
    public static double MeanForecastErrorStd(double[] z, int window)
    {
        if (z.Any(double.IsNaN) || z.Length <= window) return double.NaN;
        return SampleStd(MeanForecastResiduals(z, window));
    }

    /// <summary>First autocorrelation zero of the forecast residuals over that of the series (how much the
    /// running-mean forecast whitens it).</summary>
    public static double MeanForecastTimescaleRatio(double[] z, int window)
    {
        if (z.Any(double.IsNaN) || z.Length <= window) return double.NaN;
        return (double)FirstZeroOfAutocorrelation(MeanForecastResiduals(z, window)) / FirstZeroOfAutocorrelation(z);
    }

    /// <summary>The reference's quantile: sorted values, p below 0.5/n gives the minimum and above 1 - 0.5/n the
    /// maximum, else linear interpolation at index n p - 0.5 (0/0, so NaN, when that index is whole).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        int n = sorted.Length;
        double q = 0.5 / n;
        if (p < q) return sorted[0];
        if (p > 1 - q) return sorted[n - 1];
        double index = n * p - 0.5;
        int left = (int)Math.Floor(index), right = (int)Math.Ceiling(index);
        return sorted[left] + (index - left) * (sorted[right] - sorted[left]) / (right - left);
    }

    /// <summary>Labels 1 .. groups by equiprobable quantile bins (thresholds at p = 0, 1/g, 2/g, ..., 1 accumulated
    /// as the reference's linspace; the lowest threshold lowered by 1); label i + 1 for values in (th_i, th_(i+1)].</summary>
    public static int[] CoarseGrain(double[] y, int groups)
    {
        var sorted = y.Order().ToArray();
        var thresholds = new double[groups + 1];
        double p = 0, step = 1.0 / groups;
        for (int i = 0; i <= groups; i++) { thresholds[i] = Quantile(sorted, p); p += step; }
        thresholds[0] -= 1;
        var labels = new int[y.Length];
        for (int i = 0; i < groups; i++)
            for (int j = 0; j < y.Length; j++)
                if (y[j] > thresholds[i] && y[j] <= thresholds[i + 1]) labels[j] = i + 1;
        return labels;
    }

    /// <summary>Entropy of successive pairs of 3-letter quantile symbols: for each first letter, -sum p log p of
    /// the frequencies (over n - 1) of the letters that follow it, summed over first letters.</summary>
    public static double MotifThreeEntropy(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        var labels = CoarseGrain(z, 3);
        var pairs = new int[3, 3];
        for (int k = 0; k + 1 < z.Length; k++)
            if (labels[k] >= 1 && labels[k + 1] >= 1) pairs[labels[k] - 1, labels[k + 1] - 1]++;
        double h = 0;
        for (int i = 0; i < 3; i++)
        {
            double f = 0;
            for (int j = 0; j < 3; j++)
            {
                double a = pairs[i, j] / ((double)z.Length - 1.0);
                if (a > 0) f += a * Math.Log(a);
            }
            h += -1 * f;
        }
        return h;
    }

    /// <summary>Sum of the variances of the columns of the 3-state transition matrix of the series sampled every
    /// tau steps (tau = its first autocorrelation zero) and coarse-grained by quantile; NaN for a constant series.</summary>
    public static double TransitionMatrixDiagonalCovariance(double[] z)
    {
        if (z.Any(double.IsNaN) || z.All(v => v == z[0])) return double.NaN;
        int tau = FirstZeroOfAutocorrelation(z);
        int n = (z.Length - 1) / tau + 1;
        var down = Enumerable.Range(0, n).Select(i => z[i * tau]).ToArray();
        var labels = CoarseGrain(down, 3);
        var t = new double[3, 3];
        for (int j = 0; j + 1 < n; j++) t[labels[j] - 1, labels[j + 1] - 1] += 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) t[i, j] /= n - 1;
        double sum = 0;
        for (int c = 0; c < 3; c++)
        {
            double m = (t[0, c] + t[1, c] + t[2, c]) / 3, v = 0;
            for (int i = 0; i < 3; i++) v += (t[i, c] - m) * (t[i, c] - m);
            sum += v / 2;
        }
        return sum;
    }

    /// <summary>Automutual information at lag 2 from a 5 x 5 joint histogram: 5 equal bins from min - 0.1 to
    /// max + 0.1 (a value's bin is the first edge it is below), p log(p / (p_i p_j)) summed over filled cells.</summary>
    public static double HistogramAmi(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        const int lag = 2, bins = 5;
        double max = z.Max(), min = z.Min(), step = (max - min + 0.2) / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => min + step * i - 0.1).ToArray();
        int Bin(double v)
        {
            for (int j = 0; j <= bins; j++) if (v < edges[j]) return j;
            return 0;
        }
        var joint = new double[bins, bins]; // [bin of the later value - 1, bin of the earlier value - 1]
        int n = z.Length - lag, total = 0;
        for (int i = 0; i < n; i++)
        {
            int a = Bin(z[i]), b = Bin(z[i + lag]);
            if (a >= 1 && a <= bins && b >= 1 && b <= bins) { joint[b - 1, a - 1]++; total++; }
        }
        for (int i = 0; i < bins; i++)
            for (int j = 0; j < bins; j++) joint[j, i] /= total;
        var pi = new double[bins];
        var pj = new double[bins];
        for (int i = 0; i < bins; i++)
            for (int j = 0; j < bins; j++) { pi[i] += joint[i, j]; pj[j] += joint[i, j]; }
        double ami = 0;
        for (int i = 0; i < bins; i++)
            for (int j = 0; j < bins; j++)
                if (joint[i, j] > 0) ami += joint[i, j] * Math.Log(joint[i, j] / (pj[j] * pi[i]));
        return ami;
    }

    /// <summary>From the one-segment rectangular-window periodogram of the mean-removed series (zero-padded to
    /// the next power of two, one-sided, in angular frequency with the reference's pi = 3.14159265359): the power
    /// in the lowest fifth of the frequencies (area_5_1), or the frequency where the cumulative power first
    /// exceeds half (centroid).</summary>
    public static double RectangularSpectrumSummary(double[] z, bool centroid)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        const double pi = 3.14159265359; // the reference's constant
        int n = z.Length, nfft = 1;
        while (nfft < n) nfft <<= 1;
        double mean = Mean(z);
        var re = new double[nfft];
        var im = new double[nfft];
        for (int i = 0; i < n; i++) re[i] = z[i] - mean;
        NeuroEngine.Signals.RadixTwoFft.Forward(re, im);
        int bins = nfft / 2 + 1;
        double norm = 0;
        for (int i = 0; i < n; i++) norm += 1.0;
        double kmu = Math.Pow(Math.Sqrt(norm), 2);
        var sw = new double[bins];
        var w = new double[bins];
        for (int i = 0; i < bins; i++)
        {
            double p = Math.Pow(Math.Sqrt(re[i] * re[i] + im[i] * im[i]), 2) / kmu * 1.0;
            if (i > 0 && i < bins - 1) p *= 2;
            w[i] = 2 * pi * (i * (1.0 / nfft / 1.0));
            sw[i] = p / (2 * pi);
            if (double.IsInfinity(sw[i])) return 0;
        }
        if (centroid)
        {
            var cumulative = new double[bins];
            cumulative[0] = sw[0];
            for (int i = 1; i < bins; i++) cumulative[i] = sw[i] + cumulative[i - 1];
            double half = cumulative[bins - 1] * 0.5;
            for (int i = 0; i < bins; i++) if (cumulative[i] > half) return w[i];
            return 0;
        }
        double area = 0;
        for (int i = 0; i < bins / 5; i++) area += sw[i];
        return area * (w[1] - w[0]);
    }

    /// <summary>Fluctuation analysis of the cumulative sum (every `lag`-th point) over up to 50 log-spaced window
    /// sizes from 5 to n / 2: per size, the root mean of the squared detrending residuals (DFA) or of the squared
    /// residual ranges (rescaled range); then the split of log F against log size into two straight lines with the
    /// least total residual norm, at least 6 points each; returns the split point as a fraction of the sizes.
    /// 0 when fewer than 12 distinct sizes remain.</summary>
    public static double FluctuationScaling(double[] z, int lag, bool dfa)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        int n = z.Length;
        double low = Math.Log(5), high = Math.Log(n / 2), step = (high - low) / 49;
        var tau = new int[50];
        for (int i = 0; i < 50; i++) tau[i] = (int)Math.Round(Math.Exp(low + i * step), MidpointRounding.AwayFromZero);
        int count = 50; // remove repeats as the reference does (shifting the tail left)
        for (int i = 0; i < 49; i++)
            while (tau[i] == tau[i + 1] && i < count - 1)
            {
                for (int j = i + 1; j < 49; j++) tau[j] = tau[j + 1];
                count--;
            }
        if (count < 12) return 0;
        int m = n / lag;
        var cs = new double[m];
        cs[0] = z[0];
        for (int i = 0; i < m - 1; i++) cs[i + 1] = cs[i] + z[(i + 1) * lag];
        var logTau = new double[count];
        var logF = new double[count];
        for (int i = 0; i < count; i++)
        {
            int t = tau[i], windows = m / t;
            double sumx = 0, sumx2 = 0;
            for (int k = 0; k < t; k++) { sumx += k + 1; sumx2 += (double)(k + 1) * (k + 1); }
            double denom = t * sumx2 - sumx * sumx, fi = 0;
            for (int w = 0; w < windows; w++)
            {
                int at = w * t;
                double sumxy = 0, sumy = 0;
                for (int k = 0; k < t; k++) { sumxy += (double)(k + 1) * cs[at + k]; sumy += cs[at + k]; }
                double slope = 0, intercept = 0;
                if (denom != 0)
                {
                    slope = (t * sumxy - sumx * sumy) / denom;
                    intercept = (sumy * sumx2 - sumx * sumxy) / denom;
                }
                if (dfa)
                    for (int k = 0; k < t; k++)
                    {
                        double r = cs[at + k] - (slope * (k + 1) + intercept);
                        fi += r * r;
                    }
                else
                {
                    double r = cs[at] - (slope * 1 + intercept), max = r, min = r;
                    for (int k = 1; k < t; k++)
                    {
                        r = cs[at + k] - (slope * (k + 1) + intercept);
                        if (r > max) max = r;
                        if (r < min) min = r;
                    }
                    fi += (max - min) * (max - min);
                }
            }
            logTau[i] = Math.Log(t);
            logF[i] = Math.Log(dfa ? Math.Sqrt(fi / (windows * t)) : Math.Sqrt(fi / windows));
        }
        const int minPoints = 6;
        int splits = count - 2 * minPoints + 1;
        var error = new double[splits];
        for (int i = minPoints; i < count - minPoints + 1; i++)
        {
            var (m1, b1) = LinearFit(logTau, logF, 0, i);
            var (m2, b2) = LinearFit(logTau, logF, i - 1, count - i + 1);
            double s1 = 0, s2 = 0;
            for (int j = 0; j < i; j++) { double r = logTau[j] * m1 + b1 - logF[j]; s1 += r * r; }
            for (int j = 0; j < count - i + 1; j++) { double r = logTau[j + i - 1] * m2 + b2 - logF[j + i - 1]; s2 += r * r; }
            error[i - minPoints] = 0.0 + Math.Sqrt(s1) + Math.Sqrt(s2);
        }
        double minimum = error.Min();
        double first = 0;
        for (int i = 0; i < splits; i++)
            if (error[i] == minimum) { first = i + minPoints - 1; break; }
        return (first + 1) / count;
    }

    /// <summary>In the 2-d delay embedding (tau = first autocorrelation zero, at most n / 10), the distances between
    /// successive points; their histogram (Scott-like automatic bin count, equal bins between min and max) against
    /// the exponential density with their mean: the mean absolute difference.</summary>
    public static double EmbeddingDistanceExpFit(double[] z)
    {
        if (z.Any(double.IsNaN)) return double.NaN;
        int n = z.Length, tau = FirstZeroOfAutocorrelation(z);
        if (tau > (double)n / 10) tau = (int)Math.Floor((double)n / 10);
        int count = n - tau - 1;
        var d = new double[count];
        for (int i = 0; i < count; i++)
        {
            d[i] = Math.Sqrt((z[i + 1] - z[i]) * (z[i + 1] - z[i]) + (z[i + tau] - z[i + tau + 1]) * (z[i + tau] - z[i + tau + 1]));
            if (double.IsNaN(d[i])) return double.NaN;
        }
        double mean = Mean(d), sd = StdWithPow(d);
        if (sd < 0.001) return 0;
        double max = d.Max(), min = d.Min();
        int bins = (int)Math.Ceiling((max - min) / (3.5 * sd / Math.Pow(count, 1 / 3.0)));
        if (bins == 0) return 0;
        double width = (max - min) / bins;
        var counts = new int[bins];
        foreach (double v in d) counts[Math.Clamp((int)((v - min) / width), 0, bins - 1)]++;
        var diff = new double[bins];
        for (int i = 0; i < bins; i++)
        {
            double centre = ((i * width + min) + ((i + 1) * width + min)) * 0.5;
            double density = Math.Exp(-centre / mean) / mean;
            diff[i] = Math.Abs((double)counts[i] / count - Math.Max(density, 0));
        }
        return Mean(diff);
    }

    /// <summary>Wang's periodicity (Wang et al. 2007): detrend by the least-squares cubic spline with breaks at 0,
    /// floor(n / 2) - 1 and n - 1 (C2 at the interior break), autocorrelation (sum over n - lag) up to lag
    /// ceil(n / 3); the first peak that rises at least 0.01 above the last trough before it and is positive gives
    /// the period (the peak's index, as the reference returns it); 0 when there is none.</summary>
    public static double PeriodicityWang(double[] z)
    {
        if (z.Any(double.IsNaN)) return 0;
        int n = z.Length;
        var trend = CubicSplineFit(z, (int)Math.Floor(n / 2.0) - 1);
        var sub = z.Select((v, i) => v - trend[i]).ToArray();
        int maxLag = (int)Math.Ceiling(n / 3.0);
        var sums = LaggedProductSums(sub); // sum over i < n - lag of sub_i sub_(i+lag), by FFT
        var acf = new double[maxLag];
        for (int lag = 1; lag <= maxLag; lag++) acf[lag - 1] = sums[lag] / (n - lag);
        int lastTrough = -1;
        for (int i = 1; i <= maxLag - 2; i++)
        {
            double slopeIn = acf[i] - acf[i - 1], slopeOut = acf[i + 1] - acf[i];
            if (slopeIn < 0 && slopeOut > 0) lastTrough = i;
            else if (slopeIn > 0 && slopeOut < 0)
            {
                if (lastTrough < 0 || acf[i] - acf[lastTrough] < 0.01 || acf[i] < 0) continue;
                return i;
            }
        }
        return 0;
    }

    // sum_(i < n - lag) x_i x_(i + lag) for every lag, through a zero-padded FFT (no wrap-around)
    private static double[] LaggedProductSums(double[] x)
    {
        int n = x.Length, size = 1;
        while (size < 2 * n) size <<= 1;
        var re = new double[size];
        var im = new double[size];
        Array.Copy(x, re, n);
        NeuroEngine.Signals.RadixTwoFft.Forward(re, im);
        for (int i = 0; i < size; i++) { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0; }
        NeuroEngine.Signals.RadixTwoFft.InverseUnscaled(re, im);
        var sums = new double[n];
        for (int lag = 0; lag < n; lag++) sums[lag] = re[lag] / size;
        return sums;
    }

    // the least-squares cubic spline through (i, y_i) with knots 0, b, n - 1, C2 at b: the basis 1, t, t^2, t^3,
    // (t - t_b)^3_+ on t = i / (n - 1) (well scaled on [0, 1]), normal equations solved by Cholesky
    private static double[] CubicSplineFit(double[] y, int b)
    {
        int n = y.Length;
        double tb = (double)b / (n - 1);
        var ata = new double[5, 5];
        var aty = new double[5];
        Span<double> row = stackalloc double[5];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / (n - 1), c = Math.Max(t - tb, 0);
            row[0] = 1; row[1] = t; row[2] = t * t; row[3] = t * t * t; row[4] = c * c * c;
            for (int p = 0; p < 5; p++)
            {
                aty[p] += row[p] * y[i];
                for (int q = 0; q <= p; q++) ata[p, q] += row[p] * row[q];
            }
        }
        var l = new double[5, 5]; // Cholesky factor of A^T A
        for (int p = 0; p < 5; p++)
            for (int q = 0; q <= p; q++)
            {
                double sum = ata[p, q];
                for (int k = 0; k < q; k++) sum -= l[p, k] * l[q, k];
                l[p, q] = p == q ? Math.Sqrt(sum) : sum / l[q, q];
            }
        var w = new double[5];
        for (int p = 0; p < 5; p++) { double sum = aty[p]; for (int k = 0; k < p; k++) sum -= l[p, k] * w[k]; w[p] = sum / l[p, p]; }
        var coef = new double[5];
        for (int p = 4; p >= 0; p--) { double sum = w[p]; for (int k = p + 1; k < 5; k++) sum -= l[k, p] * coef[k]; coef[p] = sum / l[p, p]; }
        var fit = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / (n - 1), c = Math.Max(t - tb, 0);
            fit[i] = coef[0] + t * (coef[1] + t * (coef[2] + t * coef[3])) + coef[4] * c * c * c;
        }
        return fit;
    }

    // the reference's stddev: sample (n - 1), squares by pow
    private static double StdWithPow(double[] a)
    {
        double m = Mean(a), s = 0;
        foreach (double v in a) s += Math.Pow(v - m, 2);
        return Math.Sqrt(s / (a.Length - 1));
    }

    // least-squares line through (x, y)[start .. start + length), as the reference's linreg (0, 0 when singular)
    private static (double Slope, double Intercept) LinearFit(double[] x, double[] y, int start, int length)
    {
        double sumx = 0, sumx2 = 0, sumxy = 0, sumy = 0;
        for (int i = start; i < start + length; i++)
        {
            sumx += x[i];
            sumx2 += x[i] * x[i];
            sumxy += x[i] * y[i];
            sumy += y[i];
        }
        double denom = length * sumx2 - sumx * sumx;
        if (denom == 0) return (0, 0);
        return ((length * sumxy - sumx * sumy) / denom, (sumy * sumx2 - sumx * sumxy) / denom);
    }

    // Pearson correlation of x[0 .. n - lag) with x[lag .. n), each with its own mean
    private static double LagCorrelation(double[] x, int lag)
    {
        int n = x.Length - lag;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += x[i + lag]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (x[i + lag] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (x[i + lag] - my) * (x[i + lag] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

}
