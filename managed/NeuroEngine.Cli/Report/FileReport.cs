using NeuroEngine.Plots;

namespace NeuroEngine.Cli.Report;

/// <summary>The report of a one-file output (a CSV table): series over time (first column t_ms) as
/// line plots, other tables as a table of their first rows and a plot of each row's values over the
/// columns (spectra, feature vectors).</summary>
internal static class FileReport
{
    private const int RowsShown = 40, SeriesShown = 8;

    public static HtmlReport Build(string csvPath, string title)
    {
        var report = new HtmlReport($"NeuroEngine report: {title}");
        var csv = RunReport.Csv(Path.GetDirectoryName(Path.GetFullPath(csvPath))!, Path.GetFileName(csvPath), ["series", "parameter", "population"])
            ?? throw new CliException($"{csvPath}: output file not found for the report");
        report.Section("Output").KeyValues([("file", Path.GetFullPath(csvPath)), ("rows", csv.Rows.Length.ToString()), ("columns", string.Join(", ", csv.Columns.Take(30)) + (csv.Columns.Length > 30 ? ", ..." : ""))]);
        if (csv.Rows.Length == 0) return report;
        if (csv.Columns[0] == "t_ms")
        {
            var t = RunReport.Column(csv, 0);
            var series = Enumerable.Range(1, Math.Min(SeriesShown, csv.Columns.Length - 1)).Select(j => new Series(csv.Columns[j], t, RunReport.Column(csv, j))).ToList();
            report.Section("Series").Plot(LinePlot.Render(title, "time (ms)", "value", series), csv.Columns.Length - 1 > SeriesShown ? $"first {SeriesShown} of {csv.Columns.Length - 1} columns" : null);
        }
        else
        {
            var x = Enumerable.Range(0, csv.Columns.Length).Select(j => (double)j).ToArray();
            var rows = csv.Rows.Take(SeriesShown).Select((r, i) => new Series($"row {i}", x, r)).ToList();
            report.Section("Rows").Plot(LinePlot.Render($"{title}: values of the first rows by column", "column index", "value", rows));
            report.Section($"Table (first {Math.Min(RowsShown, csv.Rows.Length)} rows)").Table(csv.Columns,
                csv.Rows.Take(RowsShown).Select(r => (IReadOnlyList<string>)r.Select(RunReport.F).ToArray()));
        }
        return report;
    }
}
