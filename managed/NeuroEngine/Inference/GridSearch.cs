using System.Text.Json.Nodes;

namespace NeuroEngine.Inference;

/// <summary>Score of one hyperparameter candidate over the folds.</summary>
public sealed record CandidateScore(JsonObject Candidate, double MeanMse, double SdMse);

/// <summary>The outcome of <see cref="GridSearch.Run"/>: every candidate's score, the best one,
/// and the final model (ensemble of the best candidate's fold models).</summary>
public sealed record GridSearchResult(IReadOnlyList<CandidateScore> Scores, CandidateScore Best, EnsembleRegressor Model);

/// <summary>Cross-validated grid search as ncpi's Inference.train does it: RepeatedKFold
/// (n_splits x n_repeats, seeded); each candidate fits one model per fold (seed = seed + repeat)
/// and is scored by the mean squared error on the held-out fold; the candidate with the lowest mean
/// MSE wins and its fold models, averaged, are the final model. Folds run in parallel; results do
/// not depend on the thread count (each fold model has its own seed and data).</summary>
public static class GridSearch
{
    /// <summary>All combinations of a sklearn-style grid {name: [values...]} (a list of grids is
    /// the union of each one's combinations).</summary>
    public static List<JsonObject> Expand(JsonNode grid)
    {
        if (grid is JsonArray list) return list.SelectMany(g => Expand(g ?? throw new ArgumentException("param_grid: empty entry", nameof(grid)))).ToList();
        if (grid is not JsonObject o || o.Count == 0) throw new ArgumentException("param_grid must map hyperparameter names to lists of values", nameof(grid));
        var result = new List<JsonObject> { new() };
        foreach (var (key, values) in o)
        {
            if (values is not JsonArray options || options.Count == 0) throw new ArgumentException($"param_grid: '{key}' needs a non-empty list of values", nameof(grid));
            result = result.SelectMany(partial => options.Select(v =>
            {
                var next = (JsonObject)partial.DeepClone();
                next[key] = v?.DeepClone();
                return next;
            })).ToList();
        }
        return result;
    }

    /// <summary>Runs the search for regressors of <paramref name="kind"/> with base hyperparameters
    /// <paramref name="baseHyperparameters"/> overridden by each candidate.</summary>
    public static GridSearchResult Run(string kind, JsonObject? baseHyperparameters, IReadOnlyList<JsonObject> candidates,
        double[][] x, double[][] y, int folds, int repeats, ulong seed, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (candidates.Count == 0) throw new ArgumentException("param_grid has no candidates", nameof(candidates));
        var splits = DataSplit.RepeatedKFold(x.Length, folds, repeats, seed);
        var scores = new List<CandidateScore>();
        EnsembleRegressor? bestModel = null;
        CandidateScore? best = null;
        int done = 0, total = candidates.Count * splits.Count;
        foreach (var candidate in candidates)
        {
            var merged = (JsonObject?)baseHyperparameters?.DeepClone() ?? new JsonObject();
            foreach (var (k, v) in candidate) merged[k] = v?.DeepClone();
            var models = new IRegressor[splits.Count];
            var mse = new double[splits.Count];
            Parallel.For(0, splits.Count, new ParallelOptions { CancellationToken = cancellation }, f =>
            {
                var (repeat, train, test) = splits[f];
                var model = RegressorFactory.Create(kind, merged, seed + (ulong)repeat);
                model.Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), null, cancellation);
                mse[f] = RegressionScore.MeanSquaredError(test.Select(i => y[i]).ToArray(), model.Predict(test.Select(i => x[i]).ToArray()));
                models[f] = model;
                progress?.Report(Interlocked.Increment(ref done) / (double)total);
            });
            double mean = mse.Average();
            double sd = Math.Sqrt(mse.Select(m => (m - mean) * (m - mean)).Sum() / mse.Length);
            var score = new CandidateScore(candidate, mean, sd);
            scores.Add(score);
            if (best is null || mean < best.MeanMse) { best = score; bestModel = new EnsembleRegressor(models); }
        }
        return new GridSearchResult(scores, best!, bestModel!);
    }
}
