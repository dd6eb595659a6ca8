namespace NeuroEngine.Search;

/// <summary>An objective given as a C# function of (parameters, evaluation seed), run on
/// <paramref name="workers"/> threads (the order of completion does not change the results:
/// generations are synchronous). Exceptions become failed evaluations.</summary>
public sealed class FunctionObjective(int objectives, Func<double[], ulong, EvaluationOutcome> function, int workers = 1) : ISearchObjective
{
    public int Objectives { get; } = objectives >= 1 ? objectives : throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "need at least one objective");
    public int Workers { get; } = workers >= 1 ? workers : throw new ArgumentOutOfRangeException(nameof(workers), workers, "need at least one worker");

    /// <summary>A single-objective function.</summary>
    public static FunctionObjective Scalar(Func<double[], ulong, double> function, int workers = 1) =>
        new(1, (p, seed) => new EvaluationOutcome([function(p, seed)]), workers);

    public void Evaluate(IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed, Action<int, EvaluationOutcome> completed,
        CancellationToken cancellation)
    {
        void One(int index)
        {
            cancellation.ThrowIfCancellationRequested();
            var c = generation[index];
            EvaluationOutcome outcome;
            try { outcome = function(c.Parameters, c.Seed); }
            catch (Exception ex) when (ex is not OperationCanceledException) { outcome = EvaluationOutcome.Failure(ex); }
            completed(index, outcome);
        }
        if (Workers == 1)
            foreach (int index in needed) One(index);
        else
            Parallel.ForEach(needed, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellation }, One);
    }
}
