using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary>Shows the progress of long work on stderr: a Spectre.Console bar when stderr is a
/// terminal, nothing otherwise (scripts and tests see clean output).</summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, giving it a progress sink (fraction 0..1).</summary>
    public static T Run<T>(CliContext context, string label, Func<IProgress<double>?, T> work) =>
        context.Interactive ? WithBar(context, label, task => work(new TaskProgress(task))) : work(null);

    /// <summary>Runs <paramref name="work"/> under a bar on stderr (a terminal); the work sets the
    /// task's value (0..1) and may change its description.</summary>
    public static T WithBar<T>(CliContext context, string label, Func<ProgressTask, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stderr) });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                var result = work(task);
                task.Value = 1.0;
                return result;
            });
    }

    private sealed class TaskProgress(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1);
    }
}

/// <summary>Where a command writes, whether stderr is a terminal, and the Ctrl+C token.</summary>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, bool Interactive, CancellationToken Cancellation);
