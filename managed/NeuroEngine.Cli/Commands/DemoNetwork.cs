using System.Text.Json;
using NeuroEngine.IO;
using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Cli.Commands;

/// <summary>The network of <c>neuroengine demo</c>: Brunel (2000) model A in the asynchronous
/// irregular state (N = 10,000, g = 5, eta = 2, 1.2 s; statistics after a 200 ms warm-up), simulated
/// and predicted by the self-consistent mean field (Siegert rates of <see cref="NetworkMeanField"/>).
/// Its files go beside the lif-neurons files, prefixed <c>network</c>, so one report shows both.</summary>
public static class DemoNetwork
{
    public const int Neurons = 10_000;
    public const double G = 5, Eta = 2, DurationMs = 1200, WarmupMs = 200, RatesBinMs = 10;
    public const ulong Seed = 1234;

    public const string JsonFile = "network.json", PopulationsFile = "network_populations.csv",
        SpikesFile = "network_spikes.csv", RatesFile = "network_rates.csv";

    /// <summary>Every file the network adds to the demo's folder.</summary>
    public static readonly string[] Files = [JsonFile, PopulationsFile, SpikesFile, RatesFile];

    /// <summary>The run: result, statistics per population (after the warm-up) and the mean-field
    /// fixed point (null when the solver found none).</summary>
    public sealed record Outcome(LifNetworkResult Result, SpikeTrainStatistics[] Statistics, MeanFieldFixedPoint? MeanField);

    public static LifNetworkSpec Spec() => StandardNetworks.Brunel(Neurons, G, Eta);

    /// <summary>The stable fixed point the solver reaches from 10 Hz in every population (the
    /// demo's and the report's prediction).</summary>
    public static MeanFieldFixedPoint? Predict(LifNetworkSpec spec) =>
        new MeanFieldSolver(NetworkMeanField.From(spec)).Solve([[.. Enumerable.Repeat(10.0, spec.Populations.Count)]]).FirstOrDefault(f => f.Converged);

    /// <summary>Simulates the network and writes its files into <paramref name="dir"/>.</summary>
    public static Outcome Run(AtomicOutputDirectory dir, int threads, CliContext context)
    {
        var spec = Spec();
        using var sim = LifNetworkSimulation.Single(spec, Seed, threads: threads);
        var result = ProgressDisplay.Run(context, $"lif-network (Brunel, {Neurons:N0} neurons)", p => sim.Run(DurationMs, p, context.Cancellation)[0]);
        var statistics = Enumerable.Range(0, spec.Populations.Count).Select(p => SpikeTrainStatistics.Of(result, p, WarmupMs)).ToArray();
        var outcome = new Outcome(result, statistics, Predict(spec));
        SimulateNetwork.WritePopulations(dir.PathOf(PopulationsFile), result);
        SimulateNetwork.WriteSpikes(dir.PathOf(SpikesFile), null, result);
        SimulateNetwork.WriteRates(dir.PathOf(RatesFile), result, RatesBinMs);
        WriteJson(dir.PathOf(JsonFile), outcome, threads);
        return outcome;
    }

    private static void WriteJson(string path, Outcome o, int threads)
    {
        var r = o.Result;
        var names = r.Spec.Populations.Select(p => p.Name).ToArray();
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        void PerPopulation(string key, Func<int, double> value)
        {
            json.WriteStartObject(key);
            for (int p = 0; p < names.Length; p++)
                if (double.IsFinite(value(p))) json.WriteNumber(names[p], value(p)); else json.WriteNull(names[p]);
            json.WriteEndObject();
        }
        json.WriteStartObject();
        json.WriteString("model", "lif-network");
        json.WriteString("network", "Brunel (2000) model A");
        json.WriteNumber("g", G);
        json.WriteNumber("eta", Eta);
        json.WriteNumber("seed", Seed);
        json.WriteNumber("connectivity_seed", Seed);
        json.WriteNumber("dt_ms", r.DtMs);
        json.WriteNumber("duration_ms", r.DurationMs);
        json.WriteNumber("warmup_ms", WarmupMs);
        json.WriteNumber("neurons", r.Spec.Neurons);
        json.WriteNumber("synapses", r.Synapses);
        json.WriteNumber("threads", threads);
        json.WriteNumber("rates_bin_ms", RatesBinMs);
        // the statistics of SpikeTrainStatistics over (warmup_ms, duration_ms]
        PerPopulation("rates_hz", p => o.Statistics[p].RateHz);
        PerPopulation("cv_isi", p => o.Statistics[p].CvIsi);
        PerPopulation("fano", p => o.Statistics[p].Fano);
        json.WriteStartObject("mean_field");
        json.WriteBoolean("converged", o.MeanField is not null);
        if (o.MeanField is { } mf)
        {
            json.WriteString("label", mf.Label);
            PerPopulation("rates_hz", p => mf.RatesHz[p]);
        }
        json.WriteEndObject();
        json.WriteNumber("total_spikes", r.NeuronSpikeCounts.Sum());
        EngineInfo.WriteJson(json);
        json.WriteNumber("simulate_time_s", r.WallSeconds);
        json.WriteNumber("realtime_factor", r.RealtimeFactor);
        json.WriteEndObject();
    }
}
