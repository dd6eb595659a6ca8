using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Control;

/// <summary>An optimal control task on a network of identical nodes coupled as the engine couples them
/// (docs/neural-mass.md): node n's first variable (x, or E for Wilson-Cowan) receives K_gl sum_l Cmat[n, l]
/// (x_l(t - D_nl) - x_n(t)) (diffusive: FitzHugh-Nagumo and Hopf with <c>diffusive = 1</c>) or K_gl sum_l Cmat[n, l]
/// x_l(t - D_nl) (additive; Wilson-Cowan inside E's sigmoid, where its control enters too). Delays in Euler steps;
/// before sample 0 every node holds its initial state; the diagonal of Cmat is ignored. Rows are node * 2 + variable.</summary>
public sealed class NetworkControlTask : IControlProblem
{
    /// <summary>A task; ArgumentException naming the argument and value for any inconsistency.</summary>
    public NetworkControlTask(NeuralMassParameters parameters, double[,] cmat, int[,]? delaySteps, double dtMs, double[][] initial,
        double[,] target, bool[] measuredRows, (int Start, int End) precisionWindow, bool[] controlRows,
        (int Start, int End) controlWindow, ControlWeights weights)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(cmat);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(measuredRows);
        ArgumentNullException.ThrowIfNull(controlRows);
        ArgumentNullException.ThrowIfNull(weights);
        int n = cmat.GetLength(0);
        if (n < 1 || cmat.GetLength(1) != n) throw new ArgumentException($"Cmat must be square with at least one node, got ({cmat.GetLength(0)}, {cmat.GetLength(1)})", nameof(cmat));
        foreach (double c in cmat) if (!double.IsFinite(c)) throw new ArgumentException($"Cmat must be finite, got {c}", nameof(cmat));
        var delays = delaySteps ?? new int[n, n];
        if (delays.GetLength(0) != n || delays.GetLength(1) != n) throw new ArgumentException($"delays must be ({n}, {n}), got ({delays.GetLength(0)}, {delays.GetLength(1)})", nameof(delaySteps));
        foreach (int d in delays) if (d < 0) throw new ArgumentException($"delays must be >= 0 steps, got {d}", nameof(delaySteps));
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentException($"dt must be finite and > 0 ms, got {dtMs}", nameof(dtMs));
        if (initial.Length != n || initial.Any(s => s is null || s.Length != 2 || !s.All(double.IsFinite)))
            throw new ArgumentException($"initial state must be {n} nodes of 2 finite values", nameof(initial));
        int rows = 2 * n;
        if (target.GetLength(0) != rows || target.GetLength(1) < 2)
            throw new ArgumentException($"target must have shape ({rows}, T) with T >= 2, got ({target.GetLength(0)}, {target.GetLength(1)})", nameof(target));
        if (measuredRows.Length != rows) throw new ArgumentException($"measured rows must be {rows} flags, got {measuredRows.Length}", nameof(measuredRows));
        if (controlRows.Length != rows) throw new ArgumentException($"control rows must be {rows} flags, got {controlRows.Length}", nameof(controlRows));
        int samples = target.GetLength(1);
        ControlTask.CheckWindow("precision window", precisionWindow, samples);
        ControlTask.CheckWindow("control window", controlWindow, samples);
        weights.Validate();

        Node = ControlledNode.From(parameters);
        Coupling = parameters["K_gl"];
        Diffusive = NeuralMassParameters.Names(parameters.Descriptor).Contains("diffusive") && parameters["diffusive"] != 0;
        Cmat = (double[,])cmat.Clone();
        for (int i = 0; i < n; i++) Cmat[i, i] = 0;
        Delays = (int[,])delays.Clone();
        (DtMs, Initial, Target) = (dtMs, initial.Select(s => (double[])s.Clone()).ToArray(), (double[,])target.Clone());
        (MeasuredRows, PrecisionWindow, ControlRows, ControlWindow, Weights) =
            ((bool[])measuredRows.Clone(), precisionWindow, (bool[])controlRows.Clone(), controlWindow, weights);
    }

    /// <summary>The node model.</summary>
    public ControlledNode Node { get; }
    /// <summary>K_gl.</summary>
    public double Coupling { get; }
    /// <summary>Whether the coupling is diffusive (minus the receiving node's own value).</summary>
    public bool Diffusive { get; }
    /// <summary>Cmat with a zero diagonal; [n, l] couples l into n.</summary>
    public double[,] Cmat { get; }
    /// <summary>Delays in Euler steps; [n, l] from l to n.</summary>
    public int[,] Delays { get; }
    /// <summary>The number of nodes.</summary>
    public int Nodes => Cmat.GetLength(0);
    /// <inheritdoc/>
    public double DtMs { get; }
    /// <summary>Each node's state at sample 0, also its history before.</summary>
    public double[][] Initial { get; }
    /// <summary>The target [row, sample].</summary>
    public double[,] Target { get; }
    /// <summary>Which rows the precision cost measures.</summary>
    public bool[] MeasuredRows { get; }
    /// <summary>The samples [Start, End) the precision cost measures.</summary>
    public (int Start, int End) PrecisionWindow { get; }
    /// <summary>Which rows the optimiser may change.</summary>
    public bool[] ControlRows { get; }
    /// <summary>The samples [Start, End) the optimiser may change.</summary>
    public (int Start, int End) ControlWindow { get; }
    /// <summary>The cost weights.</summary>
    public ControlWeights Weights { get; }

    /// <inheritdoc/>
    public int Rows => 2 * Nodes;
    /// <inheritdoc/>
    public int Samples => Target.GetLength(1);
    /// <inheritdoc/>
    public bool IsFree(int row, int sample) => ControlRows[row] && sample >= ControlWindow.Start && sample < ControlWindow.End;
    /// <inheritdoc/>
    public double[,] Integrate(double[,] control) => NetworkForward.Integrate(this, control);
    /// <inheritdoc/>
    public ControlCost Evaluate(double[,] state, double[,] control)
    {
        NetworkForward.CheckControl(this, control);
        return ControlCost.Compute(DtMs, Weights, Target, MeasuredRows, PrecisionWindow, state, control);
    }
    /// <inheritdoc/>
    public double[,] Gradient(double[,] state, double[,] control) => NetworkAdjoint.Gradient(this, state, control);

    /// <summary>The coupling input to node n at sample t (from the state up to t).</summary>
    internal double CouplingInput(double[,] state, int n, int t)
    {
        double sum = 0, weight = 0;
        for (int l = 0; l < Nodes; l++)
        {
            double c = Cmat[n, l];
            if (c == 0) continue;
            sum += c * state[2 * l, Math.Max(t - Delays[n, l], 0)];
            weight += c;
        }
        return Coupling * (Diffusive ? sum - weight * state[2 * n, t] : sum);
    }
}
