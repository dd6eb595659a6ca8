using NeuroEngine.Features;
using NeuroEngine.Random;
using NeuroEngine.Signals;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Pipelines;

/// <summary>Simulated (parameters, features) pairs of <see cref="NcpiExample"/>.</summary>
public sealed record NcpiDataset(string[] ParameterNames, double[][] Parameters, string[] FeatureNames, double[][] Features);

/// <summary>The simulator of the ncpi pipeline, after ncpi's README example (simulate a spiking
/// network for parameters theta, compute the FR proxy, extract catch22 features), scaled to run
/// hundreds of times in a test: Brunel's (2000) model A with N = 1,000 neurons (10% in-degree,
/// J = 0.1 mV, delay 1.5 ms, dt = 0.1 ms), theta = (g, eta) uniform on [4, 8] x [1.5, 4] (relative
/// inhibition and external drive, spanning the asynchronous irregular and synchronous irregular
/// states), 700 ms of which the first 200 ms are discarded, the FR proxy (mean of the E and I
/// population rates in 1 ms bins, ncpi's 'FR') and its catch24 features: catch22, which sees the
/// series z-scored, plus mean and standard deviation, which carry the rate level catch22 cannot see.
/// Networks run in batches of <see cref="BatchSize"/> sharing one connectivity (seeded), each with
/// its own dynamics seed, so the dataset depends only on (count, seed), not on the thread count.</summary>
public static class NcpiExample
{
    public const int Neurons = 1000, BatchSize = 25;
    public const double DurationMs = 700, TransientMs = 200, BinMs = 1.0;
    public static string[] ParameterNames => ["g", "eta"];
    /// <summary>Uniform prior bounds, in <see cref="ParameterNames"/> order.</summary>
    public static readonly (double Low, double High)[] PriorBounds = [(4.0, 8.0), (1.5, 4.0)];

    public static NcpiDataset Simulate(int count, ulong seed, int threads = 0, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one simulation");
        if (threads < 0) throw new ArgumentOutOfRangeException(nameof(threads), threads, "must be >= 0 (0 = all cores)");
        var prior = new PhiloxStream(seed, 40);
        var theta = Enumerable.Range(0, count).Select(_ => PriorBounds.Select(b => b.Low + (b.High - b.Low) * prior.NextDouble()).ToArray()).ToArray();
        var series = new double[count][];
        for (int start = 0; start < count; start += BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            int k = Math.Min(BatchSize, count - start);
            var specs = Enumerable.Range(start, k).Select(i => StandardNetworks.Brunel(Neurons, g: theta[i][0], eta: theta[i][1])).ToArray();
            var seeds = Enumerable.Range(start, k).Select(i => seed * 1_000_003UL + (ulong)i + 1).ToArray();
            using var sim = new LifNetworkSimulation(specs, seed, seeds, new NetworkRecording { Spikes = false }, threads);
            var results = sim.Run(DurationMs, null, cancellation);
            for (int j = 0; j < k; j++) series[start + j] = FrProxy(results[j]);
            progress?.Report(Math.Min(count, start + k) / (double)count);
        }
        var features = new double[count][];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1, CancellationToken = cancellation },
            i => features[i] = Catch22.Compute(series[i], catch24: true));
        return new NcpiDataset(ParameterNames, theta, [.. Catch22.Names], features);
    }

    /// <summary>ncpi's FR proxy of one run: mean over the populations of their rates (Hz) in 1 ms bins, after the transient.</summary>
    public static double[] FrProxy(LifNetworkResult result)
    {
        var (times, rates) = result.Rates(BinMs);
        int first = Array.FindIndex(times, t => t >= TransientMs - 1e-9);
        int bins = times.Length - first, populations = rates.GetLength(1);
        var fr = Enumerable.Range(0, populations).Select(p => Enumerable.Range(first, bins).Select(b => rates[b, p]).ToArray()).ToArray();
        return FieldPotential.Compute(ProxyMethod.FR, new ProxyInputs(Fr: fr));
    }
}
