using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.Cli.Report;
using NeuroEngine.IO;
using NeuroEngine.Native;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine simulate CONFIG.yaml --out DIR [--seed N] [--threads N]</c>.</summary>
public static class SimulateCommand
{
    /// <summary>Files a lif-neurons run writes; an existing output folder holding only these may be replaced.</summary>
    public static readonly string[] OutputFiles = ["summary.csv", "spikes.csv", "voltage.npy", "run.json"];

    // the spiking models, then the built-in neural mass models of the native descriptor table
    private static string KnownModels => $"{LifNeuronsConfig.ModelName}, {LifNetworkConfig.ModelName}, {MassModelCatalog.NameList()}; or a model file, {{file: MODEL.yaml}}";

    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("CONFIG") { Description = $"YAML config (model: {KnownModels}; see examples/)" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder (written atomically: all files or none)", Required = true, HelpName = "DIR" };
        var seed = new Option<ulong?>("--seed") { Description = "Overrides the config's seed", HelpName = "N" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", HelpName = "N", DefaultValueFactory = _ => 0 };
        var noReport = ReportOptions.NoReport();
        var command = new Command("simulate", $"Run a model from a YAML config (model: {KnownModels}; neuroengine models lists the neural mass models) and write its output folder")
        {
            config, output, seed, threads, noReport,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            string path = parse.GetValue(config)!;
            var modelNode = YamlConfigReader.PeekModelNode(path);
            string? modelName = (modelNode as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value;
            if (NeuralMassConfig.Handles(modelNode))
            {
                var mass = NeuralMassConfig.Load(path, context.Stderr);
                if (parse.GetValue(seed) is ulong massSeed) mass = mass with { Seed = massSeed };
                context.Stdout.WriteLine(SimulateMass.Run(mass, parse.GetValue(output)!, parse.GetValue(threads), context));
                ReportOptions.AfterRun(parse, noReport, parse.GetValue(output)!, context);
                return ExitCodes.Ok;
            }
            if (modelName == LifNetworkConfig.ModelName)
            {
                var network = LifNetworkConfig.Load(path);
                if (parse.GetValue(seed) is ulong networkSeed) network = network with { Seed = networkSeed };
                var networkReport = SimulateNetwork.Run(network, parse.GetValue(output)!, parse.GetValue(threads), context);
                context.Stdout.WriteLine(SimulateNetwork.Summary(networkReport));
                ReportOptions.AfterRun(parse, noReport, networkReport.OutputDir, context);
                return ExitCodes.Ok;
            }
            // a misspelt model would otherwise be read as a lif-neurons config and fail on its first
            // key that lif-neurons lacks, naming the key instead of the model
            if (modelName is not null && modelName != LifNeuronsConfig.ModelName)
                throw new CliException($"{path}: model must be one of {KnownModels}, got '{modelName}'");
            var loaded = LifNeuronsConfig.Load(path);
            if (parse.GetValue(seed) is ulong s) loaded = loaded with { Seed = s };
            var report = Run(loaded, parse.GetValue(output)!, parse.GetValue(threads), context);
            context.Stdout.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"wrote {report.OutputDir}: {report.Result.Count} neurons, {report.Result.Samples} samples, " +
                $"{report.Result.SpikeCounts.Sum(c => (long)c)} spikes, {report.NeuronStepsPerSecond:0.00e+00} neuron-steps/s"));
            ReportOptions.AfterRun(parse, noReport, report.OutputDir, context);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Outcome of one run, for the demo's table.</summary>
    public sealed record Report(LifParameters[] Parameters, LifBatchResult Result, string OutputDir,
        double SimulateSeconds, double WallSeconds, double NeuronStepsPerSecond);

    /// <summary>Validates, simulates and writes all outputs atomically; throws CliException for bad input.
    /// <paramref name="writeMore"/> (the demo's network) writes further files <paramref name="moreFiles"/>
    /// into the same folder before it is committed, so the folder still appears all at once.</summary>
    public static Report Run(LifNeuronsConfig config, string outDir, int threads, CliContext context,
        IReadOnlyCollection<string>? moreFiles = null, Action<AtomicOutputDirectory>? writeMore = null)
    {
        var wall = Stopwatch.StartNew();
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        if (string.IsNullOrWhiteSpace(outDir)) throw new CliException("--out must name a folder");
        config.Validate();
        var options = config.ToRunOptions(threads);

        LifParameters[] parameters;
        if (config.ParametersPath is { } file)
        {
            string relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
            parameters = ParameterFile.Read(file, relative.StartsWith("..", StringComparison.Ordinal) ? file : relative);
            CheckMemory(parameters.Length, config, options);
        }
        else
        {
            CheckMemory(config.Neurons, config, options);
            parameters = LifPrior.Default.Sample(config.Neurons, config.Seed);
        }
        context.Cancellation.ThrowIfCancellationRequested();

        // about 2e7 neuron-steps per native call for smooth progress and a quick response to
        // Ctrl+C, but at least 10 samples: a block's state stays in L1 only within one call
        options = options with { ChunkSteps = (int)Math.Clamp(20_000_000L / parameters.Length, 10, 100) };
        using var output = new AtomicOutputDirectory(outDir, [.. OutputFiles, .. moreFiles ?? []]);
        var sim = Stopwatch.StartNew();
        LifBatchResult result;
        try
        {
            result = ProgressDisplay.Run(context, $"lif-neurons ({parameters.Length:N0} neurons)",
                progress => LifNeuronBatch.Simulate(parameters, config.Settings, options, progress, context.Cancellation));
        }
        catch (ArgumentException ex) { throw new CliException(LifNeuronsConfig.Translate(ex)); }
        catch (NativeOutOfMemoryException ex)
        {
            throw new CliException($"limits.max_memory_mb: the batch does not fit in memory ({ex.Message}); simulate fewer neurons or record less");
        }
        sim.Stop();
        double seconds = Math.Max(sim.Elapsed.TotalSeconds, 1e-9);
        double rate = (double)parameters.Length * result.Samples / seconds;

        WriteSummary(output.PathOf("summary.csv"), parameters, result);
        WriteSpikes(output.PathOf("spikes.csv"), result);
        if (result.Voltage is { } voltage)
            NpyWriter.Write(output.PathOf("voltage.npy"), voltage, result.Count, result.VoltageSamples);
        context.Cancellation.ThrowIfCancellationRequested();
        WriteRunJson(output.PathOf("run.json"), config, options, result, seconds, wall.Elapsed.TotalSeconds, rate);
        writeMore?.Invoke(output);
        context.Cancellation.ThrowIfCancellationRequested();
        output.Commit();

        if (result.OverflowedCount > 0)
            context.Stderr.WriteLine($"warning: {result.OverflowedCount} of {result.Count} neurons spiked more than " +
                $"record.max_spikes_per_neuron = {result.MaxSpikesPerNeuron} times; spikes.csv keeps only their first " +
                $"{result.MaxSpikesPerNeuron} spike times (spike_count in summary.csv is exact)");
        return new Report(parameters, result, output.FinalPath, seconds, wall.Elapsed.TotalSeconds, rate);
    }

    private static void CheckMemory(long neurons, LifNeuronsConfig config, LifRunOptions options)
    {
        long bytes;
        try { bytes = LifNeuronBatch.EstimateBytes(neurons, config.Settings, options); }
        catch (ArgumentException ex) { throw new CliException(LifNeuronsConfig.Translate(ex)); }
        if (bytes > options.MaxMemoryBytes)
            throw new CliException($"limits.max_memory_mb: the batch needs {Math.Ceiling(bytes / 1048576.0):F0} MiB, more than the cap of " +
                $"{config.MaxMemoryMb} MiB (raise the cap, record less voltage or fewer spike times, or simulate fewer neurons)");
    }

    private static void WriteSummary(string path, LifParameters[] parameters, LifBatchResult result)
    {
        using var csv = new CsvTableWriter(path, ["neuron", .. LifParameters.Names, "spike_count", "mean_v"]);
        for (int i = 0; i < parameters.Length; i++)
        {
            csv.Field(i);
            for (int j = 0; j < 6; j++) csv.Field(parameters[i][j]);
            csv.Field(result.SpikeCounts[i]).Field(result.MeanV[i]).EndRow();
        }
    }

    private static void WriteSpikes(string path, LifBatchResult result)
    {
        using var csv = new CsvTableWriter(path, ["neuron", "t_ms"]);
        for (int i = 0; i < result.Count; i++)
            foreach (int step in result.SpikeSteps(i))
                csv.Field(i).Field(step * result.DtMs).EndRow();
    }

    private static void WriteRunJson(string path, LifNeuronsConfig config, LifRunOptions options, LifBatchResult result,
        double simulateSeconds, double wallSeconds, double rate)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var s = config.Settings;
        json.WriteStartObject();
        json.WriteString("model", LifNeuronsConfig.ModelName);
        if (config.SourcePath is null) json.WriteNull("config_file"); else json.WriteString("config_file", config.SourcePath);
        json.WriteNumber("seed", config.Seed);
        json.WriteNumber("neurons", result.Count);
        if (config.ParametersPath is null) json.WriteNull("parameters"); else json.WriteString("parameters", config.ParametersPath);
        json.WriteString("parameter_source", config.ParametersPath is null ? "prior" : "file");
        json.WriteStartObject("settings");
        json.WriteNumber("T_ms", s.TMs);
        json.WriteNumber("dt_ms", s.DtMs);
        json.WriteNumber("tref_ms", s.TrefMs);
        json.WriteNumber("I_mean", s.IMean);
        json.WriteNumber("I_std", s.IStd);
        json.WriteNumber("obs_noise_std", s.ObsNoiseStd);
        json.WriteStartArray("v_clip"); json.WriteNumberValue(s.VClipLo); json.WriteNumberValue(s.VClipHi); json.WriteEndArray();
        json.WriteString("scheme", s.Scheme == LifScheme.Exact ? "exact" : "euler-reference");
        json.WriteEndObject();
        json.WriteStartObject("record");
        json.WriteNumber("voltage_every", config.VoltageEvery);
        json.WriteNumber("max_spikes_per_neuron", config.MaxSpikesPerNeuron);
        json.WriteEndObject();
        json.WriteStartObject("limits");
        json.WriteNumber("max_memory_mb", config.MaxMemoryMb);
        json.WriteEndObject();
        json.WriteNumber("threads", options.Threads);
        EngineInfo.WriteJson(json);
        json.WriteNumber("samples", result.Samples);
        json.WriteNumber("voltage_samples", result.VoltageSamples);
        json.WriteNumber("total_spikes", result.SpikeCounts.Sum(c => (long)c));
        json.WriteNumber("overflowed_neurons", result.OverflowedCount);
        json.WriteNumber("simulate_time_s", simulateSeconds);
        json.WriteNumber("wall_time_s", wallSeconds);
        json.WriteNumber("neuron_steps_per_s", rate);
        json.WriteString("finished_utc", DateTime.UtcNow.ToString("O"));
        json.WriteEndObject();
    }
}
