namespace NeuroEngine.Simulation.Network;

/// <summary>How populations split into clusters (VectorialNeuroModulators; Litwin-Kumar and Doiron 2012,
/// Mazzucato et al. 2015).</summary>
/// <param name="Count">Number of clusters Q per clustered population.</param>
/// <param name="Background">Neurons per clustered population left out of the clusters (the key lists
/// which populations are clustered).</param>
/// <param name="JPlus">Within-cluster potentiation per block, keyed by source then target population
/// name (e.g. "EE", "EI" = E to I, "IE", "II"); blocks without a key are not potentiated (1).</param>
/// <param name="Depression">Between-cluster factor; null = the value that keeps each neuron's mean
/// input unchanged (meanfield.md): (f_a + f_b - f_a f_b (Q + J+)) / (f_a + f_b - f_a f_b (Q + 1)).</param>
public sealed record ClusterLayout(int Count, IReadOnlyDictionary<string, int> Background,
    IReadOnlyDictionary<string, double> JPlus, double? Depression = null);

/// <summary>Expands a network with clustered populations into one population per cluster
/// (names <c>E0 .. E{Q-1}</c>) plus a background population (<c>E_bg</c>) and one projection per
/// block, with the cluster weights. Each neuron of a target block draws int(K m / N) sources from a
/// source block of m neurons when the original projection had in-degree K from N neurons (the
/// reference's int(p m)); pairwise-Bernoulli projections keep their probability. Drives, DC and neuron
/// parameters are inherited; stimuli target whole original populations unless given per cluster.</summary>
public static class ClusteredNetwork
{
    /// <summary>The expanded spec and, per original population, the names of its parts in order.</summary>
    public static (LifNetworkSpec Spec, IReadOnlyDictionary<string, string[]> Parts) Expand(LifNetworkSpec spec, ClusterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        int q = layout.Count;
        if (q < 1) throw new ArgumentException($"clusters.count must be >= 1, got {q}", "clusters.count");
        foreach (var key in layout.Background.Keys) spec.IndexOf(key, $"clusters.of.{key}");
        foreach (var (key, value) in layout.JPlus)
        {
            if (!double.IsFinite(value) || value < 0) throw new ArgumentException($"clusters.j_plus.{key} must be finite and >= 0, got {value}", $"clusters.j_plus.{key}");
            if (!spec.Populations.Any(a => spec.Populations.Any(b => a.Name + b.Name == key)))
                throw new ArgumentException($"clusters.j_plus.{key} does not name a pair of populations (source then target, e.g. EI = E to I)", $"clusters.j_plus.{key}");
        }
        if (layout.Depression is { } d && (!double.IsFinite(d) || d < 0))
            throw new ArgumentException($"clusters.depression must be 'auto' or a finite number >= 0, got {d}", "clusters.depression");

        var parts = new Dictionary<string, string[]>();
        var partSize = new Dictionary<string, int>();   // cluster size per clustered population
        var populations = new List<Population>();
        var origin = new Dictionary<string, (string Pop, int Cluster)>(); // part -> (population, cluster or -1)
        foreach (var p in spec.Populations)
        {
            if (!layout.Background.TryGetValue(p.Name, out int background))
            {
                parts[p.Name] = [p.Name];
                populations.Add(p);
                origin[p.Name] = (p.Name, -1);
                continue;
            }
            if (background < 0 || background >= p.Size)
                throw new ArgumentException($"clusters.of.{p.Name}.background must be in [0, {p.Size}), got {background}", $"clusters.of.{p.Name}.background");
            int size = (p.Size - background) / q;
            if (size < 1) throw new ArgumentException($"clusters: {p.Name} has {p.Size - background} clustered neurons for {q} clusters", "clusters.count");
            int rest = p.Size - q * size;
            var names = new List<string>();
            for (int c = 0; c < q; c++)
            {
                string name = $"{p.Name}{c}";
                names.Add(name);
                populations.Add(p with { Name = name, Size = size, RecordSpikes = Math.Min(p.RecordSpikes, size) });
                origin[name] = (p.Name, c);
            }
            if (rest > 0)
            {
                string name = $"{p.Name}_bg";
                names.Add(name);
                populations.Add(p with { Name = name, Size = rest, RecordSpikes = Math.Min(p.RecordSpikes, rest) });
                origin[name] = (p.Name, -1);
            }
            parts[p.Name] = names.ToArray();
            partSize[p.Name] = size;
        }
        if (populations.Select(p => p.Name).Distinct().Count() != populations.Count)
            throw new ArgumentException("clusters: the cluster names (population name + index, name_bg) clash with another population", "clusters");

        var projections = new List<Projection>();
        foreach (var c in spec.Projections)
        {
            int nFrom = spec.Populations[spec.IndexOf(c.From)].Size;
            int nTo = spec.Populations[spec.IndexOf(c.To)].Size;
            double jPlus = layout.JPlus.TryGetValue(c.From + c.To, out double jp) ? jp : 1.0;
            double depression = layout.Depression ?? AutoDepression(partSize.GetValueOrDefault(c.From) / (double)nFrom,
                partSize.GetValueOrDefault(c.To) / (double)nTo, q, jPlus);
            foreach (string a in parts[c.From])
                foreach (string b in parts[c.To])
                {
                    var (_, ca) = origin[a];
                    var (_, cb) = origin[b];
                    bool bothClustered = layout.Background.ContainsKey(c.From) && layout.Background.ContainsKey(c.To);
                    double factor = !bothClustered ? 1.0
                        : ca >= 0 && cb >= 0 && ca == cb ? jPlus
                        : ca < 0 && cb < 0 ? 1.0
                        : depression;
                    int m = populations.First(p => p.Name == a).Size;
                    int indegree = c.Rule == ConnectionRule.FixedIndegree ? (int)((long)c.Indegree * m / nFrom) : 0;
                    projections.Add(c with { From = a, To = b, Weight = c.Weight * factor, Indegree = indegree });
                }
        }
        var drives = spec.Drives.SelectMany(d => parts[d.To].Select(part => d with { To = part })).ToList();
        var stimuli = spec.Stimuli.SelectMany(s => parts.TryGetValue(s.To, out var ps) ? ps.Select(part => s with { To = part }) : [s]).ToList();
        var expanded = spec with { Populations = populations, Projections = projections, Drives = drives, Stimuli = stimuli };
        return (expanded, parts);
    }

    /// <summary>The depression factor of meanfield.md for cluster fractions f_a, f_b (1 when undefined).</summary>
    public static double AutoDepression(double fA, double fB, int q, double jPlus)
    {
        double denominator = fA + fB - fA * fB * (q + 1);
        double value = (fA + fB - fA * fB * (q + jPlus)) / denominator;
        return denominator == 0 || !double.IsFinite(value) ? 1.0 : value;
    }
}
