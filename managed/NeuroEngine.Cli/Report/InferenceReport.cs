using System.Text.Json.Nodes;
using NeuroEngine.Plots;

namespace NeuroEngine.Cli.Report;

/// <summary>Plots of inference outputs: loss curves of a trained model (model.json), recovery
/// (truth against estimate), SBC rank histograms with the uniform band, expected coverage, PPC.</summary>
internal static class InferenceReport
{
    public static void Add(HtmlReport report, string folder)
    {
        if (File.Exists(Path.Combine(folder, "model.json")) && JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "model.json"))) is JsonObject model)
        {
            report.Section("Model");
            var pairs = model.Where(p => p.Value is JsonValue).Select(p => (p.Key, p.Value!.ToJsonString().Trim('"'))).ToList();
            report.KeyValues(pairs);
            if (model["training"] is JsonObject training)
            {
                var curves = training.Where(p => p.Key.Contains("loss", StringComparison.Ordinal) && p.Value is JsonArray a && a.Count > 1 && a.All(v => v is JsonValue))
                    .Select(p => new Series(p.Key, Enumerable.Range(1, ((JsonArray)p.Value!).Count).Select(i => (double)i).ToArray(),
                        ((JsonArray)p.Value!).Select(v => (double)v!).ToArray())).ToList();
                if (curves.Count > 0) report.Plot(LinePlot.Render("Training", "epoch", "loss", curves));
                report.KeyValues(training.Where(p => p.Value is JsonValue).Select(p => (p.Key, p.Value!.ToJsonString().Trim('"'))));
            }
        }
        var recovery = RunReport.Csv(folder, "recovery.csv", ["parameter"]);
        var points = RunReport.Csv(folder, "recovery_points.csv");
        if (recovery is not null)
        {
            var names = File.ReadLines(Path.Combine(folder, "recovery.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
            report.Section("Recovery").Table(["parameter", "R^2", "normalised RMSE"],
                recovery.Rows.Select((r, i) => (IReadOnlyList<string>)[names[i], RunReport.F(r[0]), RunReport.F(r[1])]));
            if (points is not null)
                report.Plots(names.Where(n => points.IndexOf(n + "_true") >= 0).Select(n => ScatterPlot.Render(n, "true", "estimate",
                    [new Series("held-out rows", RunReport.Column(points, points.IndexOf(n + "_true")), RunReport.Column(points, points.IndexOf(n + "_estimate")))],
                    identityLine: true, width: 420, height: 340)));
        }
        var ranks = RunReport.Csv(folder, "sbc_ranks.csv");
        var sbc = RunReport.Csv(folder, "sbc.csv", ["parameter"]);
        if (ranks is not null && sbc is not null && ranks.Rows.Length > 0)
        {
            int draws = (int)sbc.Rows[0][0];
            const int bins = 20;
            // the band where a uniform histogram's bin counts fall with 99% probability (binomial, normal approximation)
            double p = 1.0 / bins, expected = ranks.Rows.Length * p, sd = Math.Sqrt(ranks.Rows.Length * p * (1 - p));
            report.Section("Simulation-based calibration").Plots(Enumerable.Range(1, ranks.Columns.Length - 1).Select(j => HistogramPlot.Render(
                $"{ranks.Columns[j]}: SBC ranks (p = {RunReport.F(sbc.Rows[j - 1][2])})", "rank", RunReport.Column(ranks, j), bins, (0, draws + 1),
                (Math.Max(0, expected - 2.576 * sd), expected + 2.576 * sd), width: 420, height: 300)));
        }
        var coverage = RunReport.Csv(folder, "coverage.csv");
        if (coverage is not null && coverage.Rows.Length > 0)
        {
            var levels = RunReport.Column(coverage, 0);
            var series = Enumerable.Range(1, coverage.Columns.Length - 1).Select(j => new Series(coverage.Columns[j], levels, RunReport.Column(coverage, j))).ToList();
            series.Add(new Series("nominal", levels, levels));
            report.Section("Expected coverage").Plot(LinePlot.Render("Coverage of the central credible intervals", "credible level", "fraction of true values inside", series, yRange: (0, 1)));
        }
        var ppc = RunReport.Csv(folder, "ppc.csv");
        if (ppc is not null && ppc.Rows.Length > 0)
            report.Section("Posterior predictive checks").Table(ppc.Columns.Skip(1).Select(c => "mean " + c).ToArray(),
                [Enumerable.Range(1, ppc.Columns.Length - 1).Select(j => RunReport.F(RunReport.Column(ppc, j).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())).ToArray()]);
    }
}
