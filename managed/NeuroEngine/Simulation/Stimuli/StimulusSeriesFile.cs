using System.Globalization;
using NeuroEngine.IO;

namespace NeuroEngine.Simulation.Stimuli;

/// <summary>Reads a stimulus series (sample times in ms and values) from a file: a CSV with a header holding a
/// <c>t_ms</c> column and the value column (the only other column, or the one named), a CSV without a header with one
/// number per line, or a .npy array, 1-D (values) or 2-D of shape (n, 2) (t_ms, value). Without sample times the
/// samples are sample_dt_ms apart from 0. Errors are <see cref="InvalidDataException"/>s naming the file.</summary>
public static class StimulusSeriesFile
{
    /// <summary>Sample times (ms) and values of <paramref name="path"/>.</summary>
    /// <param name="path">A .csv or .npy file.</param>
    /// <param name="column">The value column of a CSV with a header (null: the only column besides t_ms).</param>
    /// <param name="sampleDtMs">Spacing of samples for a file without times (must then be given, &gt; 0).</param>
    public static (double[] TimesMs, double[] Values) Read(string path, string? column, double? sampleDtMs)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: file not found");
        if (sampleDtMs is { } d && !(double.IsFinite(d) && d > 0)) throw new InvalidDataException($"{path}: sample_dt_ms must be > 0, got {d}");
        double[]? times = null;
        double[] values;
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            if (column is not null) throw new InvalidDataException($"{path}: column is for CSV files; a .npy file holds (t_ms, value) or values only");
            var a = NpyReader.Read(path);
            if (a.Shape.Length == 1) values = a.Data;
            else if (a.Shape.Length == 2 && a.Shape[1] == 2)
            {
                times = new double[a.Rows];
                values = new double[a.Rows];
                for (int i = 0; i < a.Rows; i++) { times[i] = a.Data[2 * i]; values[i] = a.Data[2 * i + 1]; }
            }
            else throw new InvalidDataException($"{path}: expected a 1-D array of values or shape (n, 2) of (t_ms, value), got shape ({string.Join(", ", a.Shape)})");
        }
        else
        {
            string? first = File.ReadLines(path).FirstOrDefault(l => l.Trim().Length > 0)
                ?? throw new InvalidDataException($"{path}: the file is empty");
            bool headerless = double.TryParse(first.Split(',')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            var table = NumericCsv.Read(path, hasHeader: !headerless);
            if (headerless)
            {
                if (table.Columns.Length != 1) throw new InvalidDataException($"{path}: a file without a header must hold one number per line");
                if (column is not null) throw new InvalidDataException($"{path}: column '{column}' given but the file has no header");
                values = table.Rows.Select(r => r[0]).ToArray();
            }
            else
            {
                int t = table.IndexOf("t_ms");
                int v;
                if (column is not null)
                {
                    v = table.IndexOf(column);
                    if (v < 0 || v == t) throw new InvalidDataException($"{path}: no value column '{column}' (columns: {string.Join(", ", table.Columns)})");
                }
                else
                {
                    var others = Enumerable.Range(0, table.Columns.Length).Where(c => c != t).ToArray();
                    if (others.Length != 1)
                        throw new InvalidDataException($"{path}: {others.Length} value columns ({string.Join(", ", others.Select(c => table.Columns[c]))}); name one with column:");
                    v = others[0];
                }
                values = table.Rows.Select(r => r[v]).ToArray();
                if (t >= 0) times = table.Rows.Select(r => r[t]).ToArray();
            }
        }
        if (values.Length == 0) throw new InvalidDataException($"{path}: no samples");
        if (times is not null)
        {
            if (sampleDtMs is not null) throw new InvalidDataException($"{path}: the file has sample times (t_ms); sample_dt_ms must not be given too");
        }
        else
        {
            double dt = sampleDtMs ?? throw new InvalidDataException($"{path}: the file has no t_ms column; give sample_dt_ms (the spacing of its samples)");
            times = Enumerable.Range(0, values.Length).Select(i => i * dt).ToArray();
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(times[i]) || !double.IsFinite(values[i])) throw new InvalidDataException($"{path}: sample {i} is not finite (t_ms {times[i]}, value {values[i]})");
            if (i > 0 && times[i] <= times[i - 1]) throw new InvalidDataException($"{path}: t_ms must increase, row {i} has {times[i]} after {times[i - 1]}");
        }
        return (times, values);
    }
}
