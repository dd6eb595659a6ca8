using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.Search;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Search;

/// <summary>The optimiser section of a search config (docs/search.md).</summary>
internal sealed record OptimizerSettings(string Name, long? Budget, int? Population, ulong Seed, int Workers, int? PointsPerAxis,
    int? InitialPopulation)
{
    public static readonly string[] ExploreNames = ["grid", "random", "sobol"];
    public static readonly string[] OptimizeNames = ["adaptive", "nsga2", "de", "cmaes"];
    public bool IsExploration => ExploreNames.Contains(Name);
}

/// <summary>A search config (docs/search.md): the parameter space, the objective (a built-in test
/// function, or a <c>simulate</c> config scored by metrics) and the optimiser; every key checked, errors
/// name the file, line and key.</summary>
internal sealed class SearchConfig
{
    public required string SourcePath { get; init; }
    public required string Text { get; init; }
    public required ParameterSpace Space { get; init; }
    public required OptimizerSettings Optimizer { get; init; }
    /// <summary>sphere, rosenbrock, rastrigin, zdt1, zdt2, zdt3, or null for a simulation objective.</summary>
    public string? Function { get; init; }
    public SimulationObjective? Simulation { get; init; }
    public int Objectives => Function is { } f ? (f.StartsWith("zdt", StringComparison.Ordinal) ? 2 : 1) : Simulation!.Objectives;
    /// <summary>Names of the objective values, in order (loss, or the metrics of a multi-objective search).</summary>
    public IReadOnlyList<string> ObjectiveNames => Function is { } f
        ? (Objectives == 2 ? ["f1", "f2"] : [f]) : Simulation!.ObjectiveNames;

    public static readonly string[] Functions = ["sphere", "rosenbrock", "rastrigin", "zdt1", "zdt2", "zdt3"];
    private static readonly string[] TopKeys = ["space", "objective", "optimizer"];
    private static readonly string[] ObjectiveKeys = ["function", "dims", "simulate", "metrics", "objectives"];
    private static readonly string[] OptimizerKeys = ["name", "budget", "population", "seed", "workers", "points_per_axis", "initial_population"];
    private static readonly string[] ParameterKeys = ["type", "low", "high", "values"];

    public static SearchConfig Load(string path, int threads)
    {
        string text = YamlConfigReader.ReadFile(path);
        var r = new YamlConfigReader(path);
        var top = r.Keys(YamlConfigReader.LoadRoot(text, path), "", TopKeys);
        if (!top.TryGetValue("objective", out var objectiveNode)) throw new CliException($"{path}: objective: is required (function: or simulate:)");
        if (!top.TryGetValue("optimizer", out var optimizerNode)) throw new CliException($"{path}: optimizer: is required (name:, budget:, ...)");
        var optimizer = ReadOptimizer(r, optimizerNode);
        var o = r.Keys(objectiveNode, "objective", ObjectiveKeys);
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (o.TryGetValue("function", out var fn))
        {
            string name = r.String(fn, "objective.function");
            if (!Functions.Contains(name)) throw r.Error(fn, "objective.function", $"must be one of {string.Join(", ", Functions)}, got '{name}'");
            foreach (string key in new[] { "simulate", "metrics", "objectives" })
                if (o.TryGetValue(key, out var extra)) throw r.Error(extra, $"objective.{key}", "cannot be used with objective.function");
            if (top.TryGetValue("space", out var sp)) throw r.Error(sp, "space", "is implied by objective.function; remove it");
            bool zdt = name.StartsWith("zdt", StringComparison.Ordinal);
            int dims = o.TryGetValue("dims", out var d) ? r.Int32(d, "objective.dims") : zdt ? 30 : 2;
            if (dims < (zdt ? 2 : 1) || dims > 1000) throw r.Error(d!, "objective.dims", $"must be in [{(zdt ? 2 : 1)}, 1000], got {dims}");
            var space = new ParameterSpace(Enumerable.Range(0, dims).Select(j => zdt ? SearchParameter.Float($"x{j}", 0, 1) : SearchParameter.Float($"x{j}", -5, 5)).ToArray());
            var config = new SearchConfig { SourcePath = path, Text = text, Space = space, Optimizer = optimizer, Function = name };
            config.CheckOptimizer(r, optimizerNode);
            return config;
        }
        if (o.TryGetValue("dims", out var dn)) throw r.Error(dn, "objective.dims", "is only for objective.function");
        if (!o.TryGetValue("simulate", out var simulate)) throw r.Error(objectiveNode, "objective", "needs function: or simulate:");
        if (!top.TryGetValue("space", out var spaceNode)) throw new CliException($"{path}: space: is required with objective.simulate (the parameters to search)");
        var searched = ReadSpace(r, spaceNode);
        var simulation = SimulationObjective.Create(r, simulate, o, searched, baseDirectory, optimizer.Workers, threads);
        var result = new SearchConfig { SourcePath = path, Text = text, Space = searched, Optimizer = optimizer, Simulation = simulation };
        result.CheckOptimizer(r, optimizerNode);
        return result;
    }

