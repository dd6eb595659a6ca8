using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Native;
using NeuroEngine.Simulation.Network;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine simulate CONFIG.yaml --out DIR</c> for <c>model: lif-network</c>: runs the
/// network and writes the files of docs/lif-network.md atomically.</summary>
public static class SimulateNetwork
{
    /// <summary>Files a lif-network run may write; an existing output folder holding only these may be replaced.</summary>
    public static readonly string[] OutputFiles =
        ["populations.csv", "spikes.csv", "spikes.npy", "rates.csv", "currents.csv", "vm.csv", "proxy_inputs.csv", "run.json"];

    /// <summary>Outcome of a run, for the summary line.</summary>
    /// <param name="Parts">Population names of the config -> the populations they became (clusters).</param>
    public sealed record Report(LifNetworkResult Result, string OutputDir, double WallSeconds, IReadOnlyDictionary<string, string[]> Parts);

    public static Report Run(LifNetworkConfig config, string outDir, int threads, CliContext context)
    {
        var wall = Stopwatch.StartNew();
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        if (string.IsNullOrWhiteSpace(outDir)) throw new CliException("--out must name a folder");
        var spec = config.Spec;
        var rec = config.Record;
        foreach (string warning in config.Warnings) context.Stderr.WriteLine("warning: " + warning);
        bool sample = rec.Currents || rec.Vm || rec.ProxyInputs;
        var recording = new NetworkRecording { Spikes = rec.Spikes, SampleMs = sample ? rec.SampleMs : 0 };

        using var output = new AtomicOutputDirectory(outDir, OutputFiles);
        LifNetworkResult result;
        double setupSeconds;
        try
        {
            var setup = Stopwatch.StartNew();
            using var sim = new LifNetworkSimulation([spec], config.ConnectivitySeed, [config.Seed], recording, threads, config.MaxMemoryMb << 20);
            setupSeconds = setup.Elapsed.TotalSeconds;
            result = ProgressDisplay.Run(context, $"lif-network ({spec.Neurons:N0} neurons, {sim.Synapses:N0} synapses)",
                progress => sim.Run(config.DurationMs, progress, context.Cancellation)[0]);
        }
        catch (NativeOutOfMemoryException ex)
        {
            throw new CliException($"limits.max_memory_mb ({config.MaxMemoryMb}): the network does not fit ({ex.Message})");
        }
        catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex)); }

        WritePopulations(output.PathOf("populations.csv"), result);
        if (rec.Spikes) WriteSpikes(output.PathOf("spikes.csv"), output.PathOf("spikes.npy"), result);
        WriteRates(output.PathOf("rates.csv"), result, rec.RatesBinMs);
        if (rec.Currents) WriteSamples(output.PathOf("currents.csv"), result, sums: false,
            spec.Synapse == SynapseType.ExpConductance
                ? [("AMPA", NetworkObservable.ExcitatoryCurrent), ("GABA", NetworkObservable.InhibitoryCurrent), ("gE", NetworkObservable.ExcitatoryConductance), ("gI", NetworkObservable.InhibitoryConductance)]
                : [("AMPA", NetworkObservable.ExcitatoryCurrent), ("GABA", NetworkObservable.InhibitoryCurrent)]);
        if (rec.Vm) WriteSamples(output.PathOf("vm.csv"), result, sums: false, [("Vm", NetworkObservable.V)]);
        if (rec.ProxyInputs) WriteSamples(output.PathOf("proxy_inputs.csv"), result, sums: true,
            [("AMPA", NetworkObservable.ExcitatoryCurrent), ("GABA", NetworkObservable.InhibitoryCurrent), ("Vm", NetworkObservable.V)]);
        context.Cancellation.ThrowIfCancellationRequested();
        WriteRunJson(output.PathOf("run.json"), config, threads, result, setupSeconds, wall.Elapsed.TotalSeconds);
        output.Commit();
        return new Report(result, output.FinalPath, wall.Elapsed.TotalSeconds, config.Parts);
    }

    /// <summary>The one-line summary printed after a run: neurons, synapses, spikes, the mean rate of
    /// each population of the config (a clustered population: over all its clusters and background)
    /// and the realtime factor of the simulation loop.</summary>
    public static string Summary(Report report)
    {
        var r = report.Result;
        var rates = string.Join(", ", report.Parts.Select(part => $"{part.Key} {ConfigRateHz(r, part.Value).ToString("F2", CultureInfo.InvariantCulture)} Hz"));
        long spikes = r.NeuronSpikeCounts.Sum();
        return $"wrote {report.OutputDir}: {r.Spec.Neurons} neurons, {r.Synapses} synapses, {spikes} spikes in " +
            $"{r.DurationMs.ToString("G6", CultureInfo.InvariantCulture)} ms; rates {rates}; realtime factor " +
            $"{r.RealtimeFactor.ToString("F3", CultureInfo.InvariantCulture)}";
    }

    /// <summary>Mean rate (Hz) over the populations a config population became.</summary>
    private static double ConfigRateHz(LifNetworkResult r, string[] parts)
    {
        double spikes = 0, neurons = 0;
        foreach (string name in parts)
        {
            int p = r.Spec.IndexOf(name);
            spikes += r.MeanRateHz(p) * r.Spec.Populations[p].Size;
            neurons += r.Spec.Populations[p].Size;
        }
        return spikes / neurons;
    }

    internal static void WritePopulations(string path, LifNetworkResult r)
    {
        using var csv = new CsvTableWriter(path, ["population", "first", "size"]);
        for (int i = 0; i < r.Spec.Populations.Count; i++)
            csv.Field(r.Spec.Populations[i].Name).Field(r.FirstNeuron[i]).Field(r.Spec.Populations[i].Size).EndRow();
    }

    /// <summary>spikes.csv, and spikes.npy unless <paramref name="npyPath"/> is null.</summary>
    internal static void WriteSpikes(string csvPath, string? npyPath, LifNetworkResult r)
    {
        var table = npyPath is null ? null : new double[r.SpikeNeurons.Length * 2];
        using (var csv = new CsvTableWriter(csvPath, ["neuron", "t_ms"]))
            for (int i = 0; i < r.SpikeNeurons.Length; i++)
            {
                double t = r.SpikeTimeMs(i);
                csv.Field(r.SpikeNeurons[i]).Field(t).EndRow();
                if (table is null) continue;
                table[2 * i] = r.SpikeNeurons[i];
                table[2 * i + 1] = t;
            }
        if (table is not null) NpyWriter.Write(npyPath!, table, r.SpikeNeurons.Length, 2);
    }

    internal static void WriteRates(string path, LifNetworkResult r, double binMs)
    {
        var (times, rates) = r.Rates(binMs);
        using var csv = new CsvTableWriter(path, ["t_ms", .. r.Spec.Populations.Select(p => p.Name)]);
        for (int b = 0; b < times.Length; b++)
        {
            csv.Field(times[b]);
            for (int p = 0; p < r.Spec.Populations.Count; p++) csv.Field(rates[b, p]);
            csv.EndRow();
        }
    }

    /// <summary>Sampled observables per population (means, or sums for the proxy inputs, which then
    /// also get FR_pop = spikes in the sample interval / its length in s, summed over neurons).</summary>
    private static void WriteSamples(string path, LifNetworkResult r, bool sums, (string Prefix, NetworkObservable Observable)[] columns)
    {
        var pops = r.Spec.Populations;
        var header = new List<string> { "t_ms" };
        foreach (var (prefix, _) in columns) header.AddRange(pops.Select(p => $"{prefix}_{p.Name}"));
        if (sums) header.AddRange(pops.Select(p => $"FR_{p.Name}"));
        using var csv = new CsvTableWriter(path, header);
        for (int m = 0; m < r.SampleCount; m++)
        {
            csv.Field(r.SampleTimeMs(m));
            foreach (var (_, observable) in columns)
                for (int p = 0; p < pops.Count; p++)
                    csv.Field(sums ? r.SampleSum(m, p, observable) : r.SampleMean(m, p, observable));
            if (sums)
                for (int p = 0; p < pops.Count; p++) csv.Field(r.SampleSpikeRateHz(m, p));
            csv.EndRow();
        }
    }

    private static void WriteRunJson(string path, LifNetworkConfig config, int threads, LifNetworkResult r, double setupSeconds, double wallSeconds)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("model", LifNetworkConfig.ModelName);
        if (config.SourcePath is null) json.WriteNull("config_file"); else json.WriteString("config_file", config.SourcePath);
        json.WriteNumber("seed", config.Seed);
        json.WriteNumber("connectivity_seed", config.ConnectivitySeed);
        json.WritePropertyName("config");   // the config file as read (--seed may override its seed)
        if (config.SourceText is { } text) WriteYaml(json, YamlConfigReader.LoadRoot(text, config.SourcePath ?? "config")); else json.WriteNullValue();
        json.WriteString("synapse", r.Spec.Synapse switch
        {
            SynapseType.Delta => "delta",
            SynapseType.ExpCurrent => "exp_current",
            _ => "exp_conductance",
        });
        json.WriteString("precision", r.Spec.Precision == NetworkPrecision.Float32 ? "float32" : "float64");
        // populations running their own neuron model: which file, the compiled library and the values used
        json.WriteStartObject("neuron_models");
        foreach (var pop in r.Spec.Populations)
        {
            if (pop.Model is not { } own) continue;
            var definition = own.Model.Definition;
            double[] slots = own.Slots(r.DtMs, $"population {pop.Name}");
            json.WriteStartObject(pop.Name);
            json.WriteString("model", definition.Name);
            json.WriteString("file", definition.File);
            json.WriteString("library", own.Model.LibraryPath);
            json.WriteStartObject("parameters");
            for (int i = 0; i < definition.Parameters.Count; i++) json.WriteNumber(definition.Parameters[i].Name, slots[i]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteNumber("dt_ms", r.DtMs);
        json.WriteNumber("duration_ms", r.DurationMs);
        json.WriteNumber("steps", r.Steps);
        json.WriteNumber("neurons", r.Spec.Neurons);
        json.WriteNumber("synapses", r.Synapses);
        json.WriteNumber("threads", threads);
        json.WriteStartObject("rates_hz");
        for (int p = 0; p < r.Spec.Populations.Count; p++) json.WriteNumber(r.Spec.Populations[p].Name, r.MeanRateHz(p));
        json.WriteEndObject();
        json.WriteNumber("total_spikes", r.NeuronSpikeCounts.Sum());
        json.WriteNumber("recorded_spikes", r.SpikeNeurons.Length);
        json.WriteNumber("sample_every_steps", r.SampleEvery);
        json.WriteStartArray("warnings");
        foreach (string w in config.Warnings) json.WriteStringValue(w);
        json.WriteEndArray();
        json.WriteString("spikes_npy", "float64 array of shape (spikes, 2): neuron, t_ms");
        EngineInfo.WriteJson(json);
        json.WriteNumber("setup_time_s", setupSeconds);
        json.WriteNumber("simulate_time_s", r.WallSeconds);
        json.WriteNumber("wall_time_s", wallSeconds);
        json.WriteNumber("realtime_factor", r.RealtimeFactor);
        json.WriteString("finished_utc", DateTime.UtcNow.ToString("O"));
        json.WriteEndObject();
    }

    /// <summary>A YAML tree as JSON: plain scalars that read as numbers or booleans become numbers or
    /// booleans (as the config reader reads them), everything else text.</summary>
    private static void WriteYaml(Utf8JsonWriter json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    json.WritePropertyName(key is YamlScalarNode { Value: { } k } ? k : key.ToString());
                    WriteYaml(json, value);
                }
                json.WriteEndObject();
                break;
            case YamlSequenceNode list:
                json.WriteStartArray();
                foreach (var item in list.Children) WriteYaml(json, item);
                json.WriteEndArray();
                break;
            case YamlScalarNode scalar when YamlConfigReader.IsNull(scalar):
                json.WriteNullValue();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v }:
                if (v is "true" or "True" or "TRUE" or "yes") json.WriteBooleanValue(true);
                else if (v is "false" or "False" or "FALSE" or "no") json.WriteBooleanValue(false);
                else if (double.TryParse(v.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
                    json.WriteNumberValue(x);
                else json.WriteStringValue(v);
                break;
            case YamlScalarNode scalar:
                json.WriteStringValue(scalar.Value);
                break;
            default:
                json.WriteStringValue(node.ToString());
                break;
        }
    }
}
