using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Native;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine simulate CONFIG.yaml --out DIR</c> for <c>model: lif-network</c>: runs the
/// network and writes the files of specs/lif_network.md atomically.</summary>
public static class SimulateNetwork
{
    /// <summary>Files a lif-network run may write; an existing output folder holding only these may be replaced.</summary>
    public static readonly string[] OutputFiles =
        ["populations.csv", "spikes.csv", "spikes.npy", "rates.csv", "currents.csv", "vm.csv", "proxy_inputs.csv", "run.json"];

    /// <summary>Outcome of a run, for the summary line.</summary>
    public sealed record Report(LifNetworkResult Result, string OutputDir, double WallSeconds);

    public static Report Run(LifNetworkConfig config, string outDir, int threads, CliContext context)
    {
        var wall = Stopwatch.StartNew();
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        if (string.IsNullOrWhiteSpace(outDir)) throw new CliException("--out must name a folder");
        var spec = config.Spec;
        var rec = config.Record;
        if (rec.Currents && spec.Synapse == SynapseType.Delta)
            throw new CliException("record.currents needs synapse.type exp_current or exp_conductance (delta synapses have no currents)");
        foreach (string warning in spec.DelayWarnings()) context.Stderr.WriteLine("warning: " + warning);
        bool sample = rec.Currents || rec.Vm || rec.ProxyInputs;
        var recording = new NetworkRecording { Spikes = rec.Spikes, SampleMs = sample ? rec.SampleMs : 0 };

        using var output = new AtomicOutputDirectory(outDir, OutputFiles);
        LifNetworkResult result;
        try
        {
            using var sim = LifNetworkSimulation.Single(spec, config.Seed, recording, threads, config.MaxMemoryMb << 20);
            result = ProgressDisplay.Run(context, $"lif-network ({spec.Neurons:N0} neurons, {sim.Synapses:N0} synapses)",
                progress => sim.Run(config.DurationMs, progress, context.Cancellation)[0]);
        }
        catch (NativeOutOfMemoryException ex)
        {
            throw new CliException($"limits.max_memory_mb ({config.MaxMemoryMb}): the network does not fit ({ex.Message})");
        }
        catch (ArgumentException ex) { throw new CliException(LifNetworkConfig.Translate(ex)); }

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
        WriteRunJson(output.PathOf("run.json"), config, threads, result, wall.Elapsed.TotalSeconds);
        output.Commit();
        return new Report(result, output.FinalPath, wall.Elapsed.TotalSeconds);
    }

    /// <summary>The one-line summary printed after a run.</summary>
    public static string Summary(Report report)
    {
        var r = report.Result;
        var rates = string.Join(", ", r.Spec.Populations.Select((p, i) => $"{p.Name} {r.MeanRateHz(i).ToString("F2", CultureInfo.InvariantCulture)} Hz"));
        long spikes = r.NeuronSpikeCounts.Sum();
        return $"wrote {report.OutputDir}: {r.Spec.Neurons} neurons, {r.Synapses} synapses, {spikes} spikes in " +
            $"{r.DurationMs.ToString("G6", CultureInfo.InvariantCulture)} ms; rates {rates}; realtime factor " +
            $"{(r.DurationMs / 1000.0 / Math.Max(r.WallSeconds, 1e-9)).ToString("F3", CultureInfo.InvariantCulture)}";
    }

    private static void WritePopulations(string path, LifNetworkResult r)
    {
        using var csv = new CsvTableWriter(path, ["population", "first", "size"]);
        for (int i = 0; i < r.Spec.Populations.Count; i++)
            csv.Field(r.Spec.Populations[i].Name).Field(r.FirstNeuron[i]).Field(r.Spec.Populations[i].Size).EndRow();
    }

    private static void WriteSpikes(string csvPath, string npyPath, LifNetworkResult r)
    {
        var table = new double[r.SpikeNeurons.Length * 2];
        using (var csv = new CsvTableWriter(csvPath, ["neuron", "t_ms"]))
            for (int i = 0; i < r.SpikeNeurons.Length; i++)
            {
                double t = r.SpikeTimeMs(i);
                csv.Field(r.SpikeNeurons[i]).Field(t).EndRow();
                table[2 * i] = r.SpikeNeurons[i];
                table[2 * i + 1] = t;
            }
        NpyWriter.Write(npyPath, table, r.SpikeNeurons.Length, 2);
    }

    private static void WriteRates(string path, LifNetworkResult r, double binMs)
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

    private static void WriteRunJson(string path, LifNetworkConfig config, int threads, LifNetworkResult r, double wallSeconds)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("model", LifNetworkConfig.ModelName);
        if (config.SourcePath is null) json.WriteNull("config_file"); else json.WriteString("config_file", config.SourcePath);
        json.WriteNumber("seed", config.Seed);
        json.WriteString("synapse", r.Spec.Synapse.ToString());
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
        json.WriteStartArray("delay_warnings");
        foreach (string w in r.Spec.DelayWarnings()) json.WriteStringValue(w);
        json.WriteEndArray();
        EngineInfo.WriteJson(json);
        json.WriteNumber("simulate_time_s", r.WallSeconds);
        json.WriteNumber("wall_time_s", wallSeconds);
        json.WriteNumber("realtime_factor", r.DurationMs / 1000.0 / Math.Max(r.WallSeconds, 1e-9));
        json.WriteString("finished_utc", DateTime.UtcNow.ToString("O"));
        json.WriteEndObject();
    }
}
