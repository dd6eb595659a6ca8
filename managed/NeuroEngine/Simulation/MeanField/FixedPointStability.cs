using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>Rate dynamics used to linearise a fixed point.</summary>
public enum MeanFieldDynamics
{
    /// <summary>d nu / dt = -nu + Phi(nu) with a unit time constant for every population (the reference).</summary>
    Unit,
    /// <summary>tau_m,i d nu_i / dt = -nu_i + Phi_i(nu) (tau_m in s): eigenvalues in 1/s.</summary>
    Membrane,
}

/// <summary>Linear stability of a mean-field fixed point, with the reference's (VectorialNeuroModulators)
/// Jacobian (forward differences, eps = 1e-6, of -F) and label rules (tolerance 1e-6 on real parts).</summary>
public static class FixedPointStability
{
    public const double Epsilon = 1e-6;
    public const double Tolerance = 1e-6;

    /// <summary>Jacobian of d nu / dt at <paramref name="ratesHz"/>.</summary>
    public static double[,] Jacobian(LifMeanFieldModel model, double[] ratesHz, MeanFieldDynamics dynamics = MeanFieldDynamics.Unit)
    {
        int p = model.P;
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
                for (int j = 0; j < p; j++) jac[i, j] /= model.TauMMs[i] / 1000.0;
        return jac;
    }

    /// <summary>Eigenvalues (sorted by real part, then imaginary part) and the label.</summary>
    public static (Complex[] Eigenvalues, string Label) Classify(double[,] jacobian)
    {
        foreach (double x in jacobian)
            if (!double.IsFinite(x)) return ([new Complex(double.NaN, double.NaN)], "undefined (numerical issues)");
        var eig = Matrix<double>.Build.DenseOfArray(jacobian).Evd().EigenValues.ToArray();
        Array.Sort(eig, (a, b) => a.Real != b.Real ? a.Real.CompareTo(b.Real) : a.Imaginary.CompareTo(b.Imaginary));
        return (eig, Label(eig));
    }

    /// <summary>The reference's label rules, in its order (so its focus labels are only reached when an
    /// eigenvalue is within the tolerance of zero).</summary>
    public static string Label(IReadOnlyList<Complex> eigenvalues)
    {
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
