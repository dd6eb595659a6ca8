using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Features;
using NeuroEngine.Signals;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench signals</c>: the signal layer on the workloads of the README's signal benchmark - Welch spectra of
/// 1,000 series of 2,000 samples (scipy's defaults, fs 1 kHz), specparam on those spectra, catch22 of those
/// series, and the convolution of
/// a 200,000-sample rate with kernels of 100 and 1,000 taps - as work per second, best of --repeat runs, series in
/// parallel over --threads. Prints key=value lines (benchmarks/reference/run_signals.sh sets them beside scipy).</summary>
public static class BenchSignalsCommand
{
    public static Command Create(CliContext context)
    {
        var series = new Option<int>("--series") { Description = "Series for Welch and specparam", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var length = new Option<int>("--length") { Description = "Samples per series", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var repeat = new Option<int>("--repeat") { Description = "Runs; the fastest counts", DefaultValueFactory = _ => 3, HelpName = "R" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = all cores)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("signals", "Time Welch, specparam and convolution; prints work per second") { series, length, repeat, threads };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(series), parse.GetValue(length), parse.GetValue(repeat),
            parse.GetValue(threads), context)));
        return command;
    }

    private static int Run(int count, int length, int repeat, int threads, CliContext context)
    {
        if (count < 1 || length < 10 || repeat < 1 || threads < 0)
            throw new CliException($"--series >= 1, --length >= 10, --repeat >= 1 and --threads >= 0 are required, got {count}, {length}, {repeat}, {threads}");
        int workers = threads == 0 ? Environment.ProcessorCount : threads;
        var rng = new System.Random(1);
        // AR(1) series with a 10 Hz rhythm: spectra with a 1/f-like background and a peak
        var data = Enumerable.Range(0, count).Select(_ =>
        {
            var x = new double[length];
            for (int i = 1; i < length; i++) x[i] = 0.9 * x[i - 1] + rng.NextDouble() - 0.5 + 0.3 * Math.Sin(2 * Math.PI * 10 * i / 1000.0);
            return x;
        }).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        double Best(Action work)
        {
            double best = double.MaxValue;
            for (int r = 0; r < repeat; r++)
            {
                var sw = Stopwatch.StartNew();
                work();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            return best;
        }
        var spectra = new (double[] F, double[] P)[count];
        double welch = Best(() => Parallel.For(0, count, options, i => spectra[i] = Welch.Compute(data[i], new WelchOptions { Fs = 1000 })));
        var settings = new SpectralModelSettings { FreqRange = (1, 100), MaxNPeaks = 3 };
        double specparam = Best(() => Parallel.For(0, count, options, i => SpectralModel.Fit(spectra[i].F, spectra[i].P, settings)));
        double catch22 = Best(() => Parallel.For(0, count, options, i => Catch22.Compute(data[i])));
        var rate = Enumerable.Range(0, 200_000).Select(_ => rng.NextDouble()).ToArray();
        var shortKernel = Enumerable.Range(0, 100).Select(i => Math.Exp(-i / 20.0)).ToArray();
        var longKernel = Enumerable.Range(0, 1000).Select(i => Math.Exp(-i / 200.0)).ToArray();
        double convShort = Best(() => Convolution.Convolve(rate, shortKernel, ConvolveMode.Same, ConvolveMethod.Auto, threads));
        double convLong = Best(() => Convolution.Convolve(rate, longKernel, ConvolveMode.Same, ConvolveMethod.Auto, threads));
        string F(double x) => x.ToString("0.000e+00", CultureInfo.InvariantCulture);
        var o = context.Stdout;
        o.WriteLine($"threads={workers}");
        o.WriteLine($"welch_series_per_s={F(count / welch)}");
        o.WriteLine($"specparam_spectra_per_s={F(count / specparam)}");
        o.WriteLine($"catch22_series_per_s={F(count / catch22)}");
        o.WriteLine($"convolve_100_samples_per_s={F(rate.Length / convShort)}");
        o.WriteLine($"convolve_1000_samples_per_s={F(rate.Length / convLong)}");
        return ExitCodes.Ok;
    }
}
