using NeuroEngine.Inference.Diagnostics;
using NeuroEngine.IO;

namespace NeuroEngine.Cli.Commands;

/// <summary>Writes a <see cref="DiagnosticReport"/> as the files of specs/inference.md into an
/// output folder (all-or-nothing): recovery.csv; for posterior models also sbc_ranks.csv, sbc.csv
/// and coverage.csv.</summary>
public static class DiagnosticFiles
{
    public static readonly string[] Files = ["recovery.csv", "sbc_ranks.csv", "sbc.csv", "coverage.csv"];

    public static void Write(DiagnosticReport report, string directory, IEnumerable<string>? extraFiles = null, Action<AtomicOutputDirectory>? more = null)
    {
        using var output = new AtomicOutputDirectory(directory, [.. Files, .. extraFiles ?? []]);
        using (var w = new CsvTableWriter(output.PathOf("recovery.csv"), ["parameter", "r2", "nrmse"]))
            foreach (var r in report.Recovery) { w.Field(r.Parameter).Field(r.R2).Field(r.Nrmse); w.EndRow(); }
        if (report.Ranks is not null)
        {
            using (var w = new CsvTableWriter(output.PathOf("sbc_ranks.csv"), ["row", .. report.ParameterNames]))
                for (int i = 0; i < report.Ranks.Length; i++) { w.Field(i); foreach (int r in report.Ranks[i]) w.Field(r); w.EndRow(); }
            using (var w = new CsvTableWriter(output.PathOf("sbc.csv"), ["parameter", "draws", "chi2", "p_value"]))
                foreach (var s in report.Sbc!) { w.Field(s.Parameter).Field(s.Draws).Field(s.ChiSquare).Field(s.PValue); w.EndRow(); }
            using (var w = new CsvTableWriter(output.PathOf("coverage.csv"), ["level", .. report.ParameterNames]))
                for (int l = 0; l < report.CoverageLevels!.Length; l++) { w.Field(report.CoverageLevels[l]); foreach (double c in report.Coverage![l]) w.Field(c); w.EndRow(); }
        }
        more?.Invoke(output);
        output.Commit();
    }
}
