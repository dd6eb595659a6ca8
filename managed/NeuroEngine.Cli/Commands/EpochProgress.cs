using System.Globalization;
using NeuroEngine.Inference;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary>Training progress: on a terminal a bar over the epochs whose label shows the epoch,
/// training loss and validation value; otherwise one stderr line every 10 epochs (scripts and logs
/// see it advance without a flood).</summary>
public static class EpochProgress
{
    public static T Run<T>(CliContext context, string label, Func<IProgress<EpochReport>, T> work)
    {
        if (!context.Interactive) return work(new LineProgress(context.Stderr, label));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stderr) });
        return console.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1.0);
                var result = work(new BarProgress(task, label));
                task.Value = 1.0;
                return result;
            });
    }

    public static string Describe(EpochReport r) =>
        $"epoch {r.Epoch}/{r.MaxEpochs} loss {r.TrainLoss.ToString("G4", CultureInfo.InvariantCulture)}" +
        (double.IsNaN(r.ValidationValue) ? "" : $" {r.ValidationName} {r.ValidationValue.ToString("G4", CultureInfo.InvariantCulture)}");

    private sealed class BarProgress(ProgressTask task, string label) : IProgress<EpochReport>
    {
        public void Report(EpochReport r)
        {
            task.Description = Markup.Escape($"{label}: {Describe(r)}");
            task.Value = Math.Clamp(r.Epoch / (double)r.MaxEpochs, 0, 1);
        }
    }

    private sealed class LineProgress(TextWriter stderr, string label) : IProgress<EpochReport>
    {
        public void Report(EpochReport r)
        {
            if (r.Epoch == 1 || r.Epoch % 10 == 0) stderr.WriteLine($"{label}: {Describe(r)}");
        }
    }
}
