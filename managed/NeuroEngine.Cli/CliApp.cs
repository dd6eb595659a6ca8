using System.CommandLine;
using System.CommandLine.Invocation;
using NeuroEngine.Cli.Commands;

namespace NeuroEngine.Cli;

/// <summary>The <c>neuroengine</c> command line, callable in-process (tests) or from <see cref="Program"/>.</summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command. Returns the exit code:
    /// 0 success, 1 internal failure, 2 bad input or usage, 130 cancelled.</summary>
    /// <param name="interactive">Whether stderr is a terminal (progress bars); false in tests.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false,
        CancellationToken cancellationToken = default)
    {
        var context = new CliContext(stdout, stderr, interactive, cancellationToken);
        var root = BuildRoot(context);
        try
        {
            var parse = root.Parse(args);
            if (parse.Action is ParseErrorAction)
            {
                string errors = parse.Errors.Count > 0 ? string.Join(" ", parse.Errors.Select(e => e.Message)) : "invalid command line";
                stderr.WriteLine($"error: {errors} (see neuroengine --help)");
                return ExitCodes.BadInput;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, stderr);
        }
    }

    /// <summary>The root command with all subcommands.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("neuroengine: fast, reproducible simulation of neural circuits and inference of their parameters (LIF neurons and networks, mean field, neural mass models (neuroengine models), BOLD, signal features, inverse models, parameter search, HTML reports; SIMD C kernels)")
        {
            SimulateCommand.Create(context),
            ModelsCommand.Create(context),
            DemoCommand.Create(context),
            BenchCommand.Create(context),
            MeanfieldCommand.Create(context),
            BoldCommand.Create(context),
            ProxyCommand.Create(context),
            FeaturesCommand.Create(context),
            InferCommand.Create(context),
            SearchCommand.Create(context, explore: true),
            SearchCommand.Create(context, explore: false),
            RunsCommand.Create(context),
            ReportCommand.Create(context),
        };
        foreach (var option in root.Options)
            if (option is VersionOption version) version.Action = new VersionAction(context);
        return root;
    }

    /// <summary>One line: managed version, native version and build facts.</summary>
    public static string VersionLine() =>
        $"neuroengine {EngineInfo.ManagedVersion} (native {EngineInfo.NativeVersion}) {EngineInfo.BuildInfo}";

    private sealed class VersionAction(CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) =>
            CliErrors.Guard(context.Stderr, () => { context.Stdout.WriteLine(VersionLine()); return ExitCodes.Ok; });
    }
}
