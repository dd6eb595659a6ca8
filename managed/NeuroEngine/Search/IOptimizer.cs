namespace NeuroEngine.Search;

/// <summary>An optimiser with an ask/tell interface over the unit cube [0, 1]^d (decode points with
/// <see cref="ParameterSpace.Decode"/>). Generations are synchronous: <see cref="Ask"/> returns a whole
/// generation, <see cref="Tell"/> takes the objective values of exactly those points (minimised;
/// non-finite values mark failed evaluations and count as worst). Every random number comes from the
/// optimiser's seed, so the same seed gives the same history.</summary>
public interface IOptimizer
{
    string Name { get; }
    int Dimension { get; }
    /// <summary>The next generation of points to evaluate.</summary>
    IReadOnlyList<double[]> Ask();
    /// <summary>Objective values of the points of the last <see cref="Ask"/>, in order.</summary>
    void Tell(IReadOnlyList<double> values);
    /// <summary>Best point told so far and its value (null before the first tell).</summary>
    (double[] Point, double Value)? Best { get; }
}
