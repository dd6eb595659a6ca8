namespace NeuroEngine.Search;

/// <summary>One candidate of a generation: its evaluation id (global across shards), generation,
/// position in the generation, unit-cube point, decoded parameters and evaluation seed
/// (<see cref="SearchRun.EvaluationSeed"/>).</summary>
public sealed record Candidate(long Id, int Generation, int Position, double[] Unit, double[] Parameters, ulong Seed);
