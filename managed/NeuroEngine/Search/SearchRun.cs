using System.Diagnostics;

namespace NeuroEngine.Search;

/// <summary>Runs a search strategy (optimiser or exploration) against an objective with every
/// evaluation in a <see cref="RunStore"/>, resumable. On start it replays the generations the store
/// holds through the freshly seeded strategy, checking that it asks the same candidates, reuses the
/// stored outcomes of evaluations that finished and evaluates the rest (those in flight when the
/// previous process died): optimisers are seeded and generations synchronous, so the strategy ends
/// up in exactly the state of an uninterrupted run. Failed evaluations are stored with their error
/// and told as worst; they do not stop the run.</summary>
public static class SearchRun
{
    /// <summary>The seed of evaluation <paramref name="id"/> of a run seeded <paramref name="runSeed"/>
    /// (SplitMix64 of their combination: documented so other tools can reproduce it).</summary>
    public static ulong EvaluationSeed(ulong runSeed, long id)
    {
        ulong z = runSeed + 0x9E3779B97F4A7C15UL * (ulong)(id + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Evaluates up to <paramref name="budget"/> candidates of <paramref name="strategy"/>.
    /// <paramref name="idOf"/> maps the run's k-th candidate to its evaluation id (default k; a shard
    /// i of N of an exploration uses i + k N, so merged shards keep the ids and seeds of one run).</summary>
    public static void Run(ISearchStrategy strategy, ParameterSpace space, ISearchObjective objective, long budget, ulong runSeed,
        RunStore store, Func<long, long>? idOf = null, IProgress<SearchProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be at least one evaluation");
        if (strategy.Dimension != space.Dimension) throw new ArgumentException($"{strategy.Name} has {strategy.Dimension} dimensions, the space {space.Dimension}", nameof(strategy));
        idOf ??= k => k;
        var stored = store.Evaluations().ToDictionary(e => e.Id);
        var gate = new object();
        var clock = Stopwatch.StartNew();
        long k = 0, evaluatedHere = 0, failed = stored.Values.Count(e => e.Status == EvaluationStatus.Failed);
        int generation = 0;
        while (k < budget)
        {
            cancellation.ThrowIfCancellationRequested();
            var points = strategy.Ask();
            if (points is null || points.Count == 0) break;
            var candidates = new Candidate[points.Count];
            var values = new double[points.Count][];
            var needed = new List<int>();
            for (int i = 0; i < points.Count; i++)
            {
                long id = idOf(k + i);
                candidates[i] = new Candidate(id, generation, i, points[i], space.Decode(points[i]), EvaluationSeed(runSeed, id));
                if (k + i >= budget) { values[i] = Worst(objective.Objectives); continue; } // over budget: not evaluated
                if (stored.TryGetValue(id, out var old) && old.Status != EvaluationStatus.Running)
                {
                    if (!old.Unit.SequenceEqual(points[i]))
                        throw new InvalidOperationException($"{store.Path}: evaluation {id} holds another candidate than this run asks; the store belongs to another config or seed");
                    values[i] = old.Status == EvaluationStatus.Ok ? old.Objectives : Worst(objective.Objectives);
                    continue;
                }
                needed.Add(i);
            }
            if (needed.Count > 0)
            {
                store.BeginAll(needed.Select(i => candidates[i]));
                var started = Stopwatch.StartNew();
                var done = new bool[points.Count];
                var asked = new bool[points.Count];
                foreach (int i in needed) asked[i] = true;
                objective.Evaluate(candidates, needed, (i, outcome) =>
                {
                    lock (gate)
                    {
                        if (done[i] || !asked[i]) return; // reported twice, or not asked for
                        done[i] = true;
                        double seconds = started.Elapsed.TotalSeconds;
                        if (outcome.Failed || outcome.Objectives.Length != objective.Objectives)
                        {
                            string error = outcome.Error ?? $"gave {outcome.Objectives.Length} objective values, expected {objective.Objectives}";
                            store.Fail(candidates[i].Id, error, seconds);
                            values[i] = Worst(objective.Objectives);
                            failed++;
                        }
                        else
                        {
                            store.Complete(candidates[i].Id, outcome.Objectives, outcome.Metrics, seconds, outcome.SeedUsed);
                            values[i] = outcome.Objectives;
                        }
                        evaluatedHere++;
                    }
                }, cancellation);
                cancellation.ThrowIfCancellationRequested();
                var missing = needed.FirstOrDefault(i => !done[i], -1);
                if (missing >= 0) throw new InvalidOperationException($"the objective reported no outcome for evaluation {candidates[missing].Id}");
            }
            strategy.Tell(values);
            k += points.Count;
            long evaluations = Math.Min(k, budget);
            double best = BestValue(strategy);
            int front = objective.Objectives > 1 ? ParetoFront.Sort(values.Where(v => v.All(double.IsFinite)).ToList()).FirstOrDefault()?.Count ?? 0 : 0;
            store.FinishGeneration(generation, (int)Math.Min(evaluations, int.MaxValue), best);
            progress?.Report(new SearchProgress(generation, evaluations, budget, best, front, failed,
                evaluatedHere / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            generation++;
        }
    }

    /// <summary>Single-objective convenience: runs <paramref name="optimizer"/> on a function of
    /// (parameters, seed) and returns the best parameters and value.</summary>
    public static (double[] Parameters, double Value)? Minimize(IOptimizer optimizer, ParameterSpace space, Func<double[], ulong, double> objective,
        int budget, ulong runSeed, RunStore store, IProgress<SearchProgress>? progress = null, CancellationToken cancellation = default)
    {
        Run(new OptimizerStrategy(optimizer), space, FunctionObjective.Scalar(objective), budget, runSeed, store, null, progress, cancellation);
        return optimizer.Best is { } b ? (space.Decode(b.Point), b.Value) : null;
    }

    private static double[] Worst(int objectives) => Enumerable.Repeat(double.NaN, objectives).ToArray();

    private static double BestValue(ISearchStrategy strategy) =>
        strategy is OptimizerStrategy { Optimizer.Best: { } best } ? best.Value : double.NaN;
}
