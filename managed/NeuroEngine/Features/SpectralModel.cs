using NeuroEngine.Signals;

namespace NeuroEngine.Features;

/// <summary>Settings of <see cref="SpectralModel"/>, with specparam's defaults (docs/features.md).</summary>
public sealed record SpectralModelSettings
{
    /// <summary>Limits of a peak's bandwidth (Hz); gaussian std is bounded to half of them.</summary>
    public (double Lower, double Upper) PeakWidthLimits { get; init; } = (0.5, 12.0);
    /// <summary>Most peaks (default unlimited).</summary>
    public int MaxNPeaks { get; init; } = int.MaxValue;
    /// <summary>Smallest peak height above the aperiodic fit (log10 power).</summary>
    public double MinPeakHeight { get; init; }
    /// <summary>Peak detection threshold in standard deviations of the flattened spectrum.</summary>
    public double PeakThreshold { get; init; } = 2.0;
    /// <summary>fixed (offset, exponent) or knee (offset, knee, exponent).</summary>
    public string AperiodicMode { get; init; } = "fixed";
    /// <summary>Frequency range to fit (inclusive; default the whole spectrum).</summary>
    public (double Low, double High)? FreqRange { get; init; }
}

/// <summary>A fitted peak: centre frequency (Hz), power above the aperiodic fit (log10) and bandwidth (Hz, 2 std).</summary>
public sealed record SpectralPeak(double Cf, double Pw, double Bw);

/// <summary>The parameterised spectrum: aperiodic parameters (knee NaN in fixed mode), peaks by centre frequency,
/// goodness of fit (r^2 of log power against the model) and mean absolute error (log10 power).</summary>
public sealed record SpectralModelResult(double Offset, double Knee, double Exponent, IReadOnlyList<SpectralPeak> Peaks, double RSquared,
    double ErrorMae)
{
    /// <summary>Column names of <c>features --method specparam</c>.</summary>
    public static readonly string[] Names = ["offset", "knee", "exponent", "n_peaks", "r_squared", "error_mae", "cf", "pw", "bw"];

    /// <summary>Values in the order of <see cref="Names"/>; cf, pw, bw of the highest-power peak (NaN without peaks).</summary>
    public double[] ToArray()
    {
        var top = Peaks.MaxBy(p => p.Pw);
        return [Offset, Knee, Exponent, Peaks.Count, RSquared, ErrorMae, top?.Cf ?? double.NaN, top?.Pw ?? double.NaN, top?.Bw ?? double.NaN];
    }
}

/// <summary>Power-spectrum parameterisation as specparam's SpectralModel (Donoghue et al. 2020; docs/features.md):
/// aperiodic fit, robust refit below the 0.025th percentile, iterative gaussian peak detection on the flattened
/// spectrum, a joint bounded fit of the peaks, a final aperiodic fit on the peak-removed spectrum. Least squares
/// by <see cref="CurveFit"/> (Levenberg-Marquardt, projected onto bounds) to specparam's tolerances (1e-5), so
/// results agree with specparam's scipy fits to about that precision, not to the last digit.</summary>
public static class SpectralModel
{
    private const double ApPercentile = 0.025, CfBound = 1.5, BwStdEdge = 1.0, GaussOverlap = 0.75;
    private static readonly double FwhmToStd = 2 * Math.Sqrt(2 * Math.Log(2));

