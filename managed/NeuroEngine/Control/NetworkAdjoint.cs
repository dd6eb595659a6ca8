namespace NeuroEngine.Control;

/// <summary>The exact gradient of a network's discrete cost by the discrete adjoint of <see cref="NetworkForward"/>,
/// delays included.</summary>
/// <remarks>As <see cref="NodeAdjoint"/>, with a[r, t] = dJ/dx[r, t] and b = the clip-masked a. The coupling input
/// c[n, t] of the step from t enters like node n's first control, so dJ/dc[n, t] = q = dt b[2n, t + 1] df_0/du_0(n, t);
/// it hands q K Cmat[n, l] to a[2l, max(t - D_nl, 0)] and, diffusive, -q K sum_l Cmat[n, l] to a[2n, t]. Sweeping t
/// downwards, every contribution to a[., t] (from steps t' = t + D &gt;= t) is in before a[., t] is used.</remarks>
public static class NetworkAdjoint
{
    /// <summary>dJ/du [row, sample], zero where the control is not free.</summary>
    public static double[,] Gradient(NetworkControlTask task, double[,] state, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(state);
        NetworkForward.CheckControl(task, control);
        int nodes = task.Nodes, samples = task.Samples;
        double dt = task.DtMs, k = task.Coupling;
        var w = task.Weights;
        var grad = new double[2 * nodes, samples];
        var a = new double[2 * nodes, samples]; // accumulates dJ/dx
        var b = new double[2 * nodes];          // masked a at t + 1
        Span<double> jx = stackalloc double[4], ju = stackalloc double[2];
        var bounds = new[] { task.Node.Bounds(0), task.Node.Bounds(1) };

        for (int r = 0; r < 2 * nodes; r++)
            if (task.MeasuredRows[r])
                for (int t = Math.Max(task.PrecisionWindow.Start, 1); t < task.PrecisionWindow.End; t++)
                    a[r, t] = -dt * w.Precision * (task.Target[r, t] - state[r, t]);

        for (int t = samples - 1; t >= 1; t--)
        {
            if (t + 1 < samples)
                for (int n = 0; n < nodes; n++)
                {
                    double c = task.CouplingInput(state, n, t);
                    task.Node.Jacobians(state[2 * n, t], state[2 * n + 1, t], control[2 * n, t] + c, control[2 * n + 1, t], jx, ju);
                    double b0 = b[2 * n], b1 = b[2 * n + 1];
                    grad[2 * n, t] = dt * b0 * ju[0];
                    grad[2 * n + 1, t] = dt * b1 * ju[1];
                    a[2 * n, t] += b0 * (1 + dt * jx[0]) + b1 * dt * jx[2];
                    a[2 * n + 1, t] += b0 * dt * jx[1] + b1 * (1 + dt * jx[3]);
                    Couple(task, a, grad[2 * n, t], n, t, k);
                }
            for (int r = 0; r < 2 * nodes; r++)
                b[r] = state[r, t] > bounds[r % 2].Low && state[r, t] < bounds[r % 2].High ? a[r, t] : 0;
        }
        // the step from sample 0 (sample 0 itself is fixed)
        for (int n = 0; n < nodes && samples > 1; n++)
        {
            double c = task.CouplingInput(state, n, 0);
            task.Node.Jacobians(state[2 * n, 0], state[2 * n + 1, 0], control[2 * n, 0] + c, control[2 * n + 1, 0], jx, ju);
            grad[2 * n, 0] = dt * b[2 * n] * ju[0];
            grad[2 * n + 1, 0] = dt * b[2 * n + 1] * ju[1];
        }
        ControlCost.AddRegularisationGradient(grad, control, dt, w, task.IsFree);
        return grad;
    }

    // q = dJ/dc[n, t] (equal to the first control's adjoint term) passed on to the states the coupling read
    private static void Couple(NetworkControlTask task, double[,] a, double q, int n, int t, double k)
    {
        if (q == 0 || k == 0) return;
        double weight = 0;
        for (int l = 0; l < task.Nodes; l++)
        {
            double c = task.Cmat[n, l];
            if (c == 0) continue;
            int s = t - task.Delays[n, l];
            if (s >= 1) a[2 * l, s] += q * k * c; // before sample 1 the state is fixed
            weight += c;
        }
        if (task.Diffusive) a[2 * n, t] -= q * k * weight;
    }
}
