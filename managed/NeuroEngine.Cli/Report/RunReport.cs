using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Commands;
using NeuroEngine.IO;
using NeuroEngine.Search;

namespace NeuroEngine.Cli.Report;

/// <summary>Writes <c>report.html</c> for an output folder from the files in it (so a finished or
/// running folder can be reported again with <c>neuroengine report DIR</c>): the run's config,
/// engine and timings, and the plots that fit what the folder holds (a network run, a whole-brain
/// run, single LIF neurons, the demo's network, a search, inference diagnostics or a trained model).</summary>
internal static class RunReport
{
    /// <summary>Builds and writes DIR/report.html; returns its path. Throws CliException when the
    /// folder holds nothing to report.</summary>
    public static string Write(string folder)
    {
        if (!Directory.Exists(folder)) throw new CliException($"{folder}: folder not found");
        var report = Build(folder);
        return report.Write(Path.Combine(folder, HtmlReport.FileName));
    }

    /// <summary>Writes the report after a run; a failure is a warning (the run's outputs stand).</summary>
    public static void WriteAfterRun(string folder, CliContext context)
    {
        try { Write(folder); }
        catch (Exception ex) when (ex is CliException or IOException or InvalidDataException or JsonException or FormatException)
        {
            context.Stderr.WriteLine($"warning: {folder}: no report written ({ex.Message})");
        }
    }

    public static HtmlReport Build(string folder)
    {
        string name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        string Has(string file) => Path.Combine(folder, file);
        using var runJson = File.Exists(Has("run.json")) ? JsonDocument.Parse(File.ReadAllText(Has("run.json"))) : null;
        JsonElement? run = runJson?.RootElement;
        string? model = run is { } r && r.TryGetProperty("model", out var m) ? m.GetString() : null;
        bool search = File.Exists(Has(RunStore.FileName));
        bool inference = File.Exists(Has("recovery.csv")) || File.Exists(Has("model.json"));
        if (run is null && !search && !inference)
            throw new CliException($"{folder} holds no run to report (run.json, {RunStore.FileName}, recovery.csv or model.json)");
        var report = new HtmlReport($"NeuroEngine report: {name}");
        bool demo = File.Exists(Has(DemoNetwork.JsonFile));
        if (demo) report.Paragraph("neuroengine demo: a batch of independent LIF neurons sampled from the prior (Run, Spike counts), " +
            "then Brunel's network against its mean-field prediction (Brunel network).");
        if (run is { } json) Overview(report, folder, json);
        if (model == "lif-network") NetworkReport.Add(report, folder, json: run!.Value);
        else if (model is "lif-neurons") LifNeuronsReport.Add(report, folder);
        else if (model is not null) MassReport.Add(report, folder, run!.Value);
        // the demo's network beside its lif-neurons batch
        if (demo) DemoNetworkReport.Add(report, folder);
        if (search) SearchReport.Add(report, folder);
        if (inference) InferenceReport.Add(report, folder);
        return report;
    }

    // the run's key facts in a line of cells; every run.json field and the config folded away
    private static readonly string[] Facts = ["model", "model_file", "model_backend", "seed", "duration_ms", "dt_ms", "neurons", "synapses", "nodes", "total_spikes", "mean_fc_correlation",
        "realtime_factor", "simulate_time_s", "wall_time_s", "neuron_steps_per_s", "finished_utc"];

    private static void Overview(HtmlReport report, string folder, JsonElement run)
    {
        report.Section("Run");
        var facts = Facts.Where(f => run.TryGetProperty(f, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            .Select(f => (f, Scalar(run.GetProperty(f)))).ToList();
        if (run.TryGetProperty("engine", out var engine) && engine.TryGetProperty("build_info", out var build)) facts.Add(("engine", build.GetString()!));
        report.Table(facts.Select(f => f.Item1).ToArray(), [facts.Select(f => f.Item2).ToArray()]);
        var pairs = new List<(string, string)> { ("folder", Path.GetFullPath(folder)) };
        foreach (var p in run.EnumerateObject())
            if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False && p.Name != "spikes_npy")
                pairs.Add((p.Name, Scalar(p.Value)));
        if (run.TryGetProperty("engine", out engine) && engine.ValueKind == JsonValueKind.Object)
            foreach (var p in engine.EnumerateObject()) pairs.Add(($"engine.{p.Name}", p.Value.ToString()));
        report.Details("run.json", string.Join("\n", pairs.Select(p => $"{p.Item1}: {p.Item2}")));
        if (run.TryGetProperty("config", out var config))
            report.Details("config", JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        else if (run.TryGetProperty("config_file", out var file) && file.ValueKind == JsonValueKind.String && File.Exists(file.GetString()))
            report.Details($"config ({file.GetString()})", File.ReadAllText(file.GetString()!));
    }

    private static string Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Number => v.GetDouble() is var d && d == Math.Round(d) && Math.Abs(d) < 1e15 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("G6", CultureInfo.InvariantCulture),
        _ => v.GetRawText(),
    };

    /// <summary>A CSV with a header, or null when the file is absent.</summary>
    public static NumericCsv? Csv(string folder, string file, IReadOnlyCollection<string>? textColumns = null) =>
        File.Exists(Path.Combine(folder, file)) ? NumericCsv.ReadWithMissing(Path.Combine(folder, file), textColumns ?? []) : null;

    public static double[] Column(NumericCsv csv, int column) => csv.Rows.Select(r => r[column]).ToArray();

    public static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
