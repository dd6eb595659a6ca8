using MathNet.Numerics.IntegralTransforms;

namespace NeuroEngine.Signals;

/// <summary>Options of <see cref="Welch"/>, with scipy.signal.welch's defaults (as ncpi uses them; docs/features.md):
/// periodic Hann window, 256-sample segments (the whole series when shorter), half overlap, FFT length =
/// segment length, constant (mean) detrending, one-sided density scaling, mean over segments.</summary>
public sealed record WelchOptions
{
    /// <summary>Sampling rate (Hz); the frequencies are k fs / nfft.</summary>
    public double Fs { get; init; } = 1.0;
    /// <summary>Window: hann (default), hamming, blackman or boxcar, periodic as scipy's get_window.</summary>
    public string Window { get; init; } = "hann";
    /// <summary>Segment length (default 256, capped to the series length as scipy does with a warning).</summary>
    public int? Nperseg { get; init; }
    /// <summary>Overlap in samples (default nperseg / 2).</summary>
    public int? Noverlap { get; init; }
    /// <summary>FFT length &gt;= nperseg (default nperseg; longer pads with zeros).</summary>
    public int? Nfft { get; init; }
    /// <summary>constant (subtract each segment's mean, default), linear (its least-squares line) or none.</summary>
    public string Detrend { get; init; } = "constant";
    /// <summary>density (V^2/Hz, default) or spectrum (V^2).</summary>
    public string Scaling { get; init; } = "density";
    /// <summary>mean (default) or median (with scipy's bias correction) over segments.</summary>
    public string Average { get; init; } = "mean";
}

