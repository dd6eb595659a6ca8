namespace NeuroEngine.Search;

/// <summary>Progress of a search after a generation: its number, evaluations done of the budget,
/// the best single-objective value so far (NaN for several objectives), the size of the current
/// Pareto front (several objectives), failed evaluations, and evaluations per second in this
/// process (evaluations reused from the store on resume not counted).</summary>
public readonly record struct SearchProgress(int Generation, long Evaluations, long Budget, double Best, int FrontSize, long Failed,
    double EvaluationsPerSecond);
