using NeuroEngine.Random;

namespace NeuroEngine.Search;

/// <summary>Differential evolution in the manner of Nevergrad's TwoPointsDE (as neversim runs it; docs/search.md):
/// population max(30, workers) initialised uniformly; each member i proposes
/// donor = x_i + F1 (best - x_i) + F2 (x_a - x_b) (current-to-best, F1 = F2 = 0.8, a != b != i random)
/// and a trial that copies a contiguous block of coordinates (two random cut points, at least one
/// coordinate) from the donor into x_i; coordinates are clipped to the cube; the trial replaces x_i
/// when it is no worse. One generation = one trial per member.</summary>
public sealed class DifferentialEvolution : IOptimizer
{
    private readonly PhiloxStream _random;
    private readonly double[][] _population;
    private readonly double[] _fitness;
    private double[][] _trials = [];
    private bool _initialised;

    public string Name => "de";
    public int Dimension { get; }
    public int PopulationSize { get; }
    public double F1 { get; } = 0.8;
    public double F2 { get; } = 0.8;
    public (double[] Point, double Value)? Best { get; private set; }

    public DifferentialEvolution(int dimension, ulong seed, int populationSize = 30)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "need at least one dimension");
        if (populationSize < 4) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "differential evolution needs a population of at least 4");
        Dimension = dimension; PopulationSize = populationSize;
        _random = new PhiloxStream(seed, 70);
        _population = new double[populationSize][];
        _fitness = Enumerable.Repeat(double.PositiveInfinity, populationSize).ToArray();
    }

    public IReadOnlyList<double[]> Ask()
    {
        if (!_initialised)
        {
            _trials = Enumerable.Range(0, PopulationSize).Select(_ => Enumerable.Range(0, Dimension).Select(_ => _random.NextDouble()).ToArray()).ToArray();
            return _trials;
        }
        var best = Best!.Value.Point;
        _trials = new double[PopulationSize][];
        for (int i = 0; i < PopulationSize; i++)
        {
            int a, b;
            do a = _random.NextInt(PopulationSize); while (a == i);
            do b = _random.NextInt(PopulationSize); while (b == i || b == a);
            var x = _population[i];
            var trial = (double[])x.Clone();
            int start = _random.NextInt(Dimension), length = 1 + _random.NextInt(Dimension);
            for (int k = 0; k < length; k++)
            {
                int j = (start + k) % Dimension;
                double donor = x[j] + F1 * (best[j] - x[j]) + F2 * (_population[a][j] - _population[b][j]);
                trial[j] = Math.Clamp(donor, 0, 1);
            }
            _trials[i] = trial;
        }
        return _trials;
    }

    public void Tell(IReadOnlyList<double> values)
    {
        if (values.Count != _trials.Length) throw new ArgumentException($"told {values.Count} values for {_trials.Length} points", nameof(values));
        for (int i = 0; i < PopulationSize; i++)
        {
            double f = double.IsFinite(values[i]) ? values[i] : double.PositiveInfinity;
            if (!_initialised || f <= _fitness[i]) { _population[i] = _trials[i]; _fitness[i] = f; }
            if (Best is null || f < Best.Value.Value) Best = ((double[])_trials[i].Clone(), f);
        }
        _initialised = true;
    }
}
