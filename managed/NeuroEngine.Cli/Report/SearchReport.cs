using System.Text.Json;
using NeuroEngine.Plots;
using NeuroEngine.Search;

namespace NeuroEngine.Cli.Report;

/// <summary>Plots of an explore or optimize run: the objective over evaluations and generations, a
/// heatmap of the objective over the first two parameters, the Pareto front of several objectives,
/// and the best evaluations.</summary>
internal static class SearchReport
{
    private const int HeatmapBins = 16;

    public static void Add(HtmlReport report, string folder)
    {
        using var store = RunStore.Open(Path.Combine(folder, RunStore.FileName));
        var space = store.GetSpace();
        var all = store.Evaluations();
        if (space is null) { report.Section("Search").Paragraph("The run store holds no parameter space yet."); return; }
        string[] objectives = store.GetConfig("objectives") is { } o ? JsonSerializer.Deserialize<string[]>(o)! : ["objective_0"];
        var ok = all.Where(e => e.Status == EvaluationStatus.Ok && e.Objectives.Length == objectives.Length && e.Objectives.All(double.IsFinite)).ToList();
        var front = objectives.Length > 1 ? RunStore.FrontOf(ok) : null;
        report.Section($"Search ({store.GetConfig("command")} {store.GetConfig("optimizer")})").KeyValues([
            ("evaluations", $"{all.Count(e => e.Status != EvaluationStatus.Running)} of {store.GetConfig("budget")} ({all.Count(e => e.Status == EvaluationStatus.Failed)} failed, {all.Count(e => e.Status == EvaluationStatus.Running)} in flight)"),
            ("generations", store.FinishedGenerations().ToString()),
            ("seed", store.GetConfig("seed") ?? "-"),
            ("started", store.GetConfig("started_utc") ?? "-"),
            ("finished", store.GetConfig("finished_utc") ?? "(running or stopped)"),
            ("time", Commands.RunsCommand.Timing(all)),
            ("engine", store.GetConfig("engine") ?? "-"),
        ]);
        if (store.GetConfig("config") is { } config) report.Details("config", config);
        if (ok.Count == 0) { report.Paragraph("No evaluation has finished yet."); return; }

        // a positive objective spanning three decades or more is shown as its log10
        bool log = objectives.Length == 1 && ok.All(e => e.Objectives[0] > 0) && ok.Max(e => e.Objectives[0]) > 1000 * ok.Min(e => e.Objectives[0]);
        double Shown(double v) => log ? Math.Log10(v) : v;
        string label = log ? $"log10 {objectives[0]}" : objectives[0];
        if (objectives.Length == 1)
        {
            var generations = store.Generations().Where(g => double.IsFinite(g.Best)).ToList();
            var plots = new List<string>
            {
                ScatterPlot.Render($"{objectives[0]} of every evaluation", "evaluation", label,
                    [new Series("finished", ok.Select(e => (double)e.Id).ToArray(), ok.Select(e => Shown(e.Objectives[0])).ToArray())]),
            };
            if (generations.Count > 0)
                plots.Insert(0, LinePlot.Render($"Best {objectives[0]} so far", "generation", label,
                    [new Series("best", generations.Select(g => (double)g.Generation).ToArray(), generations.Select(g => Shown(g.Best)).ToArray())]));
            report.Section("Progress").Plots(plots);
        }
        else
        {
            report.Section("Pareto front").Plot(ScatterPlot.Render($"{objectives[0]} against {objectives[1]}", objectives[0], objectives[1],
            [
                new Series("all evaluations", ok.Select(e => e.Objectives[0]).ToArray(), ok.Select(e => e.Objectives[1]).ToArray()),
                new Series($"front ({front!.Count})", front.Select(e => e.Objectives[0]).ToArray(), front.Select(e => e.Objectives[1]).ToArray()),
            ], joinPoints: false), "objectives are minimised (a maximised metric appears negated)");
        }
        if (space.Dimension >= 2) report.Section("Parameter space").Plot(Heatmap(space, ok, label, Shown),
            $"mean {label} of the evaluations in each cell ({HeatmapBins} x {HeatmapBins} cells; grey: none)");
        else report.Section("Parameter space").Plot(ScatterPlot.Render($"{objectives[0]} over {space.Parameters[0].Name}", AxisLabel(space.Parameters[0]), label,
            [new Series("evaluations", ok.Select(e => Axis(space.Parameters[0], e.Parameters[0])).ToArray(), ok.Select(e => Shown(e.Objectives[0])).ToArray())]));
        if (space.Dimension >= 3 && ok.Count >= 10) report.Plot(Projection(ok, front?.Select(e => e.Id).ToHashSet(), objectives[0]),
            "the evaluated points (unit-cube coordinates) projected on their first two principal components");
        var best = (front ?? ok.OrderBy(e => e.Objectives[0]).ThenBy(e => e.Id).ToList()).Take(10).ToList();
        var metricNames = best.SelectMany(e => e.Metrics.Keys).Distinct().ToList();
        report.Section(objectives.Length > 1 ? "Front (first 10)" : "Best evaluations").Table(
            ["id", .. objectives, .. space.Names, .. metricNames],
            best.Select(e => (IReadOnlyList<string>)[e.Id.ToString(), .. e.Objectives.Select(RunReport.F),
                .. space.Parameters.Select((p, j) => p.Kind == ParameterKind.Categorical ? p.Format(e.Parameters[j]) : RunReport.F(e.Parameters[j])),
                .. metricNames.Select(m => e.Metrics.TryGetValue(m, out double v) ? RunReport.F(v) : "-")]));
    }

