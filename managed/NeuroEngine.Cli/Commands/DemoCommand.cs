using System.CommandLine;
using System.Globalization;
using NeuroEngine.Cli.Config;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine demo [--out DIR]</c>: lif-neurons on built-in defaults
/// (20,000 neurons from the prior, seed 45, default settings, no voltage).</summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "Output folder (replaced if it holds only an earlier run's outputs)", HelpName = "DIR",
            DefaultValueFactory = _ => "demo-out",
        };
        var threads = new Option<int>("--threads") { Description = "OpenMP threads (0 = all cores)", HelpName = "N", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Simulate 20,000 LIF neurons sampled from the prior (seed 45) and summarise; no files needed")
        {
            output, threads,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            var config = new LifNeuronsConfig();
            var report = SimulateCommand.Run(config, parse.GetValue(output)!, parse.GetValue(threads), context);
            PrintTable(config, report, context.Stdout);
            return ExitCodes.Ok;
        }));
        return command;
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
