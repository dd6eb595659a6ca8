using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NeuroEngine.Simulation;

namespace NeuroEngine.Benchmarks;

/// <summary>Throughput of the batched single-neuron LIF model (docs/lif-neurons.md) with the default
/// settings (T = 200 ms, dt = 0.2 ms -> 1000 samples, input noise on, euler-reference scheme),
/// parameters drawn from the default prior, no spike times and no voltage kept.
/// One operation = one whole <see cref="LifNeuronBatch.Simulate"/> call over all neurons; the
/// <c>NeuronSteps/s</c> column converts its mean time to neurons x samples / seconds.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/NeuroEngine.Benchmarks -- --filter '*LifNeuronBatch*'</c>.
/// Short job (1 launch, 1 warm-up, 5 measured iterations) so the 4 cases finish in a few minutes.</remarks>
[Config(typeof(LifNeuronBatchBenchmarks.BenchConfig))]
public class LifNeuronBatchBenchmarks
{
    /// <summary>Config: a short job plus the neuron-steps/s column.</summary>
    public sealed class BenchConfig : ManualConfig
    {
        public BenchConfig()
        {
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Throughput)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithId("Short"));
            AddColumn(new NeuronStepsPerSecondColumn());
        }
    }

    /// <summary>Samples per neuron with the default settings (ceil(200 / 0.2)).</summary>
    public static readonly long Samples = new LifSettings().Samples;

    [Params(100_000, 1_000_000)]
    public int Neurons { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    private LifParameters[] _theta = [];
    private readonly LifSettings _settings = new();
    private LifRunOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        _theta = LifPrior.Default.Sample(Neurons, seed: 45);
        _options = new LifRunOptions { Seed = 1, Threads = Threads, MaxSpikesPerNeuron = 0, VoltageEvery = 0 };
    }

    /// <summary>Returns the total spike count so the work cannot be elided.</summary>
    [Benchmark(Description = "LIF batch, noise on")]
    public long Simulate()
    {
        var result = LifNeuronBatch.Simulate(_theta, _settings, _options);
        long total = 0;
        foreach (int c in result.SpikeCounts) total += c;
        return total;
    }
}

/// <summary>Neuron-steps per second: Neurons x samples / mean time of one operation.</summary>
public sealed class NeuronStepsPerSecondColumn : IColumn
{
    public string Id => nameof(NeuronStepsPerSecondColumn);
    public string ColumnName => "NeuronSteps/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "neurons x samples (1000) / mean seconds per Simulate call";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || !(stats.Mean > 0)) return "NA";
        object? neurons = benchmarkCase.Parameters[nameof(LifNeuronBatchBenchmarks.Neurons)];
        if (neurons is null) return "NA";
        double steps = Convert.ToDouble(neurons) * LifNeuronBatchBenchmarks.Samples;
        double perSecond = steps / (stats.Mean * 1e-9); // Mean is in nanoseconds
        return perSecond.ToString("0.000e+00", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