    /// <summary>Fits a power spectrum (linear power &gt; 0 at uniformly spaced frequencies).</summary>
    public static SpectralModelResult Fit(double[] frequencies, double[] power, SpectralModelSettings? settings = null)
    {
        var s = settings ?? new SpectralModelSettings();
        if (frequencies.Length != power.Length) throw new ArgumentException($"{frequencies.Length} frequencies but {power.Length} powers", nameof(power));
        bool knee = s.AperiodicMode switch
        {
            "fixed" => false,
            "knee" => true,
            _ => throw new ArgumentException($"aperiodic mode must be fixed or knee, got '{s.AperiodicMode}'", nameof(settings)),
        };
        var (lower, upper) = s.PeakWidthLimits;
        if (!(lower > 0) || !(upper > lower)) throw new ArgumentException($"peak width limits must satisfy 0 < lower < upper, got ({lower}, {upper})", nameof(settings));
        if (s.MaxNPeaks < 0) throw new ArgumentException($"max_n_peaks must be >= 0, got {s.MaxNPeaks}", nameof(settings));

        // 1. the range, without 0 Hz, in log10 power
        double lo = s.FreqRange?.Low ?? double.NegativeInfinity, hi = s.FreqRange?.High ?? double.PositiveInfinity;
        var keep = Enumerable.Range(0, frequencies.Length).Where(i => frequencies[i] >= lo && frequencies[i] <= hi).ToList();
        if (keep.Count > 0 && frequencies[keep[0]] == 0) keep.RemoveAt(0);
        if (keep.Count < 3) throw new ArgumentException($"the frequency range holds {keep.Count} usable frequencies, need at least 3", nameof(frequencies));
        var f = keep.Select(i => frequencies[i]).ToArray();
        var p = keep.Select(i => Math.Log10(power[i])).ToArray();
        for (int i = 0; i < p.Length; i++)
            if (!double.IsFinite(p[i]) || !double.IsFinite(f[i]))
                throw new ArgumentException($"power at {f[i]} Hz is {power[keep[i]]}: log10 power must be finite (power > 0)", nameof(power));
        double resolution = f[1] - f[0];
        for (int i = 2; i < f.Length; i++)
            if (Math.Abs(f[i] - f[i - 1] - resolution) > 1e-6 * resolution)
                throw new ArgumentException($"frequencies must be evenly spaced; the step changes at {f[i]} Hz", nameof(frequencies));

        // 2-4. aperiodic fit, robust refit on the points below the percentile threshold of the flattened spectrum
        var initial = AperiodicFit(f, p, knee);
        var flat = Subtract(p, Aperiodic(initial, f, knee));
        for (int i = 0; i < flat.Length; i++) flat[i] = Math.Max(flat[i], 0);
        double threshold = Percentile(flat, ApPercentile);
        var mask = Enumerable.Range(0, f.Length).Where(i => flat[i] <= threshold).ToArray();
        var robust = CurveFit.Fit(ApModel(knee), mask.Select(i => f[i]).ToArray(), mask.Select(i => p[i]).ToArray(), initial);

        // 5-6. peaks on the flattened spectrum
        var flattened = Subtract(p, Aperiodic(robust, f, knee));
        var guesses = FindPeaks(f, flattened, s, resolution);
        guesses = DropEdgeAndOverlap(guesses, f);

        // 7. joint bounded fit of the gaussians
        var peaks = new List<(double Cf, double H, double Std)>();
        if (guesses.Count > 0)
        {
            var start = guesses.SelectMany(g => new[] { g.Cf, g.H, g.Std }).ToArray();
            var low = guesses.SelectMany(g => new[] { Math.Max(g.Cf - 2 * CfBound * g.Std, f[0]), 0.0, lower / 2 }).ToArray();
            var high = guesses.SelectMany(g => new[] { Math.Min(g.Cf + 2 * CfBound * g.Std, f[^1]), double.PositiveInfinity, upper / 2 }).ToArray();
            var fitted = CurveFit.Fit(Gaussians, f, flattened, start, low, high);
            for (int k = 0; k < guesses.Count; k++) peaks.Add((fitted[3 * k], fitted[3 * k + 1], fitted[3 * k + 2]));
            peaks.Sort((a, b) => a.Cf.CompareTo(b.Cf));
        }
        var peakFit = new double[f.Length];
        Gaussians(peaks.SelectMany(g => new[] { g.Cf, g.H, g.Std }).ToArray(), f, peakFit);

        // 8-9. final aperiodic fit on the peak-removed spectrum, the model, its peaks and fit quality
        var final = AperiodicFit(f, Subtract(p, peakFit), knee);
        var ap = Aperiodic(final, f, knee);
        var model = ap.Select((v, i) => v + peakFit[i]).ToArray();
        var reported = peaks.Select(g =>
        {
            int nearest = Enumerable.Range(0, f.Length).MinBy(i => Math.Abs(f[i] - g.Cf));
            return new SpectralPeak(g.Cf, model[nearest] - ap[nearest], 2 * g.Std);
        }).ToList();
        double r = FunctionalConnectivity.Pearson(p, model);
        return new SpectralModelResult(final[0], knee ? final[1] : double.NaN, knee ? final[2] : final[1], reported, r * r,
            p.Select((v, i) => Math.Abs(v - model[i])).Average());
    }

