using System.CommandLine;
using NeuroEngine.Cli.Commands;

namespace NeuroEngine.Cli.Report;

/// <summary>The report options of the commands: <c>--no-report</c> for commands that write an output
/// folder (report.html goes into it), <c>--report FILE</c> for commands whose output is one file.</summary>
internal static class ReportOptions
{
    public static Option<bool> NoReport() => new("--no-report") { Description = "Do not write report.html into the output folder" };

    public static Option<string?> ReportFile() => new("--report") { Description = "Also write a self-contained HTML report of the output to FILE", HelpName = "FILE" };

    /// <summary>Adds --no-report to a command that writes the folder <paramref name="folder"/> and sets its
    /// action: <paramref name="body"/>, then DIR/report.html.</summary>
    public static void SetFolderAction(Command command, CliContext context, Func<ParseResult, int> body, Func<ParseResult, string> folder)
    {
        var noReport = NoReport();
        command.Options.Add(noReport);
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            int code = body(parse);
            AfterRun(parse, noReport, folder(parse), context);
            return code;
        }));
    }

    /// <summary>Adds --report FILE to a command whose output is the file <paramref name="outputFile"/> and
    /// sets its action: <paramref name="body"/>, then the report when asked for.</summary>
    public static void SetFileAction(Command command, CliContext context, Func<ParseResult, int> body, Func<ParseResult, string> outputFile,
        Func<ParseResult, string> title)
    {
        var report = ReportFile();
        command.Options.Add(report);
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            int code = body(parse);
            AfterFile(parse, report, outputFile(parse), title(parse), context);
            return code;
        }));
    }

    /// <summary>Writes DIR/report.html unless --no-report was given.</summary>
    public static void AfterRun(ParseResult parse, Option<bool> noReport, string folder, CliContext context)
    {
        if (!parse.GetValue(noReport)) RunReport.WriteAfterRun(folder, context);
    }

    /// <summary>Writes the --report FILE of a one-file output, if asked for.</summary>
    public static void AfterFile(ParseResult parse, Option<string?> report, string outputFile, string title, CliContext context)
    {
        if (parse.GetValue(report) is not { } path) return;
        if (string.IsNullOrWhiteSpace(path)) throw new CliException("--report must name a file");
        FileReport.Build(outputFile, title).Write(path);
    }
}
