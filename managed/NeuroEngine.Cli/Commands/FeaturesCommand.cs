using System.CommandLine;
using NeuroEngine.Cli.Report;
using System.Globalization;
using NeuroEngine.Features;
using NeuroEngine.IO;
using NeuroEngine.Signals;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine features --method NAME --in FILE --out FILE.csv</c> (docs/features.md): one row per series
/// (or per population for spikes), first column <c>series</c>, then the features.</summary>
public static class FeaturesCommand
{
    private static readonly string[] Methods = ["spikes", "psd", "specparam", "catch22", "catch24"];

    public static Command Create(CliContext context)
    {
        var method = new Option<string>("--method") { Description = "catch22, catch24, psd, specparam or spikes", Required = true, HelpName = "NAME" };
        var input = new Option<string>("--in") { Description = "CSV with a header, one series per column (t_ms: the time axis), or one number per line; for spikes a spike file (neuron,t_ms)", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out", "-o") { Description = "CSV: series, then the features (written atomically)", Required = true, HelpName = "FILE.csv" };
        var populations = new Option<string?>("--populations") { Description = "spikes: populations.csv (population,first,size)", HelpName = "FILE" };
        var duration = new Option<double?>("--duration-ms") { Description = "spikes: length of the recording (ms)", HelpName = "T" };
        var bin = new Option<double>("--bin-ms") { Description = "spikes: bin width for Fano factor, correlations, synchrony", DefaultValueFactory = _ => 50.0, HelpName = "MS" };
        var seed = new Option<ulong>("--seed") { Description = "spikes: seed of the random pairs for corr", DefaultValueFactory = _ => 1UL, HelpName = "N" };
        var fs = new Option<double?>("--fs") { Description = "psd: sampling rate (Hz); default 1000 / step of t_ms", HelpName = "HZ" };
        var nperseg = new Option<int?>("--nperseg") { Description = "psd: segment length (default 256, as scipy.signal.welch)", HelpName = "N" };
        var noverlap = new Option<int?>("--noverlap") { Description = "psd: overlap (default nperseg / 2)", HelpName = "N" };
        var window = new Option<string>("--window") { Description = "psd: hann, hamming, blackman or boxcar", DefaultValueFactory = _ => "hann", HelpName = "NAME" };
        var detrend = new Option<string>("--detrend") { Description = "psd: constant, linear or none", DefaultValueFactory = _ => "constant", HelpName = "KIND" };
        var scaling = new Option<string>("--scaling") { Description = "psd: density or spectrum", DefaultValueFactory = _ => "density", HelpName = "KIND" };
        var threads = new Option<int>("--threads") { Description = "Series in parallel (0 = all cores)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var freqRange = new Option<string?>("--freq-range") { Description = "specparam: LO,HI Hz (default: the whole spectrum; series: 1,45 as ncpi)", HelpName = "LO,HI" };
        var apMode = new Option<string>("--aperiodic-mode") { Description = "specparam: fixed or knee", DefaultValueFactory = _ => "fixed", HelpName = "MODE" };
        var maxPeaks = new Option<int?>("--max-n-peaks") { Description = "specparam: most peaks (default unlimited)", HelpName = "N" };
        var widths = new Option<string>("--peak-width-limits") { Description = "specparam: LO,HI Hz", DefaultValueFactory = _ => "0.5,12", HelpName = "LO,HI" };
        var threshold = new Option<double>("--peak-threshold") { Description = "specparam: in std of the flattened spectrum", DefaultValueFactory = _ => 2.0, HelpName = "X" };
        var minHeight = new Option<double>("--min-peak-height") { Description = "specparam: log10 power above the aperiodic fit", DefaultValueFactory = _ => 0.0, HelpName = "X" };
        var command = new Command("features", "Features of series or spike trains, one row per series or population")
        {
            method, input, output, populations, duration, bin, seed, fs, nperseg, noverlap, window, detrend, scaling,
            freqRange, apMode, maxPeaks, widths, threshold, minHeight, threads,
        };
        int Dispatch(ParseResult parse)
        {
            string m = parse.GetValue(method)!;
            if (!Methods.Contains(m)) throw new CliException($"--method must be one of {string.Join(", ", Methods)}, got '{m}'");
            if (m is "catch22" or "catch24")
                return RunCatch22(parse.GetValue(input)!, parse.GetValue(output)!, m == "catch24", parse.GetValue(threads), context);
            if (m == "specparam")
            {
                var limits = Pair(parse.GetValue(widths)!, "--peak-width-limits");
                return RunSpecparam(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(fs), parse.GetValue(freqRange), new SpectralModelSettings
                {
                    AperiodicMode = parse.GetValue(apMode)!, MaxNPeaks = parse.GetValue(maxPeaks) ?? int.MaxValue, PeakWidthLimits = limits,
                    PeakThreshold = parse.GetValue(threshold), MinPeakHeight = parse.GetValue(minHeight),
                }, context);
            }
            if (m == "psd")
                return RunPsd(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(fs), new WelchOptions
                {
                    Nperseg = parse.GetValue(nperseg), Noverlap = parse.GetValue(noverlap), Window = parse.GetValue(window)!,
                    Detrend = parse.GetValue(detrend)!, Scaling = parse.GetValue(scaling)!,
                }, context);
            return Run(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(populations), parse.GetValue(duration), parse.GetValue(bin),
                parse.GetValue(seed), context);
        }
        ReportOptions.SetFileAction(command, context, Dispatch, parse => parse.GetValue(output)!, parse => $"features ({parse.GetValue(method)})");
        return command;
    }

    // catch22 / catch24 per series (parallel over series), canonical names and order
    private static int RunCatch22(string inPath, string outPath, bool catch24, int threads, CliContext context)
    {
        var (names, series, _) = SeriesFile.Read(inPath, "--in");
        var table = Compute(inPath, () => FeatureSet.Compute(catch24 ? "catch24" : "catch22", series, 1.0, names, threads: threads));
        string full = WriteTable(outPath, table);
        context.Stdout.WriteLine($"wrote {full}: {(catch24 ? "catch24" : "catch22")} of {table.Series.Count} series");
        return ExitCodes.Ok;
    }

    private static (double, double) Pair(string text, string option)
    {
        var parts = text.Split(',');
        if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double b) || !(a < b))
            throw new CliException($"{option} must be LO,HI with LO < HI, got '{text}'");
        return (a, b);
    }