    // specparam's initial guess (offset = first log power, exponent = |slope| end to end, knee 0), then the fit
    private static double[] AperiodicFit(double[] f, double[] p, bool knee)
    {
        double exponent = Math.Abs((p[^1] - p[0]) / (Math.Log10(f[^1]) - Math.Log10(f[0])));
        double[] guess = knee ? [p[0], 0, exponent] : [p[0], exponent];
        return CurveFit.Fit(ApModel(knee), f, p, guess);
    }

    private static CurveFit.Model ApModel(bool knee) => (q, x, y) =>
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = knee ? q[0] - Math.Log10(q[1] + Math.Pow(x[i], q[2])) : q[0] - Math.Log10(Math.Pow(x[i], q[1]));
    };

    private static double[] Aperiodic(double[] q, double[] f, bool knee)
    {
        var y = new double[f.Length];
        ApModel(knee)(q, f, y);
        return y;
    }

    private static void Gaussians(double[] q, double[] x, double[] y)
    {
        Array.Clear(y);
        for (int k = 0; k + 2 < q.Length; k += 3)
            for (int i = 0; i < x.Length; i++)
                y[i] += q[k + 1] * Math.Exp(-(x[i] - q[k]) * (x[i] - q[k]) / (2 * q[k + 2] * q[k + 2]));
    }

    private static List<(double Cf, double H, double Std)> FindPeaks(double[] f, double[] flattened, SpectralModelSettings s, double resolution)
    {
        var copy = (double[])flattened.Clone();
        var guesses = new List<(double, double, double)>();
        var (lower, upper) = s.PeakWidthLimits;
        while (guesses.Count < s.MaxNPeaks)
        {
            int at = Array.IndexOf(copy, copy.Max());
            double height = copy[at];
            if (height <= s.PeakThreshold * Math.Sqrt(Descriptive.MeanVariance(copy).Variance) || height <= s.MinPeakHeight) break;
            double half = 0.5 * height;
            int? left = null, right = null;
            for (int i = at - 1; i > 0; i--) if (copy[i] <= half) { left = i; break; } // stops before index 0, as specparam
            for (int i = at + 1; i < copy.Length; i++) if (copy[i] <= half) { right = i; break; }
            double std = left is null && right is null
                ? (lower + upper) / 2
                : 2 * resolution * new[] { left, right }.Where(v => v is not null).Min(v => Math.Abs(v!.Value - at)) / FwhmToStd;
            if (std < lower / 2) std = lower / 2;
            else if (std > upper / 2) std = lower / 2; // specparam resets too-wide guesses to the LOWER limit
            guesses.Add((f[at], height, std));
            for (int i = 0; i < copy.Length; i++) copy[i] -= height * Math.Exp(-(f[i] - f[at]) * (f[i] - f[at]) / (2 * std * std));
        }
        return guesses;
    }

    private static List<(double Cf, double H, double Std)> DropEdgeAndOverlap(List<(double Cf, double H, double Std)> guesses, double[] f)
    {
        var kept = guesses.Where(g => Math.Abs(g.Cf - f[0]) > BwStdEdge * g.Std && Math.Abs(g.Cf - f[^1]) > BwStdEdge * g.Std)
            .OrderBy(g => g.Cf).ToList();
        var drop = new HashSet<int>();
        for (int k = 0; k + 1 < kept.Count; k++)
            if (kept[k].Cf + GaussOverlap * kept[k].Std > kept[k + 1].Cf - GaussOverlap * kept[k + 1].Std)
                drop.Add(kept[k].H < kept[k + 1].H ? k : k + 1);
        return kept.Where((_, k) => !drop.Contains(k)).ToList();
    }

    private static double[] Subtract(double[] a, double[] b) => a.Select((v, i) => v - b[i]).ToArray();

    // numpy.percentile with linear interpolation, q in percent
    private static double Percentile(double[] x, double q)
    {
        var sorted = x.Order().ToArray();
        double rank = q / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
