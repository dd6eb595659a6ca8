using MathNet.Numerics;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>Stationary firing rate of a LIF neuron driven by white (or, with the correction,
/// exponentially filtered) Gaussian input: the Siegert / Amit-Brunel first-passage formula
/// 1/nu = tau_ref + tau_m sqrt(pi) Int_{y_r}^{y_th} e^{u^2} (1 + erf u) du with
/// y = (V - mu) / sigma + b_s, where b_s = -zeta(1/2)/sqrt(2) sqrt(tau_s / tau_m) is the
/// Fourcaud-Brunel (2002) shift for synaptic filtering (0 for delta synapses).</summary>
public static class LifTransferFunction
{
    /// <summary>-zeta(1/2) / sqrt(2) = 1.0326265...</summary>
    public const double ShiftCoefficient = 1.0326265761206856;

    /// <summary>Rate (Hz) for mean input <paramref name="mu"/> and noise <paramref name="sigma"/> (mV, the
    /// units of the threshold), times in ms.</summary>
    public static double RateHz(double mu, double sigma, double tauMMs, double tauSMs, double tauRefMs, double threshold, double reset)
    {
        if (!(sigma > 0)) throw new ArgumentException($"sigma must be > 0, got {sigma}", nameof(sigma));
        double shift = tauSMs > 0 ? ShiftCoefficient * Math.Sqrt(tauSMs / tauMMs) : 0.0;
        double upper = (threshold - mu) / sigma + shift;
        double lower = (reset - mu) / sigma + shift;
        double integral = Integral(lower, upper);
        double denominatorMs = tauRefMs + tauMMs * integral;
        return 1000.0 / Math.Max(denominatorMs, 1e-12);
    }

    /// <summary>sqrt(pi) e^{u^2} (1 + erf u) = sqrt(pi) erfcx(-u), with the asymptotic series for
    /// u &lt; -15 where the product underflows.</summary>
    public static double Integrand(double u)
    {
        if (u < -15)
        {
            double u2 = u * u;
            return (1 - 1 / (2 * u2) + 3 / (4 * u2 * u2) - 15 / (8 * u2 * u2 * u2)) * (-1 / u);
        }
        if (u < 0) return Math.Sqrt(Math.PI) * Math.Exp(u * u) * SpecialFunctions.Erfc(-u);
        return Math.Sqrt(Math.PI) * Math.Exp(u * u) * (1 + SpecialFunctions.Erf(u));
    }

    /// <summary>Int_a^b of <see cref="Integrand"/> by adaptive Gauss-Kronrod (relative error 1e-12),
    /// split where the integrand changes character; +Infinity when the integrand overflows.</summary>
    public static double Integral(double a, double b)
    {
        if (b <= a) return 0;
        if (b > 26) return double.PositiveInfinity; // e^{u^2} overflows: the rate is 0 to double precision
        var points = new List<double> { a };
        foreach (double split in new[] { -15.0, 0.0 })
            if (split > a && split < b) points.Add(split);
        points.Add(b);
        double total = 0;
        for (int i = 0; i + 1 < points.Count; i++)
            total += Integrate.GaussKronrod(Integrand, points[i], points[i + 1], out _, out _, 1e-12, 20, 21);
        return total;
    }
}
