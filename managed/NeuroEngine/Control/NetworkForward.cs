namespace NeuroEngine.Control;

/// <summary>Explicit Euler of a coupled network under control (<see cref="NetworkControlTask"/>): every node from the
/// previous step's values, its first variable's control plus the coupling input entering as that variable's input.</summary>
public static class NetworkForward
{
    /// <summary>The state [node * 2 + variable, sample].</summary>
    public static double[,] Integrate(NetworkControlTask task, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckControl(task, control);
        int nodes = task.Nodes, samples = task.Samples;
        double dt = task.DtMs;
        var x = new double[2 * nodes, samples];
        for (int n = 0; n < nodes; n++) (x[2 * n, 0], x[2 * n + 1, 0]) = (task.Initial[n][0], task.Initial[n][1]);
        var (lo0, hi0) = task.Node.Bounds(0);
        var (lo1, hi1) = task.Node.Bounds(1);
        for (int t = 0; t + 1 < samples; t++)
            for (int n = 0; n < nodes; n++)
            {
                double c = task.CouplingInput(x, n, t);
                task.Node.Rhs(x[2 * n, t], x[2 * n + 1, t], control[2 * n, t] + c, control[2 * n + 1, t], out double f0, out double f1);
                x[2 * n, t + 1] = Math.Clamp(x[2 * n, t] + dt * f0, lo0, hi0);
                x[2 * n + 1, t + 1] = Math.Clamp(x[2 * n + 1, t] + dt * f1, lo1, hi1);
            }
        return x;
    }

    internal static void CheckControl(NetworkControlTask task, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(control);
        if (control.GetLength(0) != task.Rows || control.GetLength(1) != task.Samples)
            throw new ArgumentException($"control must have shape ({task.Rows}, {task.Samples}), got ({control.GetLength(0)}, {control.GetLength(1)})", nameof(control));
    }
}
