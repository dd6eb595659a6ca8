using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli.Report;
using NeuroEngine.IO;
using NeuroEngine.Search;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine runs show|export|merge</c> (docs/search.md): read the run store of an
/// explore or optimize run.</summary>
public static class RunsCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var showDir = new Argument<string>("DIR") { Description = "Run folder (holds run.sqlite)" };
        var history = new Option<bool>("--history") { Description = "Also print the best value after each generation" };
        var top = new Option<int>("--top") { Description = "Rows of the Pareto front (or best evaluations) to print", HelpName = "N", DefaultValueFactory = _ => 10 };
        var show = new Command("show", "Best parameters (or the Pareto front), evaluations done, time; --history for the best value per generation") { showDir, history, top };
        show.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            using var store = OpenStore(parse.GetValue(showDir)!);
            Show(store, parse.GetValue(showDir)!, parse.GetValue(history), parse.GetValue(top), context.Stdout);
            return ExitCodes.Ok;
        }));

        var exportDir = new Argument<string>("DIR") { Description = "Run folder (holds run.sqlite)" };
        var exportOut = new Option<string>("--out", "-o") { Description = "CSV file to write (id,generation,status,objective_0..,<parameters>,<metrics>)", Required = true, HelpName = "FILE.csv" };
        var export = new Command("export", "Write every finished evaluation as CSV") { exportDir, exportOut };
        export.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            using var store = OpenStore(parse.GetValue(exportDir)!);
            var space = SpaceOf(store);
            string file = AtomicFile.Write(parse.GetValue(exportOut)!, tmp =>
            {
                using var writer = new StreamWriter(tmp);
                store.ExportCsv(writer, space);
            });
            context.Stdout.WriteLine($"wrote {file}: {store.Evaluations().Count(e => e.Status != EvaluationStatus.Running)} evaluations");
            return ExitCodes.Ok;
        }));

        var mergeDirs = new Argument<string[]>("DIRS") { Description = "Shard folders (e.g. DIR/shard-*)", Arity = ArgumentArity.OneOrMore };
        var mergeOut = new Option<string>("--out", "-o") { Description = "Run folder to create with all shards' evaluations", Required = true, HelpName = "DIR" };
        var merge = new Command("merge", "Combine the stores of the shards of one exploration (--shard i/N) into one run folder (with its report.html)") { mergeDirs, mergeOut };
        ReportOptions.SetFolderAction(merge, context, parse =>
        {
            context.Stdout.WriteLine(Merge(parse.GetValue(mergeDirs)!, parse.GetValue(mergeOut)!, context.Stderr));
            return ExitCodes.Ok;
        }, parse => parse.GetValue(mergeOut)!);
        return new Command("runs", "Inspect and combine the run folders of explore and optimize") { show, export, merge };
    }

    private static RunStore OpenStore(string dir)
    {
        string path = Path.Combine(dir, RunStore.FileName);
        if (!File.Exists(path))
        {
            bool shards = Directory.Exists(dir) && Directory.GetDirectories(dir, "shard-*").Length > 0;
            throw new CliException(shards
                ? $"{dir} holds shard folders but no {RunStore.FileName}; combine them first: neuroengine runs merge {Path.Combine(dir, "shard-*")} --out DIR"
                : $"{dir}: no {RunStore.FileName} (not a run folder of explore or optimize)");
        }
        try
        {
            var store = RunStore.Open(path);
            if (store.GetConfig("command") is null) { store.Dispose(); throw new CliException($"{path} is not a run store (no command in its config table)"); }
            return store;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) { throw new CliException($"{path}: cannot read the run store: {ex.Message}"); }
    }

    private static ParameterSpace SpaceOf(RunStore store) =>
        store.GetSpace() ?? throw new CliException($"{store.Path}: the store has no parameter space");

    private static string[] ObjectiveNames(RunStore store) =>
        store.GetConfig("objectives") is { } json ? JsonSerializer.Deserialize<string[]>(json)! : ["objective_0"];

    private static string Parameters(ParameterSpace space, double[] values) =>
        string.Join(", ", space.Parameters.Select((p, j) => $"{p.Name} = {Short(p, values[j])}"));

    private static string Short(SearchParameter p, double v) => p.Kind == ParameterKind.Categorical ? p.Format(v) : v.ToString("G6", C);

    /// <summary>One line: evaluations done and the best value (or the Pareto front's size) with its parameters.</summary>
    public static string Headline(RunStore store, string folder) => Headline(store, folder, store.Evaluations());

    private static string Headline(RunStore store, string folder, IReadOnlyList<EvaluationRecord> all)
    {
        var space = SpaceOf(store);
        var names = ObjectiveNames(store);
        int ok = all.Count(e => e.Status == EvaluationStatus.Ok), failed = all.Count(e => e.Status == EvaluationStatus.Failed);
        string head = $"{store.GetConfig("command")} {store.GetConfig("optimizer")} in {folder}: {ok + failed}/{store.GetConfig("budget")} evaluations ({failed} failed)";
        if (names.Length > 1) return head + $"; Pareto front of {RunStore.FrontOf(all).Count}";
        return RunStore.BestOf(all) is { } best ? head + $"; best {names[0]} {best.Objectives[0].ToString("G6", C)} (evaluation {best.Id}) at {Parameters(space, best.Parameters)}" : head + "; nothing finished";
    }

    private static void Show(RunStore store, string dir, bool history, int top, TextWriter o)
    {
        if (top < 1) throw new CliException($"--top must be >= 1, got {top}");
        var all = store.Evaluations();
        var space = SpaceOf(store);
        var names = ObjectiveNames(store);
        o.WriteLine(Headline(store, dir, all));
        int running = all.Count(e => e.Status == EvaluationStatus.Running);
        if (running > 0) o.WriteLine($"{running} evaluation(s) were in flight when the run stopped (continue it with --resume)");
        o.WriteLine($"started {store.GetConfig("started_utc")}, finished {store.GetConfig("finished_utc") ?? "(not finished)"}; " +
            $"{store.FinishedGenerations()} generations; {Timing(all)}; seed {store.GetConfig("seed")}; {store.GetConfig("engine")}");
        var header = names.Concat(space.Names).ToArray();
        List<EvaluationRecord> rows = names.Length > 1
            ? RunStore.FrontOf(all)
            : all.Where(e => e.Status == EvaluationStatus.Ok && e.Objectives.Length > 0 && double.IsFinite(e.Objectives[0])).OrderBy(e => e.Objectives[0]).ThenBy(e => e.Id).ToList();
        o.WriteLine(names.Length > 1 ? $"Pareto front ({rows.Count} evaluations, first {Math.Min(top, rows.Count)} by {names[0]}):" : $"best {Math.Min(top, rows.Count)}:");
        o.WriteLine("id\t" + string.Join('\t', header) + (rows.FirstOrDefault()?.Metrics.Count > 0 ? "\t" + string.Join('\t', rows[0].Metrics.Keys) : ""));
        foreach (var e in rows.OrderBy(e => e.Objectives[0]).Take(top))
            o.WriteLine($"{e.Id}\t" + string.Join('\t', e.Objectives.Select(v => v.ToString("G6", C)).Concat(space.Parameters.Select((p, j) => Short(p, e.Parameters[j]))))
                + (e.Metrics.Count > 0 ? "\t" + string.Join('\t', e.Metrics.Values.Select(v => v.ToString("G6", C))) : ""));
        if (history)
        {
            o.WriteLine("history (best value after each generation):");
            o.WriteLine("generation\tevaluations\tbest");
            foreach (var (generation, evaluations, best) in store.Generations())
                o.WriteLine($"{generation}\t{evaluations}\t{(double.IsFinite(best) ? best.ToString("G6", C) : "-")}");
        }
    }

    /// <summary>The run's wall time: from the first evaluation's start to the last one's end (a resumed
    /// run counts the pause too); null when no evaluation has finished.</summary>
    public static double? WallSeconds(IReadOnlyList<EvaluationRecord> all)
    {
        var starts = all.Where(e => e.StartedUtc is not null).Select(e => e.StartedUtc!.Value).ToList();
        var ends = all.Where(e => e.FinishedUtc is not null).Select(e => e.FinishedUtc!.Value).ToList();
        if (starts.Count == 0 || ends.Count == 0) return null;
        return Math.Max(0, (ends.Max() - starts.Min()).TotalSeconds);
    }

    /// <summary>"wall time W s; summed evaluation time S s": evaluations run in parallel (workers,
    /// batches), so their summed durations exceed the wall time.</summary>
    public static string Timing(IReadOnlyList<EvaluationRecord> all) =>
        $"wall time {(WallSeconds(all) is { } wall ? wall.ToString("F1", C) + " s" : "-")} (first evaluation's start to last one's end); " +
        $"summed evaluation time {all.Sum(e => e.DurationSeconds).ToString("F1", C)} s";

    /// <summary>Combines shard stores into a new run folder; returns the summary line.</summary>
    public static string Merge(IReadOnlyList<string> dirs, string outDir, TextWriter stderr)
    {
        if (dirs.Count == 0) throw new CliException("runs merge: give the shard folders (e.g. DIR/shard-*)");
        string outPath = Path.Combine(outDir, RunStore.FileName);
        if (File.Exists(outPath)) throw new CliException($"--out {outDir} holds a run already ({RunStore.FileName}); choose a new folder");
        var stores = new List<RunStore>();
        try
        {
            foreach (string dir in dirs) stores.Add(OpenStore(dir));
            var first = stores[0];
            string config = first.GetConfig("config")!;
            var shardNames = new HashSet<string>();
            int? total = null;
            for (int s = 0; s < stores.Count; s++)
            {
                if (stores[s].GetConfig("config") != config || stores[s].GetConfig("command") != first.GetConfig("command"))
                    throw new CliException($"runs merge: {dirs[s]} is a run of another config than {dirs[0]}");
                string shard = stores[s].GetConfig("shard") ?? "0/1";
                if (!shardNames.Add(shard)) throw new CliException($"runs merge: shard {shard} is given twice ({dirs[s]})");
                int n = int.Parse(shard.Split('/')[1], C);
                if (total is not null && n != total) throw new CliException($"runs merge: {dirs[s]} is shard {shard}, the others are shards of {total}");
                total = n;
            }
            if (shardNames.Count < total)
                stderr.WriteLine($"warning: merging {shardNames.Count} of {total} shards (missing: {string.Join(", ", Enumerable.Range(0, total!.Value).Select(i => $"{i}/{total}").Where(x => !shardNames.Contains(x)))})");
            Directory.CreateDirectory(outDir);
            string tmp = outPath + ".partial";
            if (File.Exists(tmp)) File.Delete(tmp);
            long budget = 0, copied = 0, lost = 0;
            using (var merged = RunStore.Open(tmp))
            {
                foreach (string key in new[] { "config", "config_file", "command", "optimizer", "objectives", "engine", "started_utc", "space", "seed" })
                    if (first.GetConfig(key) is { } value) merged.SetConfig(key, value);
                foreach (var store in stores)
                {
                    budget += long.Parse(store.GetConfig("budget") ?? "0", C);
                    foreach (var e in store.Evaluations())
                    {
                        if (e.Status == EvaluationStatus.Running) { lost++; continue; }
                        try { merged.Insert(e); }
                        catch (InvalidOperationException ex) { throw new CliException($"runs merge: {ex.Message}"); }
                        copied++;
                    }
                }
                merged.SetConfig("budget", budget.ToString(C));
                merged.SetConfig("shard", "0/1");
                merged.SetConfig("merged_from", JsonSerializer.Serialize(dirs.Select(Path.GetFullPath)));
                merged.SetConfig("finished_utc", stores.Select(s => s.GetConfig("finished_utc") ?? "").Max()!);
            }
            foreach (string suffix in new[] { "-wal", "-shm" })
                if (File.Exists(tmp + suffix)) throw new CliException($"runs merge: {tmp}{suffix} was left open");
            File.Move(tmp, outPath);
            if (lost > 0) stderr.WriteLine($"warning: {lost} evaluation(s) were in flight in the shards and are not merged (resume those shards first)");
            using var result = RunStore.Open(outPath);
            return $"merged {stores.Count} shard(s), {copied} evaluations -> {outDir}; " + Headline(result, outDir);
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }
}
