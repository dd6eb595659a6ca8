namespace NeuroEngine.Simulation.MeanField;

/// <summary>Stationary firing rate of a leaky integrate-and-fire neuron driven by Gaussian input,
/// Phi(mu, sigma): the Siegert / Amit-Brunel first-passage formula
/// <code>1/nu = tau_ref + tau_m Int_{y_r}^{y_th} sqrt(pi) erfcx(-u) du,   sqrt(pi) erfcx(-u) = sqrt(pi) e^{u^2} (1 + erf u),</code>
/// with y_th = (theta - mu)/sigma + b_s, y_r = (V_r - mu)/sigma + b_s and the Fourcaud-Brunel (2002)
/// colored-noise shift b_s = -zeta(1/2)/sqrt(2) sqrt(tau_s/tau_m) ~ 1.03263 sqrt(tau_s/tau_m) on both
/// bounds (b_s = 0 for delta synapses, tau_s = 0), as VectorialNeuroModulators' LIFMeanField.
/// As there, the integrand below u = -15 is the asymptotic series
/// (1 - 1/(2u^2) + 3/(4u^4) - 15/(8u^6)) (-1/u) (integrated here in closed form), and the rate is
/// 1 / max(denominator, 1e-12 s).
/// Units: times in ms, rates in Hz; mu, sigma, threshold and reset in the same voltage units (mV).
/// The integral is computed to about 1e-13 relative with adaptive 21-point Gauss-Kronrod; for a
/// threshold far above the mean it is evaluated scaled by e^{-y_th^2}, so the rate stays accurate
/// (down to the smallest double) where e^{y_th^2} overflows.</summary>
public static class LifTransferFunction
{
    /// <summary>-zeta(1/2)/sqrt(2) = 1.0326265761156086 (= alpha/2 with alpha = sqrt(2) |zeta(1/2)|).</summary>
    public const double ShiftCoefficient = 1.0326265761156086;

    /// <summary>Below this u the integrand is the reference's asymptotic series.</summary>
    public const double SeriesBelow = -15.0;

    /// <summary>Relative tolerance of the quadrature.</summary>
    public const double RelativeTolerance = 1e-13;

    /// <summary>The reference's floor on the denominator tau_ref + tau_m * integral: 1e-12 s, in ms.</summary>
    public const double MinDenominatorMs = 1e-9;

    private const double SqrtPi = 1.7724538509055160273;

    /// <summary>The colored-noise shift b_s = 1.0326... * sqrt(tau_s / tau_m) (dimensionless); 0 for tau_s = 0.</summary>
    /// <param name="tauSMs">Synaptic time constant (ms), &gt;= 0.</param>
    /// <param name="tauMMs">Membrane time constant (ms), &gt; 0.</param>
    public static double Shift(double tauSMs, double tauMMs)
    {
        if (!(double.IsFinite(tauSMs) && tauSMs >= 0)) throw new ArgumentException($"tau_s must be finite and >= 0 ms, got {tauSMs}", nameof(tauSMs));
        if (!(double.IsFinite(tauMMs) && tauMMs > 0)) throw new ArgumentException($"tau_m must be finite and > 0 ms, got {tauMMs}", nameof(tauMMs));
        return tauSMs > 0 ? ShiftCoefficient * Math.Sqrt(tauSMs / tauMMs) : 0.0;
    }

    /// <summary>Phi(mu, sigma): the stationary rate (Hz).</summary>
    /// <param name="mu">Mean input (mV, the units of the threshold), finite.</param>
    /// <param name="sigma">Input standard deviation (mV), finite and &gt; 0.</param>
    /// <param name="tauMMs">Membrane time constant (ms), &gt; 0.</param>
    /// <param name="tauSMs">Synaptic time constant (ms), &gt;= 0 (0: delta synapses, no shift).</param>
    /// <param name="tauRefMs">Absolute refractory period (ms), &gt;= 0.</param>
    /// <param name="threshold">Firing threshold theta (mV).</param>
    /// <param name="reset">Reset potential V_r (mV), below the threshold.</param>
    /// <exception cref="ArgumentException">A value is NaN or infinite or out of range (the message names it and gives the value).</exception>
    public static double RateHz(double mu, double sigma, double tauMMs, double tauSMs, double tauRefMs, double threshold, double reset)
    {
        if (!double.IsFinite(mu)) throw new ArgumentException($"mu must be finite, got {mu}", nameof(mu));
        if (!(double.IsFinite(sigma) && sigma > 0)) throw new ArgumentException($"sigma must be finite and > 0, got {sigma}", nameof(sigma));
        if (!(double.IsFinite(tauRefMs) && tauRefMs >= 0)) throw new ArgumentException($"tau_ref must be finite and >= 0 ms, got {tauRefMs}", nameof(tauRefMs));
        if (!double.IsFinite(threshold)) throw new ArgumentException($"threshold must be finite, got {threshold}", nameof(threshold));
        if (!double.IsFinite(reset)) throw new ArgumentException($"reset must be finite, got {reset}", nameof(reset));
        if (!(reset < threshold)) throw new ArgumentException($"reset must be below the threshold ({threshold}), got {reset}", nameof(reset));
        double shift = Shift(tauSMs, tauMMs);
        double upper = (threshold - mu) / sigma + shift;
        double lower = (reset - mu) / sigma + shift;
        return RateFromBounds(lower, upper, tauMMs, tauRefMs);
    }

