using System.Globalization;
using NeuroEngine.IO;

namespace NeuroEngine.Cli;

/// <summary>The uniform <c>t_ms</c> axis of an input CSV (first column), checked.</summary>
public static class CsvTimeAxis
{
    /// <summary>The step of the t_ms column (or <paramref name="dtOption"/>), after checking the column is
    /// first and uniform; CliException naming <paramref name="option"/>, the file and the row otherwise.</summary>
    public static double Step(NumericCsv table, string path, string option, double? dtOption)
    {
        static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
        if (table.IndexOf("t_ms") != 0) throw new CliException($"{option} {path}: the first column must be t_ms");
        if (table.Columns.Length < 2) throw new CliException($"{option} {path}: no data columns after t_ms");
        if (table.Rows.Length < 2 && dtOption is null) throw new CliException($"{option} {path}: one row cannot define the step; give --dt-ms");
        double dt = dtOption ?? table.Rows[1][0] - table.Rows[0][0];
        if (!double.IsFinite(dt) || dt <= 0) throw new CliException($"--dt-ms must be > 0, got {F(dt)}");
        CheckUniform(table, 0, dt, path, option);
        return dt;
    }

    /// <summary>CliException naming the first data row where column <paramref name="column"/> (t_ms) does not
    /// advance by <paramref name="dt"/>.</summary>
    public static void CheckUniform(NumericCsv table, int column, double dt, string path, string option)
    {
        static string F(double x) => x.ToString(CultureInfo.InvariantCulture);
        for (int i = 1; i < table.Rows.Length; i++)
            if (Math.Abs(table.Rows[i][column] - table.Rows[i - 1][column] - dt) > 1e-6 * Math.Abs(dt))
                throw new CliException($"{option} {path}: t_ms is not uniform with step {F(dt)} ms at data row {i + 1} (t_ms {F(table.Rows[i][column])})");
    }
}
