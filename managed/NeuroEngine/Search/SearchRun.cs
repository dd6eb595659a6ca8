using System.Diagnostics;

namespace NeuroEngine.Search;

/// <summary>Runs a single-objective optimiser against an objective with every evaluation in a
/// <see cref="RunStore"/>, resumable: on start it replays the generations the store holds through
/// the (freshly seeded) optimiser, checking that it asks the same candidates, reuses the stored
/// values of evaluations that finished and evaluates the rest (those in flight when the previous
/// process died). Evaluation seeds: <see cref="EvaluationSeed"/>. Exceptions of the objective are
/// recorded as failed evaluations and told as worst; they do not stop the run.</summary>
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

    /// <summary>Evaluates up to <paramref name="budget"/> candidates; <paramref name="objective"/> gets
    /// the decoded parameters and the evaluation seed and returns the value to minimise.</summary>
    public static (double[] Parameters, double Value)? Minimize(IOptimizer optimizer, ParameterSpace space, Func<double[], ulong, double> objective,
        int budget, ulong runSeed, RunStore store, IProgress<(int Generation, int Evaluations, double Best)>? progress = null,
        CancellationToken cancellation = default)
    {
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be at least one evaluation");
        if (optimizer.Dimension != space.Dimension) throw new ArgumentException($"optimiser has {optimizer.Dimension} dimensions, the space {space.Dimension}", nameof(optimizer));
        var stored = store.Evaluations().ToDictionary(e => e.Id);
        long id = 0;
        int generation = 0;
        while (id < budget)
        {
            cancellation.ThrowIfCancellationRequested();
            var points = optimizer.Ask();
            var values = new double[points.Count];
            for (int i = 0; i < points.Count; i++, id++)
            {
                if (id >= budget) { values[i] = double.PositiveInfinity; continue; }
                if (stored.TryGetValue(id, out var old) && old.Status != EvaluationStatus.Running)
                {
                    if (!old.Unit.SequenceEqual(points[i]))
                        throw new InvalidOperationException($"{store.Path}: evaluation {id} holds another candidate than this run asks; the store belongs to another config or seed");
                    values[i] = old.Status == EvaluationStatus.Ok ? old.Objectives[0] : double.NaN;
                    continue;
                }
                var parameters = space.Decode(points[i]);
                ulong seed = EvaluationSeed(runSeed, id);
                store.Begin(id, generation, points[i], parameters, seed);
                var sw = Stopwatch.StartNew();
                try
                {
                    values[i] = objective(parameters, seed);
                    store.Complete(id, [values[i]], null, sw.Elapsed.TotalSeconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    values[i] = double.NaN;
                    store.Fail(id, $"{ex.GetType().Name}: {ex.Message}", sw.Elapsed.TotalSeconds);
                }
            }
            optimizer.Tell(values);
            double best = optimizer.Best?.Value ?? double.NaN;
            store.FinishGeneration(generation, (int)Math.Min(id, budget), best);
            progress?.Report((generation, (int)Math.Min(id, budget), best));
            generation++;
        }
        return optimizer.Best is { } b ? (space.Decode(b.Point), b.Value) : null;
    }
}
