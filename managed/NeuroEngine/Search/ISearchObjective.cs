namespace NeuroEngine.Search;

/// <summary>What a search evaluates. <see cref="Evaluate"/> gets a whole generation and the positions
/// that still need a result (all of them, except when a killed run is resumed) and reports each
/// outcome through <c>completed</c> as soon as it is known, from any thread. An objective that
/// simulates a generation as one batch may evaluate all positions, so that every candidate draws the
/// same noise as in an uninterrupted run, and report only the needed ones. Exceptions for one
/// candidate are reported as failed outcomes, not thrown.</summary>
public interface ISearchObjective
{
    /// <summary>Number of objective values per evaluation (1, or 2+ for NSGA-II).</summary>
    int Objectives { get; }

    void Evaluate(IReadOnlyList<Candidate> generation, IReadOnlyList<int> needed, Action<int, EvaluationOutcome> completed,
        CancellationToken cancellation);
}
