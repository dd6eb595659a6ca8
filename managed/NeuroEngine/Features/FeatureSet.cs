using NeuroEngine.Signals;

namespace NeuroEngine.Features;

/// <summary>The feature sets of <c>neuroengine features</c> as one C# entry point, computed over many series in
/// parallel (the result does not depend on the thread count: each series is computed alone).</summary>
public static class FeatureSet
{
    /// <summary>The sets this entry point computes.</summary>
    public static readonly string[] Methods = ["psd", "specparam", "catch22", "catch24"];

    /// <summary>Computes <paramref name="method"/> (psd: Welch power per frequency; specparam: the spectral model of
    /// each series' Welch spectrum as ncpi computes it: nperseg = fs / 2, 1-45 Hz unless the settings say otherwise;
    /// catch22 / catch24: <see cref="Catch22.Compute"/>, fs unused).</summary>
    /// <param name="method">psd, specparam, catch22 or catch24.</param>
    /// <param name="series">The series, each at least 2 samples.</param>
    /// <param name="fs">Sampling rate (Hz).</param>
    /// <param name="names">Row names (default series_0, series_1, ...).</param>
    /// <param name="welch">Welch options for psd (Fs is set from <paramref name="fs"/>).</param>
    /// <param name="specparam">Settings for specparam.</param>
    /// <param name="threads">Parallel series (0 = all cores).</param>
    public static FeatureTable Compute(string method, IReadOnlyList<double[]> series, double fs, IReadOnlyList<string>? names = null,
        WelchOptions? welch = null, SpectralModelSettings? specparam = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (!Methods.Contains(method)) throw new ArgumentException($"method must be one of {string.Join(", ", Methods)}, got '{method}'", nameof(method));
        if (names is not null && names.Count != series.Count) throw new ArgumentException($"{names.Count} names for {series.Count} series", nameof(names));
        if (threads < 0) throw new ArgumentException($"threads must be >= 0, got {threads}", nameof(threads));
        var rows = new double[series.Count][];
        var frequencies = new double[series.Count][]; // psd: each series' frequency grid
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        var errors = new string?[series.Count];
        Parallel.For(0, series.Count, options, i =>
        {
            try
            {
                if (method is "catch22" or "catch24")
                    rows[i] = Catch22.Compute(series[i], method == "catch24");
                else if (method == "psd")
                {
                    (frequencies[i], rows[i]) = Welch.Compute(series[i], (welch ?? new WelchOptions()) with { Fs = fs });
                }
                else
                {
                    var (f, p) = Welch.Compute(series[i], new WelchOptions { Fs = fs, Nperseg = Math.Max(1, (int)(0.5 * fs)) });
                    var keep = Enumerable.Range(0, f.Length).Where(k => f[k] > 0 && p[k] > 0).ToArray();
                    var settings = specparam ?? new SpectralModelSettings();
                    rows[i] = SpectralModel.Fit(keep.Select(k => f[k]).ToArray(), keep.Select(k => p[k]).ToArray(),
                        settings.FreqRange is null ? settings with { FreqRange = (1, 45) } : settings).ToArray();
                }
            }
            catch (ArgumentException ex) { errors[i] = ex.Message; }
        });
        int bad = Array.FindIndex(errors, e => e is not null);
        if (bad >= 0) throw new ArgumentException($"series {(names?[bad] ?? bad.ToString())}: {errors[bad]}", nameof(series));
        if (method == "psd" && rows.Any(r => r.Length != rows[0].Length))
            throw new ArgumentException("psd needs series of one length (their spectra must share frequencies)", nameof(series));
        return new FeatureTable(names ?? Enumerable.Range(0, series.Count).Select(i => $"series_{i}").ToArray(),
            method switch
            {
                "psd" => series.Count > 0 ? frequencies[0].Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [],
                "catch22" => Catch22.Names.Take(22).ToArray(),
                "catch24" => Catch22.Names,
                _ => SpectralModelResult.Names,
            }, rows);
    }
}
