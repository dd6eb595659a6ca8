using System.Globalization;
using NeuroEngine.Inference;
using NeuroEngine.Inference.Posterior;
using NeuroEngine.IO;
using NeuroEngine.Pipelines;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine demo --pipeline ncpi|sbi-lif</c>: the two end-to-end inference
/// pipelines of docs/inference.md. The output folder is also a MODEL_DIR (model.json, weights.bin)
/// usable with <c>neuroengine infer predict</c>.</summary>
public static class DemoPipelines
{
    public static readonly string[] Names = ["ncpi", "sbi-lif"];
    private static readonly string[] ModelFiles = [ModelArchive.MetadataFile, ModelArchive.WeightsFile];

    public static int Run(string pipeline, string output, int threads, int simulations, int epochs, string estimator, CliContext context)
    {
        if (simulations < 0) throw new CliException($"--simulations must be >= 1, got {simulations}");
        if (epochs < 0) throw new CliException($"--epochs must be >= 1, got {epochs}");
        return pipeline switch
        {
            "ncpi" => Ncpi(output, threads, simulations, epochs, context),
            "sbi-lif" => SbiLif(output, threads, simulations, epochs, estimator, context),
            _ => throw new CliException($"--pipeline must be one of {string.Join(", ", Names)}, got '{pipeline}'"),
        };
    }

    private static string F(double v, string format = "F3") => v.ToString(format, CultureInfo.InvariantCulture);

    private static int Ncpi(string output, int threads, int simulations, int epochs, CliContext context)
    {
        var options = new NcpiPipelineOptions { Threads = threads };
        if (simulations > 0) options = options with { Simulations = simulations };
        if (epochs > 0) options.Hyperparameters["max_iter"] = epochs;
        using var dir = new AtomicOutputDirectory(output, [.. ModelFiles, "features.csv", "params.csv", "recovery.csv"]);
        var result = ProgressDisplay.Run(context, $"ncpi pipeline: {options.Simulations} network simulations",
            p => NcpiPipeline.Run(options, p, null, context.Cancellation));
        WriteTable(dir.PathOf("features.csv"), result.Data.FeatureNames, result.Data.Features);
        WriteTable(dir.PathOf("params.csv"), result.Data.ParameterNames, result.Data.Parameters);
        DiagnosticFiles.WriteRecovery(dir.PathOf("recovery.csv"), result.Recovery);
        result.Model.WriteInto(dir.TempPath);
        dir.Commit();
        var table = new Table().Title("neuroengine demo --pipeline ncpi: network -> FR proxy -> catch22 -> MLP")
            .AddColumn("parameter").AddColumn("held-out R^2").AddColumn("NRMSE");
        foreach (var r in result.Recovery) table.AddRow(Markup.Escape(r.Parameter), F(r.R2), F(r.Nrmse));
        table.AddRow("rows (train / test / dropped)", $"{result.TrainRows} / {result.TestRows} / {result.DroppedRows}", "");
        table.AddRow("simulate + features / train", $"{F(result.SimulateSeconds, "F1")} s / {F(result.TrainSeconds, "F1")} s", "");
        table.AddRow("output", Markup.Escape(dir.FinalPath), "");
        Console(context).Write(table);
        return ExitCodes.Ok;
    }

    private static int SbiLif(string output, int threads, int simulations, int epochs, string estimator, CliContext context)
    {
        if (estimator is not ("flow" or "mdn")) throw new CliException($"--estimator must be flow or mdn, got '{estimator}'");
        var options = new SbiLifOptions { Threads = threads, Estimator = estimator };
        if (simulations > 0) options = options with { TrainSimulations = simulations };
        if (epochs > 0) options = options with { Training = options.Training with { MaxEpochs = epochs } };
        using var dir = new AtomicOutputDirectory(output, [.. ModelFiles, .. DiagnosticFiles.Files, "ppc.csv"]);
        var result = EpochProgress.Run(context, $"sbi-lif pipeline: {options.Estimator} on {options.TrainSimulations} simulations",
            p => SbiLifPipeline.Run(options, null, p, context.Cancellation));
        result.Model.WriteInto(dir.TempPath);
        DiagnosticFilesInto(result, dir);
        dir.Commit();
        var d = result.Diagnostics;
        var table = new Table().Title($"neuroengine demo --pipeline sbi-lif: LIF prior -> {options.TrainSimulations} batched simulations -> summary features -> {options.Estimator}")
            .AddColumn("parameter").AddColumn("R^2").AddColumn("NRMSE").AddColumn("SBC p").AddColumn("coverage 90%");
        int level90 = Array.IndexOf(d.CoverageLevels!, 0.9);
        for (int j = 0; j < d.ParameterNames.Length; j++)
            table.AddRow(Markup.Escape(d.ParameterNames[j]), F(d.Recovery[j].R2), F(d.Recovery[j].Nrmse), F(d.Sbc![j].PValue), F(d.Coverage![level90][j]));
        var ppc = result.Ppc;
        if (ppc.Length > 0)
        {
            var mae = ppc.Select(p => p.SubthresholdMae).Where(double.IsFinite).ToArray();
            table.AddRow($"PPC-lite ({ppc.Length} observations x {options.PpcDraws} draws)",
                $"coverage_90 {F(ppc.Average(p => p.Coverage90))}", $"spike pct {F(ppc.Average(p => p.SpikePercentile))} (mid {F(ppc.Average(p => p.SpikeMidPercentile))})",
                $"sub-MAE {(mae.Length > 0 ? F(mae.Average()) : "n/a")} mV", "");
        }
        table.AddRow("simulate / train / diagnose", $"{F(result.SimulateSeconds, "F1")} s", $"{F(result.TrainSeconds, "F1")} s", $"{F(result.DiagnoseSeconds + result.PpcSeconds, "F1")} s", "");
        table.AddRow("output", Markup.Escape(dir.FinalPath), "", "", "");
        Console(context).Write(table);
        return ExitCodes.Ok;
    }

    private static void DiagnosticFilesInto(SbiLifResult result, AtomicOutputDirectory dir)
    {
        DiagnosticFiles.WriteInto(result.Diagnostics, dir.TempPath);
        using var w = new CsvTableWriter(dir.PathOf("ppc.csv"),
            ["observation", "coverage_90", "spike_percentile", "subthreshold_mae", "spike_mid_percentile"]);
        for (int i = 0; i < result.Ppc.Length; i++)
        {
            w.Field(i).Field(result.Ppc[i].Coverage90).Field(result.Ppc[i].SpikePercentile).Field(result.Ppc[i].SubthresholdMae)
                .Field(result.Ppc[i].SpikeMidPercentile);
            w.EndRow();
        }
    }

    private static void WriteTable(string path, IReadOnlyList<string> header, double[][] rows)
    {
        using var w = new CsvTableWriter(path, header);
        foreach (var row in rows) { foreach (double v in row) w.Field(v); w.EndRow(); }
    }

    private static IAnsiConsole Console(CliContext context) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stdout) });
}