    /// <summary>The rate (Hz) for integration bounds y_r &lt; y_th already computed:
    /// 1000 / max(tau_ref + tau_m Int_{y_r}^{y_th} sqrt(pi) erfcx(-u) du, 1e-9 ms).</summary>
    public static double RateFromBounds(double lower, double upper, double tauMMs, double tauRefMs)
    {
        double scale = upper > 0 ? upper * upper : 0; // integral = scaled * e^{scale}
        double scaled = ScaledIntegral(lower, upper);
        if (scale < 700)
            return 1000.0 / Math.Max(tauRefMs + tauMMs * scaled * Math.Exp(scale), MinDenominatorMs);
        // e^{scale} would overflow: tau_ref is negligible against tau_m * integral
        return Math.Exp(Math.Log(1000.0 / (tauMMs * scaled)) - scale);
    }

    /// <summary>The reference's integrand: sqrt(pi) erfcx(-u) = sqrt(pi) e^{u^2} (1 + erf u) for
    /// u &gt;= -15, else the asymptotic series (1 - 1/(2u^2) + 3/(4u^4) - 15/(8u^6)) (-1/u).
    /// +Infinity above u ~ 26.6, where e^{u^2} overflows.</summary>
    public static double Integrand(double u)
    {
        if (u < SeriesBelow) return Series(u);
        return SqrtPi * ScaledErfc.Evaluate(-u);
    }

    /// <summary>Int_a^b <see cref="Integrand"/>(u) du (a &lt;= b); +Infinity where it overflows
    /// (b above about 26.6).</summary>
    public static double Integral(double a, double b)
    {
        if (!double.IsFinite(a)) throw new ArgumentException($"a must be finite, got {a}", nameof(a));
        if (!double.IsFinite(b) || b < a) throw new ArgumentException($"b must be finite and >= a ({a}), got {b}", nameof(b));
        double scale = b > 0 ? b * b : 0;
        return ScaledIntegral(a, b) * Math.Exp(scale);
    }

    /// <summary>e^{-max(b,0)^2} Int_a^b Integrand(u) du: the series part in closed form, the rest by
    /// adaptive quadrature split at 0 (where the integrand's growth changes).</summary>
    private static double ScaledIntegral(double a, double b)
    {
        if (!(a < b)) return 0;
        double scale = b > 0 ? b * b : 0;
        double expMinusScale = Math.Exp(-scale);
        double total = 0;
        if (a < SeriesBelow)
        {
            total += SeriesIntegral(-Math.Min(b, SeriesBelow), -a) * expMinusScale;
            a = SeriesBelow;
            if (!(a < b)) return total;
        }
        if (a < 0)
        {
            double hi = Math.Min(b, 0);
            // sqrt(pi) erfcx(|u|) is bounded by sqrt(pi) on [a, 0]
            total += expMinusScale * GaussKronrodQuadrature.Integrate(u => SqrtPi * ScaledErfc.Evaluate(-u), a, hi, RelativeTolerance, 0, out _);
            a = hi;
            if (!(a < b)) return total;
        }
        // u >= 0: sqrt(pi) e^{u^2} (1 + erf u) = sqrt(pi) (2 e^{u^2} - erfcx(u)), scaled by e^{-b^2}
        double bb = b;
        total += GaussKronrodQuadrature.Integrate(
            u => SqrtPi * (2 * Math.Exp((u - bb) * (u + bb)) - ScaledErfc.Evaluate(u) * expMinusScale),
            a, b, RelativeTolerance, 0, out _);
        return total;
    }

    private static double Series(double u)
    {
        double u2 = u * u;
        return (1 - 1 / (2 * u2) + 3 / (4 * u2 * u2) - 15 / (8 * u2 * u2 * u2)) * (-1 / u);
    }

    /// <summary>Int over u in [-v2, -v1] of the series, 0 &lt; v1 &lt;= v2, in closed form (v = -u):
    /// ln(v2/v1) + (v2^-2 - v1^-2)/4 - 3 (v2^-4 - v1^-4)/16 + 15 (v2^-6 - v1^-6)/48.</summary>
    private static double SeriesIntegral(double v1, double v2)
    {
        // differences written so that nothing cancels when v1 and v2 are close
        double i1 = 1 / (v1 * v1), i2 = 1 / (v2 * v2);
        double d = -(v2 - v1) * (v2 + v1) * i1 * i2; // i2 - i1
        return double.LogP1((v2 - v1) / v1)
            + d * (0.25 - 3.0 / 16.0 * (i1 + i2) + 15.0 / 48.0 * (i1 * i1 + i1 * i2 + i2 * i2));
    }
}

