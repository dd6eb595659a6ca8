namespace NeuroEngine.Features;

/// <summary>Features of many series: one row per series, one column per feature, ready for the estimators.</summary>
/// <param name="Series">Row names.</param>
/// <param name="Names">Column names.</param>
/// <param name="Values">[series][feature].</param>
public sealed record FeatureTable(IReadOnlyList<string> Series, IReadOnlyList<string> Names, double[][] Values);
