namespace NeuroEngine.Search;

/// <summary>Pareto dominance for minimised objectives: fast non-dominated sorting and crowding
/// distance (Deb et al. 2002), and the two-objective hypervolume.</summary>
public static class ParetoFront
{
    /// <summary>Whether a dominates b: no worse in every objective and better in one.</summary>
    public static bool Dominates(double[] a, double[] b)
    {
        bool better = false;
        for (int m = 0; m < a.Length; m++)
        {
            if (a[m] > b[m]) return false;
            if (a[m] < b[m]) better = true;
        }
        return better;
    }

    /// <summary>Indices by front: front 0 is non-dominated, front 1 is non-dominated once front 0 is removed, ...</summary>
    public static List<List<int>> Sort(IReadOnlyList<double[]> objectives)
    {
        int n = objectives.Count;
        var dominated = new List<int>[n];
        var count = new int[n];
        var fronts = new List<List<int>> { new() };
        for (int p = 0; p < n; p++)
        {
            dominated[p] = [];
            for (int q = 0; q < n; q++)
            {
                if (p == q) continue;
                if (Dominates(objectives[p], objectives[q])) dominated[p].Add(q);
                else if (Dominates(objectives[q], objectives[p])) count[p]++;
            }
            if (count[p] == 0) fronts[0].Add(p);
        }
        for (int f = 0; fronts[f].Count > 0; f++)
        {
            var next = new List<int>();
            foreach (int p in fronts[f])
                foreach (int q in dominated[p])
                    if (--count[q] == 0) next.Add(q);
            fronts.Add(next);
        }
        fronts.RemoveAt(fronts.Count - 1);
        return fronts;
    }

    /// <summary>Crowding distance of the members of one front (boundary members: infinity).</summary>
    public static double[] Crowding(IReadOnlyList<double[]> objectives, IReadOnlyList<int> front)
    {
        var distance = new double[front.Count];
        if (front.Count == 0) return distance;
        int objectivesCount = objectives[front[0]].Length;
        for (int m = 0; m < objectivesCount; m++)
        {
            var order = Enumerable.Range(0, front.Count).OrderBy(i => objectives[front[i]][m]).ThenBy(i => i).ToArray();
            double min = objectives[front[order[0]]][m], max = objectives[front[order[^1]]][m];
            distance[order[0]] = distance[order[^1]] = double.PositiveInfinity;
            if (max == min) continue;
            for (int k = 1; k + 1 < order.Length; k++)
                distance[order[k]] += (objectives[front[order[k + 1]]][m] - objectives[front[order[k - 1]]][m]) / (max - min);
        }
        return distance;
    }

    /// <summary>Area dominated by the points (two minimised objectives) and bounded by <paramref name="reference"/>.</summary>
    public static double Hypervolume2D(IEnumerable<double[]> points, (double F1, double F2) reference)
    {
        var inside = points.Where(p => p[0] < reference.F1 && p[1] < reference.F2).OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
        double volume = 0, lastF2 = reference.F2;
        foreach (var p in inside)
        {
            if (p[1] >= lastF2) continue; // dominated by an earlier point
            volume += (reference.F1 - p[0]) * (lastF2 - p[1]);
            lastF2 = p[1];
        }
        return volume;
    }
}
