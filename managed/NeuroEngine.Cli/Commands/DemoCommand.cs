using System.CommandLine;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.Cli.Report;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine demo [--out DIR]</c>: lif-neurons on built-in defaults
/// (20,000 neurons from the prior, seed 45, default settings, no voltage), then Brunel's network
/// (N = 10,000, g = 5, eta = 2, 1.2 s) against its mean-field prediction, both written to DIR with
/// one report.html. Each mode has its own default folder (demo-out, demo-out-ncpi,
/// demo-out-sbi-lif), so running them one after the other never trips on another's output.</summary>
public static class DemoCommand
{
    /// <summary>The default output folder of a mode (null: the lif-neurons and network demo).</summary>
    public static string DefaultOutput(string? pipeline) => pipeline is null ? "demo-out" : $"demo-out-{pipeline}";

    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Output folder (default: demo-out, demo-out-ncpi or demo-out-sbi-lif, one per mode; an existing folder is replaced only if it holds nothing but an earlier run of the same mode)",
            HelpName = "DIR",
        };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", HelpName = "N", DefaultValueFactory = _ => 0 };
        var pipeline = new Option<string?>("--pipeline")
        {
            Description = "Run an inference pipeline instead: ncpi (network -> FR proxy -> catch22 -> MLP) or sbi-lif (LIF prior -> NPE -> SBC, recovery, PPC)",
            HelpName = "ncpi|sbi-lif",
        };
        var simulations = new Option<int>("--simulations") { Description = "Pipelines: training simulations (default 400 for ncpi, 20,000 for sbi-lif)", HelpName = "N" };
        var epochs = new Option<int>("--epochs") { Description = "Pipelines: maximum training epochs (default 2000 for ncpi's MLP, 100 for sbi-lif's flow)", HelpName = "N" };
        var estimator = new Option<string>("--estimator") { Description = "sbi-lif: posterior estimator, mdn (default, better calibrated here) or flow", HelpName = "flow|mdn", DefaultValueFactory = _ => "mdn" };
        var noReport = ReportOptions.NoReport();
        var command = new Command("demo", "Simulate 20,000 LIF neurons sampled from the prior (seed 45) and a Brunel network (N = 10,000) against its mean field, and write both with one report.html; no files needed. With --pipeline, run an end-to-end inference pipeline")
        {
            output, threads, pipeline, simulations, epochs, estimator, noReport,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            string? name = parse.GetValue(pipeline);
            string outDir = parse.GetValue(output) ?? DefaultOutput(name is null || DemoPipelines.Names.Contains(name) ? name : null);
            if (name is not null)
            {
                int code = DemoPipelines.Run(name, outDir, parse.GetValue(threads), parse.GetValue(simulations), parse.GetValue(epochs),
                    parse.GetValue(estimator)!, context);
                ReportOptions.AfterRun(parse, noReport, outDir, context);
                return code;
            }
            var config = new LifNeuronsConfig();
            DemoNetwork.Outcome? network = null;
            var report = SimulateCommand.Run(config, outDir, parse.GetValue(threads), context, DemoNetwork.Files,
                dir => network = DemoNetwork.Run(dir, parse.GetValue(threads), context));
            PrintTable(config, report, context.Stdout);
            PrintNetwork(network!, context);
            ReportOptions.AfterRun(parse, noReport, report.OutputDir, context);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Brunel (2000) model A in the asynchronous irregular state, simulated and predicted.</summary>
    private static void PrintNetwork(DemoNetwork.Outcome network, CliContext context)
    {
        var (result, statistics, predicted) = network;
        var e = statistics[0];
        string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Title($"neuroengine demo: Brunel network (g = {F(DemoNetwork.G, "G")}, eta = {F(DemoNetwork.Eta, "G")})").AddColumn("quantity").AddColumn("value");
        table.AddRow("neurons / synapses", $"{result.Spec.Neurons:N0} / {result.Synapses:N0}");
        table.AddRow($"rate E (simulated, {F(DemoNetwork.WarmupMs, "G")}-{F(DemoNetwork.DurationMs, "G")} ms)", $"{F(e.RateHz, "F2")} Hz");
        table.AddRow("rate (mean field)", predicted is null ? "no fixed point found" : $"{F(predicted.RatesHz[0], "F2")} Hz ({predicted.Label})");
        table.AddRow("CV of ISI / Fano factor", $"{F(e.CvIsi, "F3")} / {F(e.Fano, "F3")}");
        table.AddRow("realtime factor", F(result.RealtimeFactor, "F2"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stdout) });
        console.Write(table);
    }

    private static void PrintTable(LifNeuronsConfig config, SimulateCommand.Report report, TextWriter stdout)
    {
        var counts = report.Result.SpikeCounts;
        double meanCount = counts.Average();
        double seconds = config.Settings.TMs / 1000.0;
        string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Title("neuroengine demo: lif-neurons").AddColumn("quantity").AddColumn("value");
        table.AddRow("neurons", counts.Length.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("duration", $"{F(config.Settings.TMs, "G")} ms ({report.Result.Samples} samples of {F(config.Settings.DtMs, "G")} ms)");
        table.AddRow("mean spike count", F(meanCount, "F2"));
        table.AddRow("fraction spiking", F(counts.Count(c => c > 0) / (double)counts.Length, "P1"));
        table.AddRow("mean rate", $"{F(meanCount / seconds, "F2")} Hz");
        table.AddRow("neuron-steps/s", F(report.NeuronStepsPerSecond, "0.00e+00"));
        table.AddRow("simulate time", $"{F(report.SimulateSeconds, "F3")} s");
        table.AddRow("build", Markup.Escape(EngineInfo.BuildInfo));
        table.AddRow("output", Markup.Escape(report.OutputDir));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        console.Write(table);
    }
}
