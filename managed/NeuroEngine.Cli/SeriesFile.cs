using System.Globalization;
using NeuroEngine.IO;

namespace NeuroEngine.Cli;

/// <summary>The series input of <c>neuroengine features</c> (docs/features.md): a CSV with a header, one series per
/// column (a <c>t_ms</c> column is the time axis, not a series), or a text file with one number per line (one
/// series, named after the file).</summary>
public static class SeriesFile
{
    /// <summary>Names, series and the step of t_ms (ms) when the file has one.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<double[]> Series, double? DtMs) Read(string path, string option)
    {
        if (!File.Exists(path)) throw new CliException($"{option} {path}: file not found");
        string? first = File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null) throw new CliException($"{option} {path}: the file is empty");
        bool headerless = double.TryParse(first.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        NumericCsv table;
        try { table = NumericCsv.Read(path, hasHeader: !headerless); }
        catch (InvalidDataException ex) { throw new CliException($"{option} {ex.Message}"); }
        if (headerless)
        {
            if (table.Columns.Length != 1) throw new CliException($"{option} {path}: a file without a header must hold one number per line");
            return ([Path.GetFileNameWithoutExtension(path)], [table.Rows.Select(r => r[0]).ToArray()], null);
        }
        double? dt = null;
        int time = table.IndexOf("t_ms");
        if (time >= 0 && table.Rows.Length >= 2)
        {
            dt = table.Rows[1][time] - table.Rows[0][time];
            CsvTimeAxis.CheckUniform(table, time, dt.Value, path, option);
        }
        var names = new List<string>();
        var series = new List<double[]>();
        for (int c = 0; c < table.Columns.Length; c++)
        {
            if (c == time) continue;
            names.Add(table.Columns[c]);
            series.Add(table.Rows.Select(r => r[c]).ToArray());
        }
        if (series.Count == 0) throw new CliException($"{option} {path}: no series columns besides t_ms");
        if (table.Rows.Length == 0) throw new CliException($"{option} {path}: no rows");
        return (names, series, dt);
    }
}
