using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>Linear stability of a mean-field fixed point as VectorialNeuroModulators'
/// <c>determine_stability</c>: the Jacobian of the rate dynamics by forward differences
/// (eps = 1e-6 Hz) of -F(nu) = Phi(nu) - nu, dense eigenvalues, and the reference's labels and rule
/// order with tolerance 1e-6 on real parts.</summary>
public static class FixedPointStability
{
    /// <summary>Forward-difference step on each rate (Hz).</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Real parts within +-Tolerance count as zero; |Im| above it counts as complex.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Label of a non-finite Jacobian.</summary>
    public const string Undefined = "undefined (numerical issues)";

    /// <summary>Jacobian of the rate dynamics at <paramref name="ratesHz"/>: column j =
    /// -(F(nu + eps e_j) - F(nu)) / eps, i.e. DPhi - I; for <see cref="MeanFieldDynamics.Membrane"/>
    /// row i is then divided by tau_m,i in seconds.</summary>
    /// <param name="model">The mean field (validated here).</param>
    /// <param name="ratesHz">Population rates (Hz), usually a fixed point.</param>
    /// <param name="dynamics">Unit time constants (the reference) or membrane time constants.</param>
    public static double[,] Jacobian(LifMeanFieldModel model, double[] ratesHz, MeanFieldDynamics dynamics = MeanFieldDynamics.Unit)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ratesHz);
        model.Validate();
        if (dynamics is not (MeanFieldDynamics.Unit or MeanFieldDynamics.Membrane))
            throw new ArgumentException($"dynamics must be Unit or Membrane, got {dynamics}", nameof(dynamics));
        int p = model.P;
        if (ratesHz.Length != p) throw new ArgumentException($"ratesHz must have {p} entries, got {ratesHz.Length}", nameof(ratesHz));
        var f0 = model.Residual(ratesHz);
        var jac = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            var shifted = (double[])ratesHz.Clone();
            shifted[j] += Epsilon;
            var f = model.Residual(shifted);
            for (int i = 0; i < p; i++) jac[i, j] = -(f[i] - f0[i]) / Epsilon;
        }
        if (dynamics == MeanFieldDynamics.Membrane)
            for (int i = 0; i < p; i++)
            {
                double tauS = model.TauMMs[i] / 1000.0;
                for (int j = 0; j < p; j++) jac[i, j] /= tauS;
            }
        return jac;
    }

    /// <summary>Eigenvalues of <paramref name="jacobian"/> (sorted by real part, then imaginary part) and
    /// the reference's label; [NaN] and "undefined (numerical issues)" when an entry is not finite.</summary>
    public static (Complex[] Eigenvalues, string Label) Classify(double[,] jacobian)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        if (jacobian.GetLength(0) != jacobian.GetLength(1) || jacobian.GetLength(0) == 0)
            throw new ArgumentException($"jacobian must be square and non-empty, got {jacobian.GetLength(0)} x {jacobian.GetLength(1)}", nameof(jacobian));
        foreach (double x in jacobian)
            if (!double.IsFinite(x)) return ([new Complex(double.NaN, double.NaN)], Undefined);
        var eig = Matrix<double>.Build.DenseOfArray(jacobian).Evd().EigenValues.ToArray();
        Sort(eig);
        return (eig, Label(eig));
    }

    /// <summary>Jacobian, eigenvalues and label at <paramref name="ratesHz"/> in one call.</summary>
    public static (Complex[] Eigenvalues, string Label) Analyze(LifMeanFieldModel model, double[] ratesHz, MeanFieldDynamics dynamics = MeanFieldDynamics.Unit) =>
        Classify(Jacobian(model, ratesHz, dynamics));

    /// <summary>Sorts in place by real part, then imaginary part.</summary>
    public static void Sort(Complex[] eigenvalues) =>
        Array.Sort(eigenvalues, (a, b) => a.Real != b.Real ? a.Real.CompareTo(b.Real) : a.Imaginary.CompareTo(b.Imaginary));

    /// <summary>The reference's label rules, in its order, with n_pos = #(Re &gt; tol), n_neg = #(Re &lt; -tol),
    /// n_zero = the rest:
    /// 1. n_pos = 0 and n_zero = 0: "stable node" (also for complex eigenvalues: a stable focus is called a node);
    /// 2. n_neg = 0 and n_zero = 0: "unstable node";
    /// 3. n_pos &gt; 0 and n_neg &gt; 0: "saddle";
    /// 4. any |Im| &gt; tol: all Re &lt; -tol "stable focus (spiral sink)", all Re &gt; tol "unstable focus
    ///    (spiral source)", else "spiral saddle" (only the last is reachable after rules 1-2);
    /// 5. "neutral / marginal".
    /// Any NaN eigenvalue: "undefined (numerical issues)".</summary>
    public static string Label(IReadOnlyList<Complex> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0 || eigenvalues.Any(e => double.IsNaN(e.Real) || double.IsNaN(e.Imaginary))) return Undefined;
        int pos = eigenvalues.Count(e => e.Real > Tolerance), neg = eigenvalues.Count(e => e.Real < -Tolerance);
        int zero = eigenvalues.Count - pos - neg;
        if (pos == 0 && zero == 0) return "stable node";
        if (neg == 0 && zero == 0) return "unstable node";
        if (pos > 0 && neg > 0) return "saddle";
        if (eigenvalues.Any(e => Math.Abs(e.Imaginary) > Tolerance))
        {
            if (eigenvalues.All(e => e.Real < -Tolerance)) return "stable focus (spiral sink)";
            if (eigenvalues.All(e => e.Real > Tolerance)) return "unstable focus (spiral source)";
            return "spiral saddle";
        }
        return "neutral / marginal";
    }
}
