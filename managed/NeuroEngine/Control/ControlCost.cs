namespace NeuroEngine.Control;

/// <summary>The terms of the discrete optimal control cost (neurolib's definitions, dt = the Euler step):
/// precision w_p sum over measured variables v and samples t in [c0, c1) of (target - x)^2 dt / 2; energy
/// w_2 sum over channels and all T samples of u^2 dt / 2; directional sparsity w_1s sum over channels of
/// sqrt(sum over t of u^2 dt).</summary>
public readonly record struct ControlCost(double Precision, double Energy, double Sparsity)
{
    /// <summary>The cost, the weighted sum of the terms (each term above already carries its weight).</summary>
    public double Total => Precision + Energy + Sparsity;

    /// <summary>The cost of a control and the state it produced.</summary>
    public static ControlCost Evaluate(ControlTask task, double[,] state, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(task);
        NodeForward.CheckControl(task, control);
        return Compute(task.DtMs, task.Weights, task.Target, task.PrecisionVariables, task.PrecisionWindow, state, control);
    }

    /// <summary>The cost over rows [row, sample]: the precision on the measured rows inside the window.</summary>
    internal static ControlCost Compute(double dt, ControlWeights w, double[,] target, bool[] measured, (int Start, int End) window,
        double[,] state, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(state);
        double precision = 0, energy = 0, sparsity = 0;
        for (int r = 0; r < control.GetLength(0); r++)
        {
            if (measured[r])
                for (int t = window.Start; t < window.End; t++)
                {
                    double d = target[r, t] - state[r, t];
                    precision += d * d;
                }
            double squares = ChannelSquares(control, r);
            energy += squares;
            sparsity += Math.Sqrt(squares * dt);
        }
        return new ControlCost(w.Precision * 0.5 * precision * dt, w.Energy * 0.5 * energy * dt, w.Sparsity * sparsity);
    }

    /// <summary>Adds the energy and sparsity terms' gradient to the free entries of <paramref name="grad"/> and zeroes
    /// the others.</summary>
    internal static void AddRegularisationGradient(double[,] grad, double[,] control, double dt, ControlWeights w, Func<int, int, bool> isFree)
    {
        for (int r = 0; r < control.GetLength(0); r++)
        {
            double norm = Math.Sqrt(ChannelSquares(control, r) * dt);
            for (int t = 0; t < control.GetLength(1); t++)
            {
                if (!isFree(r, t)) { grad[r, t] = 0; continue; }
                grad[r, t] += w.Energy * dt * control[r, t];
                // the norm is not differentiable at 0: take the zero subgradient there
                if (w.Sparsity > 0 && norm > 0) grad[r, t] += w.Sparsity * dt * control[r, t] / norm;
            }
        }
    }

    /// <summary>sum over t of u[v, t]^2.</summary>
    internal static double ChannelSquares(double[,] control, int v)
    {
        double s = 0;
        for (int t = 0; t < control.GetLength(1); t++) s += control[v, t] * control[v, t];
        return s;
    }
}
