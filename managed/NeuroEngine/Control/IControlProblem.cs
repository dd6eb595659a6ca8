namespace NeuroEngine.Control;

/// <summary>What the optimiser needs of an optimal control problem: controls and states are [row, sample] with one row
/// per node and state variable (node-major: row = node * 2 + variable), the forward integration, the discrete cost
/// and its exact gradient. <see cref="ControlTask"/> (one node) and <see cref="NetworkControlTask"/> implement it.</summary>
public interface IControlProblem
{
    /// <summary>Rows of a control or state (nodes x 2).</summary>
    int Rows { get; }
    /// <summary>The number of samples T (sample 0 is the initial state).</summary>
    int Samples { get; }
    /// <summary>The Euler step (ms).</summary>
    double DtMs { get; }
    /// <summary>Whether the optimiser may change the control of a row at a sample.</summary>
    bool IsFree(int row, int sample);
    /// <summary>The state under a control.</summary>
    double[,] Integrate(double[,] control);
    /// <summary>The cost of a control and the state it produced.</summary>
    ControlCost Evaluate(double[,] state, double[,] control);
    /// <summary>dJ/du of the discrete cost, zero where the control is not free.</summary>
    double[,] Gradient(double[,] state, double[,] control);
}
