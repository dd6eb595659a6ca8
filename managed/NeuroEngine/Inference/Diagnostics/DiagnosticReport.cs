namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Everything <c>neuroengine infer diagnose</c> computes for a model on held-out
/// (features, true parameters) pairs: recovery for every model; for posterior estimators also SBC
/// ranks among <see cref="Draws"/> posterior draws (ties, at the bound of a clipped parameter, broken at random) with their uniformity tests, and coverage of
/// central credible intervals. Rows whose features are not finite are skipped and counted.</summary>
public sealed record DiagnosticReport(
    string[] ParameterNames, RecoveryRow[] Recovery, int Rows, int SkippedRows, int Draws,
    int[][]? Ranks, SbcTest[]? Sbc, double[]? CoverageLevels, double[][]? Coverage, double[][] Truth, double[][] Estimates)
{
    /// <summary>Runs the diagnostics; the posterior draws of row i come from stream (seed, i), so
    /// the report does not depend on the thread count.</summary>
    public static DiagnosticReport Compute(InferenceModel model, double[][] features, double[][] truth, int draws = 100, ulong seed = 0,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (features.Length == 0) throw new ArgumentException("features: no rows", nameof(features));
        if (truth.Length != features.Length) throw new ArgumentException($"parameters: {truth.Length} rows but features have {features.Length}; rows must correspond", nameof(truth));
        int p = model.ParameterNames.Length;
        for (int i = 0; i < truth.Length; i++)
        {
            if (truth[i].Length != p) throw new ArgumentException($"parameters: row {i} has {truth[i].Length} values, the model has {p} parameters", nameof(truth));
            if (!TrainingData.IsFinite(truth[i])) throw new ArgumentException($"parameters: row {i} is not finite", nameof(truth));
        }
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws, "need at least one posterior draw per row");
        var rows = Enumerable.Range(0, features.Length).Where(i => TrainingData.IsFinite(features[i])).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"features: all {features.Length} rows contain NaN or infinite values", nameof(features));
        var x = rows.Select(i => features[i]).ToArray();
        var t = rows.Select(i => truth[i]).ToArray();
        if (!model.IsPosterior)
        {
            var estimates = model.PointEstimates(x);
            progress?.Report(1);
            return new DiagnosticReport(model.ParameterNames, Diagnostics.Recovery.Compute(t, estimates, model.ParameterNames), rows.Length,
                features.Length - rows.Length, 0, null, null, null, null, t, estimates);
        }
        var samples = new double[rows.Length][][];
        int done = 0;
        Parallel.For(0, rows.Length, new ParallelOptions { CancellationToken = cancellation }, k =>
        {
            samples[k] = model.SamplePosterior(x[k], draws, seed, (ulong)rows[k]);
            progress?.Report(Interlocked.Increment(ref done) / (double)rows.Length);
        });
        var means = samples.Select(s => Enumerable.Range(0, p).Select(j => s.Average(d => d[j])).ToArray()).ToArray();
        var ranks = Diagnostics.Sbc.Ranks(t, samples, seed);
        var levels = Diagnostics.Coverage.DefaultLevels;
        return new DiagnosticReport(model.ParameterNames, Diagnostics.Recovery.Compute(t, means, model.ParameterNames), rows.Length,
            features.Length - rows.Length, draws, ranks, Diagnostics.Sbc.UniformityTests(ranks, draws, model.ParameterNames),
            levels, Diagnostics.Coverage.Compute(t, samples, levels), t, means);
    }
}
