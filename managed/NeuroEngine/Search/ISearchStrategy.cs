namespace NeuroEngine.Search;

/// <summary>What proposes candidates in a <see cref="SearchRun"/>: an optimiser (single- or
/// multi-objective) or a fixed list of points (an exploration). Ask returns the next generation of
/// unit-cube points, or null when the strategy has nothing more to propose; Tell takes their
/// objective vectors (failed evaluations: NaN, worst).</summary>
public interface ISearchStrategy
{
    string Name { get; }
    int Dimension { get; }
    IReadOnlyList<double[]>? Ask();
    void Tell(IReadOnlyList<double[]> objectives);
}

/// <summary>A single-objective <see cref="IOptimizer"/> as a strategy (it minimises the first objective).</summary>
public sealed class OptimizerStrategy(IOptimizer optimizer) : ISearchStrategy
{
    public IOptimizer Optimizer { get; } = optimizer;
    public string Name => Optimizer.Name;
    public int Dimension => Optimizer.Dimension;
    public IReadOnlyList<double[]>? Ask() => Optimizer.Ask();
    public void Tell(IReadOnlyList<double[]> objectives) =>
        Optimizer.Tell(objectives.Select(o => o.Length > 0 ? o[0] : double.NaN).ToArray());
}

/// <summary>An exploration: a fixed list of points asked in generations of <see cref="BatchSize"/>.</summary>
public sealed class PointListStrategy(IReadOnlyList<double[]> unitPoints, int batchSize, string name) : ISearchStrategy
{
    private int _next;
    public string Name { get; } = name;
    public int Dimension { get; } = unitPoints.Count > 0 ? unitPoints[0].Length : 0;
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be >= 1");
    public int Count => unitPoints.Count;

    public IReadOnlyList<double[]>? Ask()
    {
        if (_next >= unitPoints.Count) return null;
        int n = Math.Min(BatchSize, unitPoints.Count - _next);
        var batch = unitPoints.Skip(_next).Take(n).ToArray();
        _next += n;
        return batch;
    }

    public void Tell(IReadOnlyList<double[]> objectives) { }
}
