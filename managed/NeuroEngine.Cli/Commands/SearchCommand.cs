using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Report;
using NeuroEngine.Cli.Search;
using NeuroEngine.Search;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine explore CONFIG.yaml --run-dir DIR [--resume] [--shard i/N]</c> and
/// <c>neuroengine optimize CONFIG.yaml --run-dir DIR [--resume]</c> (docs/search.md): a search with
/// every evaluation in DIR/run.sqlite, resumable after the process was killed.</summary>
public static class SearchCommand
{
    public static Command Create(CliContext context, bool explore)
    {
        string name = explore ? "explore" : "optimize";
        var config = new Argument<string>("CONFIG") { Description = "Search config (space:, objective:, optimizer:; see docs/search.md and examples/search-*.yaml)" };
        var runDir = new Option<string>("--run-dir") { Description = "Run folder: run.sqlite holds every evaluation", Required = true, HelpName = "DIR" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in DIR (same config): finished evaluations are kept, the rest run" };
        var threads = new Option<int>("--threads") { Description = "Threads per simulation (0 = all cores; with workers > 1 each simulation gets one)", HelpName = "N", DefaultValueFactory = _ => 0 };
        var command = new Command(name, explore
            ? "Explore a parameter space (grid, random or Sobol) with every evaluation stored in DIR/run.sqlite"
            : "Optimise a parameter space (adaptive, nsga2, de, cmaes) with every evaluation stored in DIR/run.sqlite")
        { config, runDir, resume, threads };
        var noReport = ReportOptions.NoReport();
        command.Options.Add(noReport);
        Option<string>? shard = null;
        if (explore)
        {
            shard = new Option<string>("--shard") { Description = "Evaluate every N-th candidate, starting at i (0-based), into DIR/shard-i-of-N/ (job arrays; combine with runs merge)", HelpName = "i/N" };
            command.Options.Add(shard);
        }
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            int t = parse.GetValue(threads);
            if (t < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {t}");
            var (index, count) = shard is null ? (0, 1) : ParseShard(parse.GetValue(shard));
            context.Stdout.WriteLine(Run(parse.GetValue(config)!, parse.GetValue(runDir)!, parse.GetValue(resume), explore, index, count, t, context,
                report: !parse.GetValue(noReport)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || i >= n)
            throw new CliException($"--shard must be i/N with 0 <= i < N (e.g. --shard $SLURM_ARRAY_TASK_ID/8), got '{text}'");
        return (i, n);
    }

    /// <summary>Runs (or resumes) a search; returns the summary line.</summary>
    /// <param name="report">Write DIR/report.html, refreshed after each generation (at most every 2 s) and at the end.</param>
    public static string Run(string configPath, string runDir, bool resume, bool explore, int shard, int shards, int threads, CliContext context,
        bool report = true)
    {
        var config = SearchConfig.Load(configPath, threads);
        string command = explore ? "explore" : "optimize";
        if (explore != config.Optimizer.IsExploration)
            throw new CliException(explore
                ? $"{configPath}: optimizer.name {config.Optimizer.Name} is an optimiser; run it with neuroengine optimize (explore takes grid, random or sobol)"
                : $"{configPath}: optimizer.name {config.Optimizer.Name} is an exploration; run it with neuroengine explore (optimize takes adaptive, nsga2, de or cmaes)");
        if (string.IsNullOrWhiteSpace(runDir)) throw new CliException("--run-dir must name a folder");
        string folder = shards > 1 ? Path.Combine(runDir, $"shard-{shard}-of-{shards}") : runDir;
        string storePath = Path.Combine(folder, RunStore.FileName);
        if (resume)
        {
            if (!File.Exists(storePath)) throw new CliException($"--resume: {folder} holds no run to resume ({RunStore.FileName} not found)");
        }
        else if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new CliException($"--run-dir {folder} is not empty; add --resume to continue the run in it, or choose a new folder");
        Directory.CreateDirectory(folder);

        var strategy = config.CreateStrategy(shard, shards);
        long budget = strategy is PointListStrategy list ? list.Count : config.Optimizer.Budget!.Value;
        if (budget == 0) throw new CliException($"shard {shard}/{shards} has no candidates (the exploration has fewer than {shards})");
        using var store = RunStore.Open(storePath);
        string shardText = $"{shard}/{shards}";
        if (resume)
        {
            if (store.GetConfig("config") is not { } old) throw new CliException($"--resume: {storePath} holds no run config");
            if (old != config.Text) throw new CliException($"--resume: {configPath} differs from the config the run in {folder} started with; resume with the same config (runs show {folder} prints it)");
            if (store.GetConfig("command") != command) throw new CliException($"--resume: the run in {folder} was started by {store.GetConfig("command")}, not {command}");
            if ((store.GetConfig("shard") ?? "0/1") != shardText) throw new CliException($"--resume: the run in {folder} is shard {store.GetConfig("shard")}, not {shardText}");
        }
        else
        {
            store.SetConfig("config", config.Text);
            store.SetConfig("config_file", Path.GetFullPath(configPath));
            store.SetConfig("command", command);
            store.SetConfig("optimizer", config.Optimizer.Name);
            store.SetConfig("budget", budget.ToString(CultureInfo.InvariantCulture));
            store.SetConfig("shard", shardText);
            store.SetConfig("seed", config.Optimizer.Seed.ToString(CultureInfo.InvariantCulture));
            store.SetConfig("objectives", JsonSerializer.Serialize(config.ObjectiveNames));
            store.SetConfig("engine", $"neuroengine {EngineInfo.ManagedVersion} (native {EngineInfo.NativeVersion}) {EngineInfo.BuildInfo}");
            store.SetConfig("started_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            store.SetSpace(config.Space);
        }
        var objective = config.CreateObjective();
        Func<long, long>? idOf = shards > 1 ? k => shard + k * shards : null;
        string label = $"{command} {config.Optimizer.Name}" + (shards > 1 ? $" shard {shardText}" : "");
        var started = DateTime.UtcNow;
        try
        {
            // the report is refreshed after a generation once 2 s have passed, and never takes more
            // than a tenth of the run's time (a store of many evaluations takes a while to plot)
            var sinceReport = System.Diagnostics.Stopwatch.StartNew();
            double reportSeconds = 0;
            SearchProgressDisplay.Run(context, label, progress =>
                SearchRun.Run(strategy, config.Space, objective, budget, config.Optimizer.Seed, store, idOf, progress, context.Cancellation),
                p =>
                {
                    if (!report || sinceReport.Elapsed.TotalSeconds < Math.Max(2, 10 * reportSeconds)) return; // the final report is written below
                    var writing = System.Diagnostics.Stopwatch.StartNew();
                    RunReport.WriteAfterRun(folder, context);
                    reportSeconds = writing.Elapsed.TotalSeconds;
                    sinceReport.Restart();
                });
        }
        catch (InvalidOperationException ex) when (resume) { throw new CliException($"--resume: {ex.Message}"); }
        catch (OperationCanceledException) { throw new CliException($"cancelled; finished evaluations are in {storePath} (continue with --resume)", ExitCodes.Cancelled); }
        store.SetConfig("finished_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        if (report) RunReport.WriteAfterRun(folder, context);
        return RunsCommand.Headline(store, folder) + $"; {(DateTime.UtcNow - started).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";
    }
}
