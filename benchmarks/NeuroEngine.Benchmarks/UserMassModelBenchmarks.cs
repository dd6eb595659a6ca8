using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using NeuroEngine.Models;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Benchmarks;

/// <summary>A built-in neural mass model against the same model written as a model file (examples/models/),
/// compiled and on the managed fallback, on the same work: the gw connectome (80 regions, delays at 20 m/s),
/// dt = 0.1 ms, OU noise on, one thread; one set for 2 s, or 16 sets for 0.2 s in one batched call. The
/// ratio column is the time against the built-in's.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/NeuroEngine.Benchmarks -- --filter '*UserMassModel*'</c>
/// (compiles the model files into a temporary cache first).</remarks>
[Config(typeof(BenchConfig))]
public class UserMassModelBenchmarks
{
    /// <summary>Config: a short job, ratios to the built-in baseline.</summary>
    public sealed class BenchConfig : ManualConfig
    {
        public BenchConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Short"));
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }

    [Params("wc", "fhn", "hopf")]
    public string Model { get; set; } = "wc";

    [Params(1, 16)]
    public int Sets { get; set; }

    private UserMassModel? _compiled, _managed;
    private List<NeuralMassParameters> _builtIn = [];
    private List<double[]> _rows = [];
    private double[][] _init = [];
    private double[,] _cmat = new double[0, 0];
    private int[,] _delays = new int[0, 0];
    private double _durationMs;
    private string _cache = "";

    [GlobalSetup]
    public void Setup()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Engine.sln"))) root = Path.GetDirectoryName(root) ?? throw new FileNotFoundException("Engine.sln above " + AppContext.BaseDirectory);
        var gw = Connectome.Load(Path.Combine(root, "data", "gw", "connectome"));
        (_cmat, _delays) = (gw.Cmat, NeuralMassNetwork.DelaySteps(gw.Dmat, 20, 0.1));
        var builtIn = Model switch { "wc" => NeuralMassModel.WilsonCowan, "fhn" => NeuralMassModel.FitzHughNagumo, _ => NeuralMassModel.Hopf };
        _cache = Path.Combine(Path.GetTempPath(), "ne-bench-models-" + Environment.ProcessId);
        string file = Path.Combine(root, "examples", "models", Model + ".yaml");
        _compiled = UserMassModel.Load(file, ModelBackend.Compiled, new ModelCompilerOptions(CacheDirectory: _cache));
        _managed = UserMassModel.Load(file, ModelBackend.Managed);
        _builtIn = Enumerable.Range(0, Sets).Select(_ => NeuralMassParameters.Defaults(builtIn).With("sigma_ou", 0.01)).ToList();
        _rows = Enumerable.Range(0, Sets).Select(_ => _compiled.ParameterRow(new Dictionary<string, double> { ["sigma_ou"] = 0.01 })).ToList();
        _init = Enumerable.Range(0, Sets).Select(k => NeuralMassModels.RandomInit(builtIn, gw.Regions, (ulong)(3 + k))).ToArray();
        _durationMs = Sets == 1 ? 2000 : 200;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiled?.Dispose();
        _managed?.Dispose();
        try { Directory.Delete(_cache, true); } catch (IOException) { }
    }

    [Benchmark(Baseline = true)]
    public NeuralMassResult BuiltIn() => NeuralMassNetwork.Run(_builtIn, _cmat, _delays, _init, 0.1, _durationMs, 1, 1, threads: 1);

    [Benchmark]
    public NeuralMassResult ModelFile() => NeuralMassNetwork.Run(_compiled!, _rows, _cmat, _delays, _init, 0.1, _durationMs, 1, 1, threads: 1);

    [Benchmark]
    public NeuralMassResult ModelFileManaged() => NeuralMassNetwork.Run(_managed!, _rows, _cmat, _delays, _init, 0.1, _durationMs, 1, 1, threads: 1);
}
