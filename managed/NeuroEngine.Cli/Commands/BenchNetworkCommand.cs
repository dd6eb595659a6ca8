using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench lif-network --model brunel|coba ...</c>: wall time of the simulation
/// loop of a reference network (connectivity generation timed apart), printed as key=value lines
/// that benchmarks/reference/run_lif_network.sh parses.</summary>
public static class BenchNetworkCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "brunel (Brunel 2000 model A, delta synapses) or coba (Vogels-Abbott conductance benchmark)", DefaultValueFactory = _ => "brunel", HelpName = "NAME" };
        var neurons = new Option<int>("--neurons") { Description = "Neurons (default 10000 for brunel, 4000 for coba)", HelpName = "N" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time (ms)", DefaultValueFactory = _ => 1000.0, HelpName = "T" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var g = new Option<double>("--g") { Description = "Brunel: relative inhibition", DefaultValueFactory = _ => 5.0, HelpName = "G" };
        var eta = new Option<double>("--eta") { Description = "Brunel: external rate / threshold rate", DefaultValueFactory = _ => 2.0, HelpName = "ETA" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of connectivity and dynamics", DefaultValueFactory = _ => 1, HelpName = "S" };
        var precision = new Option<string>("--precision") { Description = "float64 or float32 state", DefaultValueFactory = _ => "float64", HelpName = "P" };
        var batch = new Option<int>("--batch") { Description = "Also time K Brunel networks (g = G, G + 0.25, ...) as one batch against K separate runs", DefaultValueFactory = _ => 1, HelpName = "K" };
        var command = new Command("lif-network", "Time a Brunel or COBA network; prints wall time, realtime factor, synaptic events/s, rates, CV and Fano factor")
        {
            model, neurons, duration, threads, g, eta, seed, batch, precision,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(model)!, parse.GetValue(neurons),
            parse.GetValue(duration), parse.GetValue(threads), parse.GetValue(g), parse.GetValue(eta), parse.GetValue(seed), parse.GetValue(batch), parse.GetValue(precision)!, context)));
        return command;
    }

    private static int Run(string model, int neurons, double durationMs, int threads, double g, double eta, ulong seed, int batch,
        string precisionName, CliContext context)
    {
        var precision = precisionName switch
        {
            "float64" => NetworkPrecision.Float64,
            "float32" => NetworkPrecision.Float32,
            _ => throw new CliException($"--precision must be float64 or float32, got '{precisionName}'"),
        };
        if (batch < 1) throw new CliException($"--batch must be >= 1, got {batch}");
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        if (!double.IsFinite(durationMs) || durationMs <= 0) throw new CliException($"--duration-ms must be > 0, got {durationMs}");
        LifNetworkSpec spec;
        try
        {
            spec = model switch
            {
                "brunel" => StandardNetworks.Brunel(neurons == 0 ? 10_000 : neurons, g, eta),
                "coba" => StandardNetworks.Coba(neurons == 0 ? 4000 : neurons),
                _ => throw new CliException($"--model must be brunel or coba, got '{model}'"),
            };
        }
        catch (ArgumentException ex) { throw new CliException("--" + ex.Message); }
        spec = spec with { Precision = precision };

        var setup = Stopwatch.StartNew();
        using var sim = LifNetworkSimulation.Single(spec, seed, threads: threads);
        double setupSeconds = setup.Elapsed.TotalSeconds;
        var result = sim.Run(durationMs, null, context.Cancellation)[0];
        double wall = Math.Max(result.WallSeconds, 1e-9);

        var outDegree = sim.OutDegrees();
        double recurrent = 0;
        for (int i = 0; i < outDegree.Length; i++) recurrent += result.NeuronSpikeCounts[i] * (double)outDegree[i];
        double external = spec.Drives.Sum(d => d.TotalRateHz * spec.Populations[spec.IndexOf(d.To)].Size) * result.DurationMs / 1000.0;
        double warmup = Math.Min(200, result.DurationMs / 5);
        var e = SpikeTrainStatistics.Of(result, 0, warmup);

        var o = context.Stdout;
        void Line(string key, double value, string format = "G6") => o.WriteLine($"{key}={value.ToString(format, CultureInfo.InvariantCulture)}");
        o.WriteLine("engine=neuroengine");
        o.WriteLine($"model={model}");
        o.WriteLine($"neurons={spec.Neurons}");
        o.WriteLine($"threads={(threads == 0 ? Environment.ProcessorCount : threads)}");
        o.WriteLine($"precision={precisionName}");
        o.WriteLine($"synapses={result.Synapses}");
        Line("sim_seconds", result.DurationMs / 1000.0);
        Line("setup_s", setupSeconds, "0.000###");
        Line("wall_s", wall, "0.000###");
        Line("realtime_factor", result.DurationMs / 1000.0 / wall, "F4");
        Line("synaptic_events_per_s", (recurrent + external) / wall, "0.000e+00");
        Line("rate_hz_E", e.RateHz, "F3");
        Line("rate_hz_I", SpikeTrainStatistics.Of(result, 1, warmup).RateHz, "F3");
        Line("cv_isi", e.CvIsi, "F4");
        Line("fano", e.Fano, "F4");
        if (batch > 1) BatchGain(spec, model, neurons, durationMs, threads, g, eta, seed, batch, context, Line);
        return ExitCodes.Ok;
    }

    /// <summary>K Brunel networks with different g: one batched handle against K separate handles run
    /// one after another (both include connectivity generation, which the batch does once).</summary>
    private static void BatchGain(LifNetworkSpec spec, string model, int neurons, double durationMs, int threads, double g, double eta,
        ulong seed, int batch, CliContext context, Action<string, double, string> line)
    {
        if (model != "brunel") throw new CliException("--batch is implemented for --model brunel");
        var specs = Enumerable.Range(0, batch).Select(k => StandardNetworks.Brunel(neurons == 0 ? 10_000 : neurons, g + 0.25 * k, eta)).ToArray();
        var seeds = Enumerable.Range(0, batch).Select(k => seed + (ulong)k).ToArray();
        var together = Stopwatch.StartNew();
        using (var sim = new LifNetworkSimulation(specs, seed, seeds, threads: threads))
            sim.Run(durationMs, null, context.Cancellation);
        double batchSeconds = together.Elapsed.TotalSeconds;
        var apart = Stopwatch.StartNew();
        for (int k = 0; k < batch; k++)
        {
            using var sim = new LifNetworkSimulation([specs[k]], seed, [seeds[k]], threads: threads);
            sim.Run(durationMs, null, context.Cancellation);
        }
        double separateSeconds = apart.Elapsed.TotalSeconds;
        context.Stdout.WriteLine($"batch_networks={batch}");
        line("batch_wall_s", batchSeconds, "F3");
        line("separate_wall_s", separateSeconds, "F3");
        line("batch_gain", separateSeconds / batchSeconds, "F2");
    }
}
