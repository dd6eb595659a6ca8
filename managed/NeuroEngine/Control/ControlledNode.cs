using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Control;

/// <summary>One two-variable neural mass node with an additive control input per state variable, as optimal control
/// sees it: the right-hand side f(x, u) of the engine's equations (docs/neural-mass.md, without noise or coupling),
/// its Jacobians with respect to the state and the control, and the range the explicit Euler step clips the state
/// to. The adjoint (<see cref="NodeAdjoint"/>) needs exactly these.</summary>
public abstract class ControlledNode
{
    /// <summary>The number of state variables (and control channels): 2 for FitzHugh-Nagumo, Hopf and Wilson-Cowan.</summary>
    public const int Variables = 2;

    /// <summary>The state variables' names, as the engine's outputs (<c>x, y</c> or <c>exc, inh</c>).</summary>
    public abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>The derivatives f(x, u) at state (x0, x1) and control (u0, u1).</summary>
    public abstract void Rhs(double x0, double x1, double u0, double u1, out double f0, out double f1);

    /// <summary>The state Jacobian J[i, j] = df_i/dx_j at (x, u) and the control's diagonal Jacobian df_i/du_i (the
    /// control of variable i only enters f_i).</summary>
    public abstract void Jacobians(double x0, double x1, double u0, double u1, Span<double> jx, Span<double> ju);

    /// <summary>Lower and upper bound the Euler step clips a state variable to (infinite: no clipping).</summary>
    public virtual (double Low, double High) Bounds(int variable) => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The controlled node of a built-in model's parameters: FitzHugh-Nagumo, Hopf or Wilson-Cowan
    /// (ArgumentException naming the model otherwise).</summary>
    public static ControlledNode From(NeuralMassParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Descriptor.BuiltIn switch
        {
            NeuralMassModel.FitzHughNagumo => new FitzHughNagumoNode(parameters),
            NeuralMassModel.Hopf => new HopfNode(parameters),
            NeuralMassModel.WilsonCowan => new WilsonCowanNode(parameters),
            _ => throw new ArgumentException(
                $"model {parameters.Descriptor.Name}: optimal control supports fhn, hopf and wc", nameof(parameters)),
        };
    }
}
