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
        ArgumentNullException.ThrowIfNull(state);
        NodeForward.CheckControl(task, control);
        double dt = task.DtMs, precision = 0, energy = 0, sparsity = 0;
        for (int v = 0; v < ControlledNode.Variables; v++)
        {
            if (task.PrecisionVariables[v])
                for (int t = task.PrecisionWindow.Start; t < task.PrecisionWindow.End; t++)
                {
                    double d = task.Target[v, t] - state[v, t];
                    precision += d * d;
                }
            double squares = ChannelSquares(control, v);
            energy += squares;
            sparsity += Math.Sqrt(squares * dt);
        }
        var w = task.Weights;
        return new ControlCost(w.Precision * 0.5 * precision * dt, w.Energy * 0.5 * energy * dt, w.Sparsity * sparsity);
    }

    /// <summary>sum over t of u[v, t]^2.</summary>
    internal static double ChannelSquares(double[,] control, int v)
    {
        double s = 0;
        for (int t = 0; t < control.GetLength(1); t++) s += control[v, t] * control[v, t];
        return s;
    }
}