    private static ParameterSpace ReadSpace(YamlConfigReader r, YamlNode node)
    {
        if (node is not YamlMappingNode map || map.Children.Count == 0)
            throw r.Error(node, "space", "must map parameter names to {type: float|log|int|categorical, low:, high:} or {type: categorical, values: [...]}");
        var list = new List<SearchParameter>();
        foreach (var (key, value) in map.Children)
        {
            string name = r.String(key, "space");
            string where = $"space.{name}";
            var k = r.Keys(value, where, ParameterKeys);
            string type = k.TryGetValue("type", out var t) ? r.String(t, $"{where}.type") : "float";
            SearchParameter p;
            if (type == "categorical")
            {
                if (!k.TryGetValue("values", out var vals)) throw r.Error(value, where, "needs values: [...] (type: categorical)");
                foreach (string bound in new[] { "low", "high" })
                    if (k.TryGetValue(bound, out var extra)) throw r.Error(extra, $"{where}.{bound}", "is not used by a categorical parameter");
                p = SearchParameter.Categorical(name, r.List(vals, $"{where}.values").Select((v, i) => r.String(v, $"{where}.values[{i}]")).ToArray());
            }
            else
            {
                if (k.TryGetValue("values", out var extra)) throw r.Error(extra, $"{where}.values", "is only for type: categorical");
                if (!k.TryGetValue("low", out var lo) || !k.TryGetValue("high", out var hi)) throw r.Error(value, where, "needs low: and high:");
                p = type switch
                {
                    "float" => SearchParameter.Float(name, r.Double(lo, $"{where}.low"), r.Double(hi, $"{where}.high")),
                    "log" => SearchParameter.Log(name, r.Double(lo, $"{where}.low"), r.Double(hi, $"{where}.high")),
                    "int" => SearchParameter.Int(name, r.Int64(lo, $"{where}.low"), r.Int64(hi, $"{where}.high")),
                    _ => throw r.Error(t!, $"{where}.type", $"must be float, log, int or categorical, got '{type}'"),
                };
            }
            try { p.Validate(); }
            catch (ArgumentException ex) { throw r.Error(value, where, CliErrors.Message(ex).Replace($"parameter '{name}': ", "")); }
            list.Add(p);
        }
        if (list.Count > 1000) throw r.Error(node, "space", $"has {list.Count} parameters, at most 1000");
        return new ParameterSpace(list);
    }

    private static OptimizerSettings ReadOptimizer(YamlConfigReader r, YamlNode node)
    {
        var k = r.Keys(node, "optimizer", OptimizerKeys);
        if (!k.TryGetValue("name", out var n)) throw r.Error(node, "optimizer", $"needs name: (one of {string.Join(", ", OptimizerSettings.ExploreNames.Concat(OptimizerSettings.OptimizeNames))})");
        string name = r.String(n, "optimizer.name");
        if (!OptimizerSettings.ExploreNames.Concat(OptimizerSettings.OptimizeNames).Contains(name))
            throw r.Error(n, "optimizer.name", $"must be one of {string.Join(", ", OptimizerSettings.ExploreNames.Concat(OptimizerSettings.OptimizeNames))}, got '{name}'");
        long? budget = k.TryGetValue("budget", out var b) ? r.Int64(b, "optimizer.budget") : null;
        if (budget is < 1) throw r.Error(b!, "optimizer.budget", $"must be at least 1 evaluation, got {budget}");
        int? population = k.TryGetValue("population", out var p) ? r.Int32(p, "optimizer.population") : null;
        if (population is < 1) throw r.Error(p!, "optimizer.population", $"must be >= 1, got {population}");
        int workers = k.TryGetValue("workers", out var w) ? r.Int32(w, "optimizer.workers") : 1;
        if (workers < 1 || workers > 1024) throw r.Error(w!, "optimizer.workers", $"must be in [1, 1024], got {workers}");
        int? perAxis = k.TryGetValue("points_per_axis", out var g) ? r.Int32(g, "optimizer.points_per_axis") : null;
        if (perAxis is < 1) throw r.Error(g!, "optimizer.points_per_axis", $"must be >= 1, got {perAxis}");
        if (perAxis is not null && name != "grid") throw r.Error(g!, "optimizer.points_per_axis", "is only for name: grid");
        int? initial = k.TryGetValue("initial_population", out var ip) ? r.Int32(ip, "optimizer.initial_population") : null;
        if (initial is < 2) throw r.Error(ip!, "optimizer.initial_population", $"must be >= 2, got {initial}");
        if (initial is not null && name != "adaptive") throw r.Error(ip!, "optimizer.initial_population", "is only for name: adaptive");
        return new OptimizerSettings(name, budget, population, k.TryGetValue("seed", out var s) ? r.UInt64(s, "optimizer.seed") : 1, workers, perAxis, initial);
    }

