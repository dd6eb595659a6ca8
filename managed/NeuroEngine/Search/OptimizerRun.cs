namespace NeuroEngine.Search;

/// <summary>Drives an optimiser against a function of the unit cube for a budget of evaluations
/// (whole generations; the last may be cut to the budget).</summary>
public static class OptimizerRun
{
    /// <summary>Runs until <paramref name="budget"/> evaluations; returns the best value after each generation.</summary>
    public static List<double> Minimize(IOptimizer optimizer, Func<double[], double> objective, int budget)
    {
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be at least one evaluation");
        var history = new List<double>();
        int used = 0;
        while (used < budget)
        {
            var points = optimizer.Ask();
            var values = new double[points.Count];
            for (int i = 0; i < points.Count; i++)
                values[i] = used + i < budget ? objective(points[i]) : double.PositiveInfinity; // over budget: not evaluated
            used += points.Count;
            optimizer.Tell(values);
            history.Add(optimizer.Best!.Value.Value);
        }
        return history;
    }
}
