namespace NeuroEngine.Search;

/// <summary>What one evaluation gave: objective values (minimised), the metrics they came from, or
/// the error that made it fail. <see cref="SeedUsed"/> is the seed the simulation really drew from
/// when it differs from the candidate's (a batched generation draws from its first candidate's).</summary>
public sealed record EvaluationOutcome(double[] Objectives, IReadOnlyDictionary<string, double>? Metrics = null, string? Error = null,
    ulong? SeedUsed = null)
{
    public bool Failed => Error is not null;

    public static EvaluationOutcome Failure(string error) => new([], null, error);

    /// <summary>The outcome of an exception: its type and message, inner exceptions unwrapped.</summary>
    public static EvaluationOutcome Failure(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } a) ex = a.InnerExceptions[0];
        return Failure($"{ex.GetType().Name}: {ex.Message}");
    }
}
