using System.Text.Json;
using NeuroEngine.Plots;
using NeuroEngine.Signals;
using NeuroEngine.Simulation;

namespace NeuroEngine.Cli.Report;

/// <summary>Plots of a whole-brain run (a built-in model or a model file): activity, a model file's network outputs,
/// BOLD, simulated and empirical FC, a sweep's fits.</summary>
internal static class MassReport
{
    private const int NodesShown = 6, ActivityNodes = 3;
    private const double ActivityWindowMs = 10_000;

    public static void Add(HtmlReport report, string folder, JsonElement json)
    {
        var activity = RunReport.Csv(folder, "activity.csv");
        if (activity is not null && activity.Rows.Length > 0)
        {
            // the first 10 s (a whole run of minutes is a solid block at this width)
            var rows = activity.Rows.Where(r => r[0] <= activity.Rows[0][0] + ActivityWindowMs).ToArray();
            var t = rows.Select(r => r[0]).ToArray();
            string variable = activity.Columns[1][..activity.Columns[1].LastIndexOf('_')];
            var columns = Enumerable.Range(1, activity.Columns.Length - 1).Where(j => activity.Columns[j].StartsWith(variable + "_", StringComparison.Ordinal)).ToArray();
            var series = new List<Series> { new($"mean over {columns.Length} nodes", t, rows.Select(r => columns.Average(j => r[j])).ToArray()) };
            series.AddRange(columns.Take(ActivityNodes).Select(j => new Series(activity.Columns[j], t, rows.Select(r => r[j]).ToArray())));
            report.Section("Activity").Plot(LinePlot.Render($"{variable} of the first {Math.Min(ActivityNodes, columns.Length)} nodes and the mean", "time (ms)", variable, series),
                $"activity.csv: {activity.Rows.Length:N0} samples x {activity.Columns.Length - 1} values" + (rows.Length < activity.Rows.Length ? $"; the first {ActivityWindowMs / 1000:G} s shown" : ""));
        }
        var network = RunReport.Csv(folder, "network_outputs.csv");
        if (network is not null && network.Rows.Length > 0 && network.Columns[0] == "t_ms") // a sweep's (set column first) is only listed
        {
            var rows = network.Rows.Where(r => r[0] <= network.Rows[0][0] + ActivityWindowMs).ToArray();
            var t = rows.Select(r => r[0]).ToArray();
            var series = Enumerable.Range(1, network.Columns.Length - 1).Select(j => new Series(network.Columns[j], t, rows.Select(r => r[j]).ToArray())).ToList();
            string model = json.TryGetProperty("model_file", out var file) ? Path.GetFileName(file.GetString()) ?? "the model file" : "the model file";
            report.Section("Network outputs").Plot(LinePlot.Render($"network outputs of {model}", "time (ms)", "value", series),
                $"network_outputs.csv: {string.Join(", ", network.Columns.Skip(1))} over all nodes at each sample" + (rows.Length < network.Rows.Length ? $"; the first {ActivityWindowMs / 1000:G} s shown" : ""));
        }
        else if (network is not null && network.Rows.Length > 0)
            report.Section("Network outputs").Paragraph($"network_outputs.csv: {string.Join(", ", network.Columns.Skip(2))} of each parameter set at each sample");
        var bold = RunReport.Csv(folder, "bold.csv");
        if (bold is not null && bold.Rows.Length > 0)
        {
            var t = RunReport.Column(bold, 0).Select(ms => ms / 1000).ToArray();
            var series = Enumerable.Range(1, Math.Min(NodesShown, bold.Columns.Length - 1)).Select(j => new Series(bold.Columns[j], t, RunReport.Column(bold, j))).ToList();
            report.Section("BOLD").Plot(LinePlot.Render("BOLD of the first regions", "time (s)", "BOLD (fraction)", series), $"bold.csv: {bold.Rows.Length} samples at TR 2 s");
        }
        if (File.Exists(Path.Combine(folder, "fc.csv")))
        {
            var fc = Connectome.ReadMatrix(Path.Combine(folder, "fc.csv"), allowNegative: true);
            var plots = new List<string> { HeatmapPlot.Render("Simulated FC", "region", "region", fc, "Pearson r", (-1, 1), diverging: true) };
            string caption = "fc.csv (FC of the BOLD, first 5 samples dropped)";
            if (json.TryGetProperty("empirical_fc_files", out var files) && files.GetArrayLength() > 0 && File.Exists(files[0].GetString()))
            {
                string file = files[0].GetString()!;
                var empirical = Connectome.ReadMatrix(file, allowNegative: true);
                plots.Add(HeatmapPlot.Render($"Empirical FC ({Path.GetFileNameWithoutExtension(file)})", "region", "region", empirical, "Pearson r", (-1, 1), diverging: true));
                var sim = FunctionalConnectivity.UpperTriangle(fc);
                var emp = FunctionalConnectivity.UpperTriangle(empirical);
                plots.Add(ScatterPlot.Render($"FC entries, r = {RunReport.F(FunctionalConnectivity.Pearson(sim, emp))}", "empirical FC", "simulated FC", [new Series("region pairs", emp, sim)]));
            }
            report.Section("Functional connectivity").Plots(plots);
            if (json.TryGetProperty("fc_correlation", out var fits) && fits.ValueKind == JsonValueKind.Object)
                report.Table(["empirical FC", "correlation with the simulated FC"], fits.EnumerateObject().Select(p => (IReadOnlyList<string>)[p.Name, RunReport.F(p.Value.GetDouble())]))
                    .Paragraph(caption);
        }
        var sweep = RunReport.Csv(folder, "sweep.csv");
        if (sweep is not null && sweep.Rows.Length > 0)
        {
            report.Section("Sweep").Table(sweep.Columns, sweep.Rows.Select(r => (IReadOnlyList<string>)r.Select(RunReport.F).ToArray()));
            int fit = sweep.IndexOf("mean_fc_correlation");
            if (fit > 0 && sweep.Columns.Length > 2)
                report.Plot(ScatterPlot.Render($"FC fit over {sweep.Columns[1]}", sweep.Columns[1], "mean FC correlation",
                    [new Series("parameter sets", RunReport.Column(sweep, 1), RunReport.Column(sweep, fit))], joinPoints: true));
        }
    }
}
