using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Cli.Commands;
using NeuroEngine.Search;
using Spectre.Console;

namespace NeuroEngine.Cli.Search;

/// <summary>Progress of a search on stderr: a bar with the generation, best value and evaluations per
/// second when stderr is a terminal; otherwise (batch jobs, logs) one line per generation, at most
/// every 5 seconds, and the last one.</summary>
internal static class SearchProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with a progress sink; <paramref name="afterGeneration"/>
    /// (e.g. refreshing the report) is called after each reported generation.</summary>
    public static void Run(CliContext context, string label, Action<IProgress<SearchProgress>> work, Action<SearchProgress>? afterGeneration = null)
    {
        if (!context.Interactive)
        {
            var since = Stopwatch.StartNew();
            var lines = new LineProgress(p =>
            {
                afterGeneration?.Invoke(p);
                if (since.Elapsed.TotalSeconds < 5 && p.Evaluations < p.Budget) return;
                since.Restart();
                context.Stderr.WriteLine($"{label}: {Describe(p)}");
            });
            work(lines);
            return;
        }
        ProgressDisplay.WithBar(context, label, task =>
        {
            work(new LineProgress(p =>
            {
                task.Description = Markup.Escape($"{label}: {Describe(p)}");
                task.Value = Math.Clamp((double)p.Evaluations / p.Budget, 0, 1);
                afterGeneration?.Invoke(p);
            }));
            return 0;
        });
    }

    public static string Describe(SearchProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        string best = p.FrontSize > 0 ? $"front {p.FrontSize}" : double.IsFinite(p.Best) ? $"best {p.Best.ToString("G5", c)}" : "best -";
        string failed = p.Failed > 0 ? $", {p.Failed} failed" : "";
        return $"generation {p.Generation}, {p.Evaluations}/{p.Budget} evaluations{failed}, {best}, {p.EvaluationsPerSecond.ToString("G3", c)} evaluations/s";
    }

    // reports synchronously (Progress<T> would post to the thread pool and reorder lines)
    private sealed class LineProgress(Action<SearchProgress> report) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value) => report(value);
    }
}