    // checks that need the space and objective: budgets, population rules, objective counts
    private void CheckOptimizer(YamlConfigReader r, YamlNode node)
    {
        var o = Optimizer;
        if (o.Name != "grid" && o.Budget is null) throw r.Error(node, "optimizer.budget", $"is required for {o.Name} (evaluations in total)");
        if (o.Name == "sobol" && Space.Dimension > SobolSequence.MaxDimension)
            throw r.Error(node, "optimizer.name", $"sobol supports up to {SobolSequence.MaxDimension} parameters, the space has {Space.Dimension}; use random");
        if (Objectives > 1 && o.Name is "adaptive" or "de" or "cmaes")
            throw r.Error(node, "optimizer.name", $"{o.Name} minimises one objective; the objective has {Objectives} (use nsga2, or metrics: for one weighted loss)");
        if (Objectives == 1 && o.Name == "nsga2")
            throw r.Error(node, "optimizer.name", "nsga2 needs several objectives (objective.objectives: [...]); use adaptive, de or cmaes for one");
        if (o.Name == "nsga2" && o.Population is { } np && (np < 4 || np % 4 != 0))
            throw r.Error(node, "optimizer.population", $"nsga2 needs a multiple of 4 (its tournament selection), got {np}");
        if (o.Name == "grid" && o.Budget is { } gb && GridPoints().Count is var size && size > gb)
            throw r.Error(node, "optimizer.budget", $"is {gb}, but the grid has {size} points (lower points_per_axis or raise the budget)");
    }

    /// <summary>The grid of a grid exploration (points_per_axis given, or the largest that fits the budget, default 10).</summary>
    public List<double[]> GridPoints()
    {
        int perAxis = Optimizer.PointsPerAxis
            ?? (Optimizer.Budget is { } b ? Math.Max(1, (int)Math.Floor(Math.Pow(b, 1.0 / Space.Dimension) + 1e-9)) : 10);
        try { return Space.Grid(perAxis); }
        catch (ArgumentException ex) { throw new CliException($"{SourcePath}: optimizer: {CliErrors.Message(ex)}"); }
    }

    /// <summary>The strategy for this config: the candidates of an exploration (the shard's share) or a seeded optimiser.</summary>
    public ISearchStrategy CreateStrategy(int shard, int shards)
    {
        var o = Optimizer;
        int batch = o.Population ?? 64;
        List<double[]> Share(IEnumerable<double[]> all) => all.Where((_, i) => i % shards == shard).ToList();
        return o.Name switch
        {
            "grid" => new PointListStrategy(Share(GridPoints().Select(v => Space.Encode(v))), batch, "grid"),
            "random" => new PointListStrategy(Share(Space.Random(checked((int)o.Budget!.Value), o.Seed).Select(v => Space.Encode(v))), batch, "random"),
            "sobol" => new PointListStrategy(Share(SobolSequence.Points(Space.Dimension, checked((int)o.Budget!.Value))), batch, "sobol"),
            "adaptive" => new OptimizerStrategy(new AdaptiveEvolution(Space.Dimension, o.Seed, o.Population ?? 20, o.InitialPopulation ?? 100)),
            "de" => new OptimizerStrategy(new DifferentialEvolution(Space.Dimension, o.Seed, o.Population ?? 30)),
            "cmaes" => new OptimizerStrategy(new CmaEs(Space.Dimension, o.Seed, o.Population ?? 0)),
            "nsga2" => new Nsga2(Space.Dimension, o.Seed, o.Population ?? 100),
            _ => throw new CliException($"optimizer.name '{o.Name}' is unknown"),
        };
    }

    /// <summary>The objective to evaluate.</summary>
    public ISearchObjective CreateObjective()
    {
        if (Simulation is not null) return Simulation;
        var space = Space;
        return Function switch
        {
            "sphere" => FunctionObjective.Scalar((x, _) => TestProblems.Sphere(space.Encode(x)), Optimizer.Workers),
            "rosenbrock" => FunctionObjective.Scalar((x, _) => TestProblems.Rosenbrock(space.Encode(x)), Optimizer.Workers),
            "rastrigin" => FunctionObjective.Scalar((x, _) => TestProblems.Rastrigin(space.Encode(x)), Optimizer.Workers),
            _ => new FunctionObjective(2, (x, _) =>
            {
                var (f1, f2) = TestProblems.Zdt(Function![^1] - '0', x);
                return new EvaluationOutcome([f1, f2]);
            }, Optimizer.Workers),
        };
    }
}
