using System.Numerics;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>A root of F(nu) = nu - Phi(nu) and its linear stability.</summary>
/// <param name="RatesHz">Population rates (Hz).</param>
/// <param name="Converged">Whether the solver reached the tolerance (non-converged roots are not fixed points).</param>
/// <param name="MaxResidual">max_i |F_i| (Hz).</param>
/// <param name="Label">The reference's stability label ("stable node", "saddle", ...).</param>
/// <param name="Eigenvalues">Jacobian eigenvalues sorted by real part, then imaginary part (1/s for
/// unit dynamics in units of the population time constants).</param>
public sealed record MeanFieldFixedPoint(double[] RatesHz, bool Converged, double MaxResidual, string Label, Complex[] Eigenvalues);
