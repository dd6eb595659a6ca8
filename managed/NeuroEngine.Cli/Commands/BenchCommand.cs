using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.Simulation;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench lif-neurons ...</c>: throughput of the batched LIF kernel.
/// The last line is <c>neuron_steps_per_s=&lt;best&gt;</c> for scripts.</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var bench = new Command("bench", "Measure engine throughput");
        bench.Add(CreateLif(context));
        bench.Add(BenchNetworkCommand.Create(context));
        bench.Add(BenchMassCommand.Create(context));
        bench.Add(BenchBoldCommand.Create(context));
        bench.Add(BenchSignalsCommand.Create(context));
        bench.Add(BenchInferenceCommand.Create(context));
        bench.Add(BenchSearchCommand.Create(context));
        return bench;
    }

    private static Command CreateLif(CliContext context)
    {
        var neurons = new Option<int>("--neurons") { Description = "Neurons in the batch", DefaultValueFactory = _ => 1_000_000, HelpName = "N" };
        var tMs = new Option<double>("--t-ms") { Description = "Simulated duration (ms), dt = 0.2 ms", DefaultValueFactory = _ => 200.0, HelpName = "T" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the prior draw and the noise", DefaultValueFactory = _ => 45, HelpName = "S" };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs after the warm-up runs", DefaultValueFactory = _ => 3, HelpName = "R" };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first (the JIT's tiers and the GC's heap settle over the first few)", DefaultValueFactory = _ => 5, HelpName = "W" };
        var noNoise = new Option<bool>("--no-noise") { Description = "Set I_std and obs_noise_std to 0 (no random numbers drawn)" };
        var command = new Command("lif-neurons", "Batched single LIF neurons (no voltage, no spike times); prints neuron-steps/s per run")
        {
            neurons, tMs, threads, seed, repeat, warmup, noNoise,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(
            parse.GetValue(neurons), parse.GetValue(tMs), parse.GetValue(threads), parse.GetValue(seed),
            parse.GetValue(repeat), parse.GetValue(warmup), parse.GetValue(noNoise), context)));
        return command;
    }

    private static int Run(int neurons, double tMs, int threads, ulong seed, int repeat, int warmup, bool noNoise, CliContext context)
    {
        if (neurons < 1) throw new CliException($"--neurons must be >= 1, got {neurons}");
        if (repeat < 1) throw new CliException($"--repeat must be >= 1, got {repeat}");
        if (warmup < 0) throw new CliException($"--warmup must be >= 0, got {warmup}");
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        var settings = new LifSettings { TMs = tMs };
        if (noNoise) settings = settings with { IStd = 0, ObsNoiseStd = 0 };
        var options = new LifRunOptions { Seed = seed, Threads = threads, VoltageEvery = 0, MaxSpikesPerNeuron = 0, MaxMemoryBytes = 0, ChunkSteps = 1000 };
        try { settings.Validate(); }
        catch (ArgumentException ex)
        {
            throw new CliException(LifNeuronsConfig.Translate(ex).Replace("settings.T_ms", "--t-ms").Replace("settings.dt_ms", "dt"));
        }
        var parameters = LifPrior.Default.Sample(neurons, seed);
        var stdout = context.Stdout;
        stdout.WriteLine($"bench lif-neurons: {neurons} neurons, T = {tMs.ToString(CultureInfo.InvariantCulture)} ms, " +
            $"{settings.Samples} samples, threads = {(threads == 0 ? "all" : threads.ToString(CultureInfo.InvariantCulture))}, " +
            $"noise = {(noNoise ? "off" : "on")}; {EngineInfo.BuildInfo}");
        double best = 0;
        for (int run = 1 - warmup; run <= repeat; run++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            var result = LifNeuronBatch.Simulate(parameters, settings, options, null, context.Cancellation);
            double seconds = Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
            double rate = (double)neurons * result.Samples / seconds;
            if (run <= 0)
            {
                stdout.WriteLine($"warm-up {run + warmup}/{warmup}: {seconds.ToString("F3", CultureInfo.InvariantCulture)} s");
                continue;
            }
            best = Math.Max(best, rate);
            stdout.WriteLine($"run {run}/{repeat}: {seconds.ToString("F3", CultureInfo.InvariantCulture)} s, " +
                $"{rate.ToString("0.00e+00", CultureInfo.InvariantCulture)} neuron-steps/s, mean spike count {result.SpikeCounts.Average().ToString("F2", CultureInfo.InvariantCulture)}");
        }
        stdout.WriteLine($"neuron_steps_per_s={best.ToString("F0", CultureInfo.InvariantCulture)}");
        return ExitCodes.Ok;
    }
}
