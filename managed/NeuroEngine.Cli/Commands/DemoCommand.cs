using System.CommandLine;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.Cli.Report;
using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine demo [--out DIR]</c>: lif-neurons on built-in defaults
/// (20,000 neurons from the prior, seed 45, default settings, no voltage, written to DIR), then
/// Brunel's network (N = 10,000, g = 5, eta = 2, 1 s) against its mean-field prediction.</summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Output folder (replaced if it holds only an earlier run's outputs)", HelpName = "DIR",
            DefaultValueFactory = _ => "demo-out",
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
        var command = new Command("demo", "Simulate 20,000 LIF neurons sampled from the prior (seed 45) and a Brunel network (N = 10,000) and summarise; no files needed. With --pipeline, run an end-to-end inference pipeline")
        {
            output, threads, pipeline, simulations, epochs, estimator, noReport,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            if (parse.GetValue(pipeline) is { } name)
            {
                int code = DemoPipelines.Run(name, parse.GetValue(output)!, parse.GetValue(threads), parse.GetValue(simulations), parse.GetValue(epochs),
                    parse.GetValue(estimator)!, context);
                ReportOptions.AfterRun(parse, noReport, parse.GetValue(output)!, context);
                return code;
            }
            var config = new LifNeuronsConfig();
            var report = SimulateCommand.Run(config, parse.GetValue(output)!, parse.GetValue(threads), context);
            PrintTable(config, report, context.Stdout);
            PrintNetwork(parse.GetValue(threads), context);
            ReportOptions.AfterRun(parse, noReport, report.OutputDir, context);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Brunel (2000) model A in the asynchronous irregular state, simulated and predicted.</summary>
    private static void PrintNetwork(int threads, CliContext context)
    {
        var spec = StandardNetworks.Brunel(10_000, g: 5, eta: 2);
        using var sim = LifNetworkSimulation.Single(spec, 1234, threads: threads);
        var result = ProgressDisplay.Run(context, "lif-network (Brunel, 10,000 neurons)", p => sim.Run(1200, p, context.Cancellation)[0]);
        var e = SpikeTrainStatistics.Of(result, 0, 200);
        var model = new LifMeanFieldModel
        {
            C = new double[,] { { 800, 200 }, { 800, 200 } }, J = new double[,] { { 0.1, -0.5 }, { 0.1, -0.5 } },
            JExt = [0.1, 0.1], CExt = [800, 800], NuExtHz = [spec.Drives[0].RateHz, spec.Drives[0].RateHz],
            TauMMs = [20, 20], TauSMs = [0, 0], Threshold = [20, 20], Reset = [10, 10], TauRefMs = [2, 2],
        };
        var predicted = new MeanFieldSolver(model).Solve([[10.0, 10.0]]).FirstOrDefault(f => f.Converged);
        string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Title("neuroengine demo: Brunel network (g = 5, eta = 2)").AddColumn("quantity").AddColumn("value");
        table.AddRow("neurons / synapses", $"{spec.Neurons:N0} / {result.Synapses:N0}");
        table.AddRow("rate E (simulated, 200-1200 ms)", $"{F(e.RateHz, "F2")} Hz");
        table.AddRow("rate (mean field)", predicted is null ? "no fixed point found" : $"{F(predicted.RatesHz[0], "F2")} Hz ({predicted.Label})");
        table.AddRow("CV of ISI / Fano factor", $"{F(e.CvIsi, "F3")} / {F(e.Fano, "F3")}");
        table.AddRow("realtime factor", F(result.DurationMs / 1000.0 / result.WallSeconds, "F2"));
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
