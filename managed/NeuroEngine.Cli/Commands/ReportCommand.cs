using System.CommandLine;
using NeuroEngine.Cli.Report;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine report DIR</c>: (re)writes DIR/report.html from the files of a finished or
/// running output folder (simulate, demo, explore, optimize, infer train, infer diagnose).</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Output folder of simulate, demo, explore, optimize, infer train or infer diagnose" };
        var command = new Command("report", "Write DIR/report.html (a self-contained HTML report with plots) from an output folder") { dir };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            context.Stdout.WriteLine($"wrote {RunReport.Write(parse.GetValue(dir)!)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
