using MathNet.Numerics;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>The scaled complementary error function erfcx(x) = e^{x^2} erfc(x), accurate to a few
/// ulp over the whole real line (the naive product overflows or underflows for |x| &gt; 26).</summary>
public static class ScaledErfc
{
    /// <summary>1 / sqrt(pi).</summary>
    public const double InvSqrtPi = 0.56418958354775628695;

    /// <summary>erfcx(x) = e^{x^2} erfc(x). Positive for every x; ~ 1/(x sqrt(pi)) for large x;
    /// +Infinity below about -26.63, where 2 e^{x^2} overflows; NaN for NaN.</summary>
    public static double Evaluate(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0)
        {
            if (x < -27) return double.PositiveInfinity;
            // erfc(x) = 2 - erfc(-x): no cancellation, both terms positive and 2 e^{x^2} >= 2 > erfcx(-x)
            return 2 * ExpOfSquare(x) - Evaluate(-x);
        }
        if (x < 3) return ExpOfSquare(x) * SpecialFunctions.Erfc(x);
        if (x > 1e8) return InvSqrtPi / x; // the next term of the series is 1/(2 x^2) < 1e-16 relative
        return ContinuedFraction(x);
    }

    /// <summary>e^{x^2} with the rounding error of x*x compensated (x^2 = hi + lo exactly): relative
    /// error a few ulp even where x^2 is large.</summary>
    public static double ExpOfSquare(double x)
    {
        double hi = x * x;
        double lo = Math.FusedMultiplyAdd(x, x, -hi);
        return Math.Exp(hi) * (1 + lo);
    }

    /// <summary>Laplace's continued fraction erfc(x) = e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
    /// evaluated backwards from a fixed depth of 60; converged to double precision for x &gt;= 2 (used from 3 on).</summary>
    private static double ContinuedFraction(double x)
    {
        double t = x;
        for (int k = 60; k >= 1; k--) t = x + 0.5 * k / t;
        return InvSqrtPi / t;
    }
}
