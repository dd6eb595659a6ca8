using NeuroEngine.Inference.Diagnostics;
using NeuroEngine.IO;

namespace NeuroEngine.Cli.Commands;

/// <summary>Writes a <see cref="DiagnosticReport"/> as the files of docs/inference.md:
/// recovery.csv (plus recovery_points.csv, the recovery plot's data: row, truth and estimate per
/// parameter); for posterior models also sbc_ranks.csv, sbc.csv and coverage.csv.</summary>
public static class DiagnosticFiles
{
    public static readonly string[] Files = ["recovery.csv", "recovery_points.csv", "sbc_ranks.csv", "sbc.csv", "coverage.csv"];

    /// <summary>Into a new or replaceable output folder, all-or-nothing.</summary>
    public static void Write(DiagnosticReport report, string directory)
    {
        using var output = new AtomicOutputDirectory(directory, Files);
        WriteInto(report, output.TempPath);
        output.Commit();
    }

    /// <summary>Into an existing folder (e.g. the temporary folder of a larger atomic output).</summary>
    public static void WriteInto(DiagnosticReport report, string directory)
    {
        WriteRecovery(Path.Combine(directory, "recovery.csv"), report.Recovery);
        // the recovery plot's data: truth against the estimate for every diagnosed row
        using (var w = new CsvTableWriter(Path.Combine(directory, "recovery_points.csv"),
            ["row", .. report.ParameterNames.Select(n => n + "_true"), .. report.ParameterNames.Select(n => n + "_estimate")]))
            for (int i = 0; i < report.Truth.Length; i++)
            {
                w.Field(i);
                foreach (double v in report.Truth[i]) w.Field(v);
                foreach (double v in report.Estimates[i]) w.Field(v);
                w.EndRow();
            }
        if (report.Ranks is null) return;
        using (var w = new CsvTableWriter(Path.Combine(directory, "sbc_ranks.csv"), ["row", .. report.ParameterNames]))
            for (int i = 0; i < report.Ranks.Length; i++) { w.Field(i); foreach (int r in report.Ranks[i]) w.Field(r); w.EndRow(); }
        using (var w = new CsvTableWriter(Path.Combine(directory, "sbc.csv"), ["parameter", "draws", "chi2", "p_value"]))
            foreach (var s in report.Sbc!) { w.Field(s.Parameter).Field(s.Draws).Field(s.ChiSquare).Field(s.PValue); w.EndRow(); }
        using (var w = new CsvTableWriter(Path.Combine(directory, "coverage.csv"), ["level", .. report.ParameterNames]))
            for (int l = 0; l < report.CoverageLevels!.Length; l++) { w.Field(report.CoverageLevels[l]); foreach (double c in report.Coverage![l]) w.Field(c); w.EndRow(); }
    }

    /// <summary>recovery.csv: parameter,r2,nrmse.</summary>
    public static void WriteRecovery(string path, IEnumerable<RecoveryRow> rows)
    {
        using var w = new CsvTableWriter(path, ["parameter", "r2", "nrmse"]);
        foreach (var r in rows) { w.Field(r.Parameter).Field(r.R2).Field(r.Nrmse); w.EndRow(); }
    }
}