/// <summary>Welch's power spectral density estimate, as scipy.signal.welch computes it (one-sided, real input).</summary>
public static class Welch
{
    /// <summary>Frequencies (Hz) and power of <paramref name="x"/>.</summary>
    public static (double[] Frequencies, double[] Power) Compute(ReadOnlySpan<double> x, WelchOptions? options = null)
    {
        var o = options ?? new WelchOptions();
        if (x.Length < 1) throw new ArgumentException("the series is empty", nameof(x));
        for (int i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i])) throw new ArgumentException($"sample {i} is {x[i]}, must be finite", nameof(x));
        if (!(o.Fs > 0) || !double.IsFinite(o.Fs)) throw new ArgumentException($"fs must be > 0, got {o.Fs}", nameof(options));
        int nperseg = Math.Min(o.Nperseg ?? 256, x.Length);
        if (nperseg < 1) throw new ArgumentException($"nperseg must be >= 1, got {o.Nperseg}", nameof(options));
        int noverlap = o.Noverlap ?? nperseg / 2;
        if (noverlap < 0 || noverlap >= nperseg) throw new ArgumentException($"noverlap must be in [0, nperseg = {nperseg}), got {noverlap}", nameof(options));
        int nfft = o.Nfft ?? nperseg;
        if (nfft < nperseg) throw new ArgumentException($"nfft must be >= nperseg = {nperseg}, got {nfft}", nameof(options));
        if (o.Detrend is not ("constant" or "linear" or "none")) throw new ArgumentException($"detrend must be constant, linear or none, got '{o.Detrend}'", nameof(options));
        if (o.Average is not ("mean" or "median")) throw new ArgumentException($"average must be mean or median, got '{o.Average}'", nameof(options));
        var window = Window(o.Window, nperseg);
        double sumSquares = 0, sum = 0;
        foreach (double w in window) { sumSquares += w * w; sum += w; }
        double scale = o.Scaling switch
        {
            "density" => 1.0 / (o.Fs * sumSquares),
            "spectrum" => 1.0 / (sum * sum),
            _ => throw new ArgumentException($"scaling must be density or spectrum, got '{o.Scaling}'", nameof(options)),
        };
        int step = nperseg - noverlap, segments = (x.Length - noverlap) / step, bins = nfft / 2 + 1;
        bool median = o.Average == "median";
        var perSegment = median ? new double[segments][] : null;
        var result = new double[bins];
        bool powerOfTwo = (nfft & (nfft - 1)) == 0;   // our radix-2 FFT; other lengths through MathNet's
        var buffer = new double[nfft + 2]; // MathNet's real FFT: nfft samples in, bins complex values out (interleaved)
        var re = powerOfTwo ? new double[nfft] : null;
        var im = powerOfTwo ? new double[nfft] : null;
        var segment = new double[nperseg];
        for (int s = 0; s < segments; s++)
        {
            x.Slice(s * step, nperseg).CopyTo(segment);
            RemoveTrend(segment, o.Detrend);
            Array.Clear(buffer);
            if (powerOfTwo)
            {
                Array.Clear(re!);
                Array.Clear(im!);
                for (int i = 0; i < nperseg; i++) re![i] = segment[i] * window[i];
                RadixTwoFft.Forward(re!, im!);
                for (int k = 0; k < bins; k++) { buffer[2 * k] = re![k]; buffer[2 * k + 1] = im![k]; }
            }
            else
            {
                for (int i = 0; i < nperseg; i++) buffer[i] = segment[i] * window[i];
                Fourier.ForwardReal(buffer, nfft, FourierOptions.NoScaling);
            }
            var p = median ? perSegment![s] = new double[bins] : null;
            for (int k = 0; k < bins; k++)
            {
                double a = buffer[2 * k], b = buffer[2 * k + 1];
                double power = (a * a + b * b) * scale;
                // one-sided: every bin but DC and (for even nfft) Nyquist holds its negative twin too
                power = k == 0 || (nfft % 2 == 0 && k == nfft / 2) ? power : 2 * power;
                if (p is not null) p[k] = power; else result[k] += power;
            }
        }
        for (int k = 0; k < bins; k++)
            result[k] = median ? Descriptive.Median(perSegment!.Select(p => p[k]).ToArray()) / MedianBias(segments) : result[k] / segments;
        var frequencies = Enumerable.Range(0, bins).Select(k => k * o.Fs / nfft).ToArray();
        return (frequencies, result);
    }

    /// <summary>scipy's get_window(name, n) with fftbins=True: the periodic (DFT-even) form.</summary>
    public static double[] Window(string name, int n)
    {
        Func<double, double> shape = name switch
        {
            "hann" or "hanning" => t => 0.5 - 0.5 * Math.Cos(2 * Math.PI * t),
            "hamming" => t => 0.54 - 0.46 * Math.Cos(2 * Math.PI * t),
            "blackman" => t => 0.42 - 0.5 * Math.Cos(2 * Math.PI * t) + 0.08 * Math.Cos(4 * Math.PI * t),
            "boxcar" or "rectangular" => _ => 1.0,
            _ => throw new ArgumentException($"window must be hann, hamming, blackman or boxcar, got '{name}'", nameof(name)),
        };
        return Enumerable.Range(0, n).Select(i => n == 1 ? 1.0 : shape((double)i / n)).ToArray();
    }

    private static void RemoveTrend(double[] s, string detrend)
    {
        int n = s.Length;
        if (detrend == "constant")
        {
            double mean = s.Average();
            for (int i = 0; i < n; i++) s[i] -= mean;
        }
        else if (detrend == "linear" && n > 1)
        {
            double tm = (n - 1) / 2.0, ym = s.Average(), sxy = 0, sxx = 0;
            for (int i = 0; i < n; i++) { sxy += (i - tm) * (s[i] - ym); sxx += (i - tm) * (i - tm); }
            double slope = sxy / sxx;
            for (int i = 0; i < n; i++) s[i] -= ym + slope * (i - tm);
        }
    }

    // scipy's bias of the median of n chi-square(2) values: 1 + sum_{i=1..(n-1)/2} (1/(2i + 1) - 1/(2i))
    private static double MedianBias(int n)
    {
        double bias = 0;
        int m = (n - 1) / 2;
        for (int i = 1; i <= m; i++) bias += 1.0 / (2 * i + 1) - 1.0 / (2 * i);
        return 1 + bias;
    }
}
