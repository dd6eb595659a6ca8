using NeuroEngine.IO;
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
        if (!File.Exists(csvPath)) throw new CliException($"{csvPath}: output file not found for the report");
        var csv = NumericCsv.ReadWithMissing(csvPath, ["series", "parameter", "population"]);
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
            // columns named by numbers (the frequencies of spectra) give the x axis; positive values over
            // three decades or more are shown as log10 (power spectra)
            bool numeric = csv.Columns.All(c => double.TryParse(c, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
            var x = numeric ? csv.Columns.Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
                : Enumerable.Range(0, csv.Columns.Length).Select(j => (double)j).ToArray();
            var shown = csv.Rows.Take(SeriesShown).ToList();
            var all = shown.SelectMany(r => r).Where(double.IsFinite).ToList();
            bool log = all.Count > 0 && all.All(v => v > 0) && all.Max() > 1000 * all.Min();
            var rows = shown.Select((r, i) => new Series($"row {i}", x, log ? r.Select(Math.Log10).ToArray() : r)).ToList();
            report.Section("Rows").Plot(LinePlot.Render($"{title}: the first rows over the columns", numeric ? "column (frequency in Hz for spectra)" : "column index",
                log ? "log10 value" : "value", rows));
            report.Section($"Table (first {Math.Min(RowsShown, csv.Rows.Length)} rows)").Table(csv.Columns,
                csv.Rows.Take(RowsShown).Select(r => (IReadOnlyList<string>)r.Select(RunReport.F).ToArray()));
        }
        return report;
    }
}
