using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Search;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench search</c>: the optimisers' own cost per evaluation (ask + tell with a
/// free objective, so everything measured is overhead) and NSGA-II's hypervolume on ZDT1-3 for a
/// budget (benchmarks/reference/run_search.sh sets it beside DEAP's NSGA-II). Prints key=value lines.</summary>
public static class BenchSearchCommand
{
    public static Command Create(CliContext context)
    {
        var dimension = new Option<int>("--dims") { Description = "Dimensions of the overhead problem (sphere)", DefaultValueFactory = _ => 10, HelpName = "D" };
        var evaluations = new Option<int>("--evaluations") { Description = "Evaluations per optimiser for the overhead", DefaultValueFactory = _ => 20_000, HelpName = "N" };
        var generations = new Option<int>("--generations") { Description = "NSGA-II generations on ZDT (population 100, 30 variables)", DefaultValueFactory = _ => 200, HelpName = "G" };
        var seeds = new Option<int>("--seeds") { Description = "NSGA-II runs per ZDT problem (seeds 1..N); the mean hypervolume is printed", DefaultValueFactory = _ => 5, HelpName = "N" };
        var command = new Command("search", "Optimiser overhead per evaluation and NSGA-II hypervolume on ZDT1-3") { dimension, evaluations, generations, seeds };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(dimension), parse.GetValue(evaluations),
            parse.GetValue(generations), parse.GetValue(seeds), context)));
        return command;
    }

    private static int Run(int dims, int evaluations, int generations, int seeds, CliContext context)
    {
        if (dims < 1 || evaluations < 100 || generations < 1 || seeds < 1)
            throw new CliException($"--dims >= 1, --evaluations >= 100, --generations >= 1 and --seeds >= 1 are required, got {dims}, {evaluations}, {generations}, {seeds}");
        var stdout = context.Stdout;
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        stdout.WriteLine($"bench search: overhead on a {dims}-D sphere, {evaluations} evaluations each; NSGA-II on ZDT1-3, population 100, 30 variables, {generations} generations, {seeds} seeds; {EngineInfo.BuildInfo}");
        foreach (var (name, create) in new (string, Func<IOptimizer>)[]
        {
            ("adaptive", () => new AdaptiveEvolution(dims, 1)), ("de", () => new DifferentialEvolution(dims, 1)), ("cmaes", () => new CmaEs(dims, 1)),
        })
        {
            var sw = Stopwatch.StartNew();
            OptimizerRun.Minimize(create(), TestProblems.Sphere, evaluations);
            stdout.WriteLine($"{name}_overhead_us_per_evaluation={F(sw.Elapsed.TotalMilliseconds * 1000 / evaluations, "F2")}");
        }
        // the run store's cost: the same free objective through SearchRun with every evaluation in SQLite
        string folder = Directory.CreateTempSubdirectory("ne-bench-search-").FullName;
        try
        {
            var space = new ParameterSpace(Enumerable.Range(0, dims).Select(j => SearchParameter.Float($"x{j}", -5, 5)).ToArray());
            using var store = RunStore.Open(Path.Combine(folder, RunStore.FileName));
            var sw = Stopwatch.StartNew();
            SearchRun.Minimize(new DifferentialEvolution(dims, 1), space, (x, _) => x.Sum(v => v * v), evaluations, 1, store);
            stdout.WriteLine($"de_with_run_store_us_per_evaluation={F(sw.Elapsed.TotalMilliseconds * 1000 / evaluations, "F2")}");
        }
        finally { Directory.Delete(folder, true); }
        var swNsga = Stopwatch.StartNew();
        int nsgaEvaluations = 0;
        for (int variant = 1; variant <= 3; variant++)
        {
            double sum = 0;
            for (int seed = 1; seed <= seeds; seed++)
            {
                var nsga = new Nsga2(30, (ulong)seed, 100);
                for (int g = 0; g < generations; g++)
                {
                    var points = nsga.Ask();
                    nsga.Tell(points.Select(x => { var (f1, f2) = TestProblems.Zdt(variant, x); return new[] { f1, f2 }; }).ToArray());
                    nsgaEvaluations += points.Count;
                }
                sum += ParetoFront.Hypervolume2D(nsga.Front.Select(p => p.Objectives), (1.1, 1.1));
            }
            stdout.WriteLine($"zdt{variant}_hypervolume={F(sum / seeds, "F4")}");
        }
        stdout.WriteLine($"nsga2_overhead_us_per_evaluation={F(swNsga.Elapsed.TotalMilliseconds * 1000 / nsgaEvaluations, "F2")}");
        return ExitCodes.Ok;
    }
}