    // PCA of the evaluated unit-cube points (neversim's projection plot): the best tenth (or the
    // Pareto front) against the rest
    private static string Projection(IReadOnlyList<EvaluationRecord> ok, HashSet<long>? front, string objective)
    {
        int d = ok[0].Unit.Length, n = ok.Count;
        var mean = new double[d];
        foreach (var e in ok) for (int j = 0; j < d; j++) mean[j] += e.Unit[j] / n;
        var covariance = new double[d, d];
        foreach (var e in ok)
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) covariance[a, b] += (e.Unit[a] - mean[a]) * (e.Unit[b] - mean[b]) / n;
        var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(covariance).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        // eigenvalues ascending: the last two columns are the leading components
        var pc1 = evd.EigenVectors.Column(d - 1);
        var pc2 = evd.EigenVectors.Column(d - 2);
        double threshold = ok.Select(e => e.Objectives[0]).Order().ElementAt(Math.Max(0, n / 10 - 1));
        bool Good(EvaluationRecord e) => front is not null ? front.Contains(e.Id) : e.Objectives[0] <= threshold;
        Series Group(string name, IEnumerable<EvaluationRecord> members)
        {
            var list = members.ToList();
            return new Series(name, list.Select(e => Enumerable.Range(0, d).Sum(j => (e.Unit[j] - mean[j]) * pc1[j])).ToArray(),
                list.Select(e => Enumerable.Range(0, d).Sum(j => (e.Unit[j] - mean[j]) * pc2[j])).ToArray());
        }
        return ScatterPlot.Render("Evaluations in their first two principal components", "PC 1", "PC 2",
            [Group("others", ok.Where(e => !Good(e))), Group(front is not null ? "Pareto front" : $"best tenth by {objective}", ok.Where(Good))]);
    }

    private static string AxisLabel(SearchParameter p) => p.Kind == ParameterKind.Log ? $"log10 {p.Name}" : p.Name;

    private static double Axis(SearchParameter p, double value) => p.Kind == ParameterKind.Log ? Math.Log10(value) : value;

    private static (double, double) AxisRange(SearchParameter p) => p.Kind == ParameterKind.Log
        ? (Math.Log10(p.Low), Math.Log10(p.High)) : p.Kind is ParameterKind.Int or ParameterKind.Categorical ? (p.Low - 0.5, p.High + 0.5) : (p.Low, p.High);

    // mean objective per cell of the unit square of the first two parameters
    private static string Heatmap(ParameterSpace space, IReadOnlyList<EvaluationRecord> ok, string objective, Func<double, double> shown)
    {
        var sum = new double[HeatmapBins, HeatmapBins];
        var count = new int[HeatmapBins, HeatmapBins];
        foreach (var e in ok)
        {
            int cx = Math.Min(HeatmapBins - 1, (int)(Math.Clamp(e.Unit[0], 0, 1) * HeatmapBins));
            int cy = Math.Min(HeatmapBins - 1, (int)(Math.Clamp(e.Unit[1], 0, 1) * HeatmapBins));
            sum[cy, cx] += shown(e.Objectives[0]);
            count[cy, cx]++;
        }
        var mean = new double[HeatmapBins, HeatmapBins];
        for (int r = 0; r < HeatmapBins; r++)
            for (int c = 0; c < HeatmapBins; c++) mean[r, c] = count[r, c] > 0 ? sum[r, c] / count[r, c] : double.NaN;
        var px = space.Parameters[0];
        var py = space.Parameters[1];
        return HeatmapPlot.Render($"{objective} over {px.Name} and {py.Name}", AxisLabel(px), AxisLabel(py), mean, objective,
            x: AxisRange(px), y: AxisRange(py), rowsUp: true, width: 600);
    }
}
