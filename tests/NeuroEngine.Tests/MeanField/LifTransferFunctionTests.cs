using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class LifTransferFunctionTests
{
    // Reference values: scipy 1.10.1 (Debian python3-scipy), the reference's integrand and quad settings:
    //   f(u) = (1 - 1/(2u^2) + 3/(4u^4) - 15/(8u^6)) * (-1/u) if u < -15 else sqrt(pi) * scipy.special.erfcx(-u)
    //   b_s = 1.0326265761156086 * sqrt(tau_s / tau_m)  (= -zeta(1/2)/sqrt(2); 0 when tau_s = 0)
    //   y_th = (theta - mu)/sigma + b_s, y_r = (V_r - mu)/sigma + b_s
    //   rate_hz = 1000 / max(tau_ref + tau_m * quad(f, y_r, y_th, epsabs=1e-12, epsrel=1e-12, limit=500,
    //                                                points=[p for p in (-15, 0) if y_r < p < y_th]), 1e-9)
    // with times in ms. Each value agrees with mpmath (40 digits, same integrand) to better than 3e-15.
    // Columns: mu, sigma, tau_m, tau_s, tau_ref, theta, V_r, rate (Hz).
    [TestCase(15.0, 5.0, 20.0, 0.0, 2.0, 20.0, 10.0, 9.460799805759128)]          // Brunel-like, y in [-1, 1]
    [TestCase(25.0, 3.0, 20.0, 0.0, 2.0, 20.0, 10.0, 44.07059177362892)]          // suprathreshold mean
    [TestCase(5.0, 2.0, 20.0, 0.0, 2.0, 20.0, 10.0, 7.806233167999056e-23)]       // subthreshold, y in [2.5, 7.5]
    [TestCase(0.0, 1.0, 20.0, 0.0, 2.0, 20.0, 10.0, 1.079164690849399e-171)]      // deep subthreshold, y in [10, 20]
    [TestCase(10.0, 4.0, 20.0, 5.0, 5.0, 15.0, 0.0, 1.731940725783771)]           // colored noise
    [TestCase(1.2, 0.5, 20.0, 5.0, 5.0, 1.5, 0.0, 6.997443273107777)]             // the reference's units (theta 1.5)
    [TestCase(2.0, 0.3, 20.0, 5.0, 5.0, 1.5, 0.0, 27.797192788700585)]
    [TestCase(0.5, 0.2, 10.0, 10.0, 3.0, 1.0, 0.2, 0.0007246133054274648)]        // tau_s = tau_m
    [TestCase(103.8, 15.4, 20.0, 5.0, 5.0, 1.5, 0.0, 188.27129342329798)]         // saturated (the reference README)
    [TestCase(90.0, 5.0, 20.0, 0.0, 2.0, 20.0, 10.0, 214.37657133626655)]         // y in [-16, -14]: across the series boundary
    [TestCase(300.0, 5.0, 20.0, 5.0, 5.0, 1.5, 0.0, 196.03580886254076)]          // only the series, y ~ -59
    [TestCase(19.0, 0.5, 10.0, 2.0, 0.0, 20.0, 10.0, 0.2876041474380787)]         // y in [-17.5, 2.5], no refractoriness
    [TestCase(10000.0, 1.0, 20.0, 0.0, 0.0, 20.0, 10.0, 49924.9960774493)]        // saturated without refractoriness
    public void MatchesScipy(double mu, double sigma, double tauM, double tauS, double tauRef, double theta, double reset, double expected)
    {
        double rate = LifTransferFunction.RateHz(mu, sigma, tauM, tauS, tauRef, theta, reset);
        Assert.That(rate, Is.EqualTo(expected).Within(1e-9 * expected));
    }

    [Test]
    public void StaysAccurateWhereTheUnscaledIntegralOverflows()
    {
        // y_th = 26.7: e^{y^2} overflows a double (scipy's quad returns inf and a rate of 0, NaN here);
        // mpmath (40 digits, the same integrand): 1.8724403358286603134e-307 Hz; and at y_th = 26,
        // where scipy still works: 1.914153798159746e-291 Hz.
        Assert.That(LifTransferFunction.RateHz(0, 1, 20, 0, 2, 26.7, 10), Is.EqualTo(1.8724403358286603e-307).Within(1e-9 * 1.8724403358286603e-307));
        Assert.That(LifTransferFunction.RateHz(0, 1, 20, 0, 2, 26.0, 10), Is.EqualTo(1.914153798159746e-291).Within(1e-9 * 1.914153798159746e-291));
        Assert.That(LifTransferFunction.RateHz(0, 1, 20, 0, 2, 40, 10), Is.EqualTo(0)); // below the smallest double
        Assert.That(LifTransferFunction.Integral(0, 27), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void ShiftIsTheFourcaudBrunelCoefficient()
    {
        // spec: for tau_s / tau_m = 0.25, b_s = 0.5163133
        Assert.That(LifTransferFunction.Shift(5, 20), Is.EqualTo(0.5163133).Within(1e-7));
        Assert.That(LifTransferFunction.Shift(0, 20), Is.EqualTo(0));
        Assert.That(LifTransferFunction.ShiftCoefficient, Is.EqualTo(1.0326265761156086).Within(1e-16)); // -zeta(1/2)/sqrt(2), mpmath
    }

    [Test]
    public void IntegrandUsesTheSeriesBelowMinus15AndErfcxAbove()
    {
        double u = -20;
        double series = (1 - 1 / (2 * u * u) + 3 / (4 * Math.Pow(u, 4)) - 15 / (8 * Math.Pow(u, 6))) * (-1 / u);
        Assert.That(LifTransferFunction.Integrand(u), Is.EqualTo(series));
        // sqrt(pi) * scipy.special.erfcx(14.9) and erfcx(-1.5)
        Assert.That(LifTransferFunction.Integrand(-14.9), Is.EqualTo(Math.Sqrt(Math.PI) * 0.03778036465520409).Within(1e-15));
        Assert.That(LifTransferFunction.Integrand(1.5), Is.EqualTo(Math.Sqrt(Math.PI) * 18.653886256262734).Within(1e-13));
    }

    [Test]
    public void SaturatedRateApproachesTheNoiseFreeLimit()
    {
        // mu far above threshold with little noise: 1/nu -> tau_ref + tau_m ln((mu - V_r) / (mu - theta))
        double rate = LifTransferFunction.RateHz(1000, 0.01, 20, 0, 2, 20, 10);
        double expected = 1000 / (2 + 20 * Math.Log((1000 - 10) / (1000 - 20.0)));
        Assert.That(rate, Is.EqualTo(expected).Within(1e-6 * expected));
    }

    [Test]
    public void IncreasesWithTheMeanAndStaysBelowTheRefractoryLimit()
    {
        double previous = 0;
        for (double mu = -20; mu <= 200; mu += 0.5)
        {
            double rate = LifTransferFunction.RateHz(mu, 3, 20, 5, 2, 20, 10);
            Assert.That(rate, Is.GreaterThanOrEqualTo(previous), $"mu = {mu}");
            Assert.That(rate, Is.LessThan(500.0), $"mu = {mu}");
            previous = rate;
        }
    }

    [TestCase(double.NaN, 1.0, 20.0, 0.0, 2.0, 20.0, 10.0, "mu")]
    [TestCase(10.0, 0.0, 20.0, 0.0, 2.0, 20.0, 10.0, "sigma")]
    [TestCase(10.0, -1.0, 20.0, 0.0, 2.0, 20.0, 10.0, "sigma")]
    [TestCase(10.0, 1.0, 0.0, 0.0, 2.0, 20.0, 10.0, "tauMMs")]
    [TestCase(10.0, 1.0, 20.0, -1.0, 2.0, 20.0, 10.0, "tauSMs")]
    [TestCase(10.0, 1.0, 20.0, 0.0, -2.0, 20.0, 10.0, "tauRefMs")]
    [TestCase(10.0, 1.0, 20.0, 0.0, 2.0, 10.0, 10.0, "reset")]
    [TestCase(10.0, 1.0, 20.0, 0.0, 2.0, double.PositiveInfinity, 10.0, "threshold")]
    public void RejectsBadArguments(double mu, double sigma, double tauM, double tauS, double tauRef, double theta, double reset, string param)
    {
        var ex = Assert.Throws<ArgumentException>(() => LifTransferFunction.RateHz(mu, sigma, tauM, tauS, tauRef, theta, reset));
        Assert.That(ex!.ParamName, Is.EqualTo(param));
        Assert.That(ex.Message, Does.Contain("got"));
    }
}
