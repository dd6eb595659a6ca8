using System.Numerics;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>A root of F(nu) = nu - Phi(nu) found by <see cref="MeanFieldSolver"/> and its linear stability.</summary>
/// <param name="RatesHz">Population rates (Hz).</param>
/// <param name="Converged">Whether the root search reached the tolerance. A root that did not converge
/// is not a fixed point (it has no eigenvalues and the label "not converged").</param>
/// <param name="MaxResidual">max_i |nu_i - Phi_i(nu)| (Hz).</param>
/// <param name="Label">The reference's stability label: "stable node", "unstable node", "saddle",
/// "stable focus (spiral sink)", "unstable focus (spiral source)", "spiral saddle",
/// "neutral / marginal" or "undefined (numerical issues)"; "not converged" for a failed search.</param>
/// <param name="Eigenvalues">Eigenvalues of the Jacobian of the rate dynamics, sorted by real part, then
/// imaginary part (1/time constant for <see cref="MeanFieldDynamics.Unit"/>, 1/s for
/// <see cref="MeanFieldDynamics.Membrane"/>); empty when not converged, [NaN] when undefined.</param>
public sealed record MeanFieldFixedPoint(double[] RatesHz, bool Converged, double MaxResidual, string Label, Complex[] Eigenvalues);