    // specparam: spectra (first column freq_hz) fitted here, or series through FeatureSet (Welch as ncpi)
    private static int RunSpecparam(string inPath, string outPath, double? fsOption, string? rangeText, SpectralModelSettings settings, CliContext context)
    {
        settings = settings with { FreqRange = rangeText is null ? null : Pair(rangeText, "--freq-range") };
        FeatureTable table;
        string? first = File.Exists(inPath) ? File.ReadLines(inPath).FirstOrDefault() : null;
        if (first is not null && first.Split(',')[0].Trim() == "freq_hz")
        {
            NumericCsv spectra;
            try { spectra = NumericCsv.Read(inPath); }
            catch (InvalidDataException ex) { throw new CliException("--in " + ex.Message); }
            var f = spectra.Rows.Select(r => r[0]).ToArray();
            var rows = new double[spectra.Columns.Length - 1][];
            for (int c = 1; c < spectra.Columns.Length; c++)
            {
                try { rows[c - 1] = SpectralModel.Fit(f, spectra.Rows.Select(r => r[c]).ToArray(), settings).ToArray(); }
                catch (ArgumentException ex) { throw new CliException($"--in {inPath}, spectrum '{spectra.Columns[c]}': {CliErrors.Message(ex)}"); }
            }
            table = new FeatureTable(spectra.Columns.Skip(1).ToArray(), SpectralModelResult.Names, rows);
        }
        else
        {
            var (names, series, dtMs) = SeriesFile.Read(inPath, "--in");
            double fs = SamplingRate(fsOption, dtMs, inPath);
            table = Compute(inPath, () => FeatureSet.Compute("specparam", series, fs, names, specparam: settings));
        }
        string full = WriteTable(outPath, table);
        context.Stdout.WriteLine($"wrote {full}: specparam fits of {table.Series.Count} spectra ({settings.AperiodicMode})");
        return ExitCodes.Ok;
    }

