using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Simulation.Bold;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench bold --regions 80 --steps N</c>: region-steps per second of the Balloon-Windkessel
/// kernel on seeded random rates (0-20 Hz) at dt = 0.1 ms, best of --repeat runs. Prints key=value lines.</summary>
public static class BenchBoldCommand
{
    public static Command Create(CliContext context)
    {
        var regions = new Option<int>("--regions") { Description = "Regions", DefaultValueFactory = _ => 80, HelpName = "N" };
        var steps = new Option<long>("--steps") { Description = "Euler steps (dt = 0.1 ms)", DefaultValueFactory = _ => 1_000_000, HelpName = "S" };
        var repeat = new Option<int>("--repeat") { Description = "Runs; the fastest counts", DefaultValueFactory = _ => 3, HelpName = "R" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("bold", "Time the BOLD kernel on random rates; prints region-steps/s") { regions, steps, repeat, threads };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(regions), parse.GetValue(steps),
            parse.GetValue(repeat), parse.GetValue(threads), context)));
        return command;
    }

    private static int Run(int regions, long steps, int repeat, int threads, CliContext context)
    {
        if (regions < 1) throw new CliException($"--regions must be >= 1, got {regions}");
        if (steps < 1) throw new CliException($"--steps must be >= 1, got {steps}");
        if (repeat < 1) throw new CliException($"--repeat must be >= 1, got {repeat}");
        if (threads < 0) throw new CliException($"--threads must be >= 0, got {threads}");
        const long chunk = 100_000; // steps per call: the input of one chunk stays small
        var rng = new System.Random(1);
        var rates = new double[Math.Min(chunk, steps) * regions];
        for (int i = 0; i < rates.Length; i++) rates[i] = 20 * rng.NextDouble();
        double best = double.MaxValue;
        for (int run = 0; run < repeat; run++)
        {
            using var bold = new BoldModel(regions, 0.1, 2000, threads: threads);
            var sw = Stopwatch.StartNew();
            for (long done = 0; done < steps; done += chunk)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                long m = Math.Min(chunk, steps - done);
                bold.Advance(rates.AsSpan(0, (int)(m * regions)));
            }
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
        context.Stdout.WriteLine($"regions={regions}");
        context.Stdout.WriteLine($"steps={steps}");
        context.Stdout.WriteLine($"wall_s={F(best, "F3")}");
        context.Stdout.WriteLine($"region_steps_per_s={F(regions * (double)steps / best, "0.000e+00")}");
        return ExitCodes.Ok;
    }
}