    // psd: Welch's estimate per series; columns named by their frequency in Hz
    private static int RunPsd(string inPath, string outPath, double? fsOption, WelchOptions options, CliContext context)
    {
        var (names, series, dtMs) = SeriesFile.Read(inPath, "--in");
        double fs = SamplingRate(fsOption, dtMs, inPath);
        var table = Compute(inPath, () => FeatureSet.Compute("psd", series, fs, names, welch: options));
        string full = WriteTable(outPath, table);
        context.Stdout.WriteLine($"wrote {full}: Welch spectra of {table.Series.Count} series, {table.Names.Count} frequencies (fs {fs.ToString("G6", CultureInfo.InvariantCulture)} Hz)");
        return ExitCodes.Ok;
    }

    // --fs, else 1000 / the step of the file's t_ms column
    private static double SamplingRate(double? fsOption, double? dtMs, string inPath)
    {
        double fs = fsOption ?? (dtMs is { } dt ? 1000.0 / dt : throw new CliException($"--fs HZ is required: {inPath} has no t_ms column"));
        if (!(fs > 0) || !double.IsFinite(fs)) throw new CliException($"--fs must be > 0, got {fs.ToString(CultureInfo.InvariantCulture)}");
        return fs;
    }

    private static FeatureTable Compute(string inPath, Func<FeatureTable> compute)
    {
        try { return compute(); }
        catch (ArgumentException ex) { throw new CliException($"--in {inPath}: {CliErrors.Message(ex)}"); }
    }

    // series, then the features; written atomically
    private static string WriteTable(string outPath, FeatureTable table) => AtomicFile.Write(outPath, temp =>
    {
        using var csv = new CsvTableWriter(temp, ["series", .. table.Names]);
        for (int i = 0; i < table.Series.Count; i++)
        {
            csv.Field(table.Series[i]);
            foreach (double v in table.Values[i]) csv.Field(v);
            csv.EndRow();
        }
    });

    private static int Run(string inPath, string outPath, string? populationsPath, double? durationMs, double binMs, ulong seed,
        CliContext context)
    {
        if (populationsPath is null) throw new CliException("--populations FILE (population,first,size) is required for --method spikes");
        if (durationMs is not { } duration || !(duration > 0)) throw new CliException($"--duration-ms T > 0 is required for --method spikes, got {durationMs}");
        if (!(binMs > 0) || binMs > duration) throw new CliException($"--bin-ms must be in (0, {duration.ToString(CultureInfo.InvariantCulture)}], got {binMs.ToString(CultureInfo.InvariantCulture)}");
        var populations = PopulationsFile.Read(populationsPath, "--populations");
        NumericCsv spikes;
        try { spikes = NumericCsv.Read(inPath); }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException) { throw new CliException("--in " + ex.Message); }
        int neuronColumn = spikes.IndexOf("neuron"), timeColumn = spikes.IndexOf("t_ms");
        if (neuronColumn < 0 || timeColumn < 0) throw new CliException($"--in {inPath}: needs the columns neuron and t_ms (a network run's spikes.csv)");
        var neurons = new int[spikes.Rows.Length];
        var times = new double[spikes.Rows.Length];
        for (int s = 0; s < neurons.Length; s++)
        {
            double id = spikes.Rows[s][neuronColumn];
            if (id < 0 || id != Math.Floor(id) || id > int.MaxValue) throw new CliException($"--in {inPath} data row {s + 1}: neuron {id} is not a neuron id");
            neurons[s] = (int)id;
            times[s] = spikes.Rows[s][timeColumn];
            if (times[s] < 0 || times[s] > duration)
                throw new CliException($"--in {inPath} data row {s + 1}: spike at {times[s].ToString(CultureInfo.InvariantCulture)} ms lies outside [0, --duration-ms {duration.ToString(CultureInfo.InvariantCulture)}]");
        }
        var table = new FeatureTable(populations.Select(p => p.Name).ToArray(), SpikeStatistics.Names,
            populations.Select(p => SpikeStatistics.Compute(neurons, times, p.First, p.Size, duration, binMs, seed).ToArray()).ToArray());
        string full = WriteTable(outPath, table);
        context.Stdout.WriteLine($"wrote {full}: spike statistics of {table.Series.Count} populations from {neurons.Length} spikes in {duration.ToString("G6", CultureInfo.InvariantCulture)} ms");
        return ExitCodes.Ok;
    }
}
