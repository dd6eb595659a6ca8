using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class GaussKronrodQuadratureTests
{
    [Test]
    public void IntegratesPolynomialsExactlyOnOneInterval()
    {
        // the 21-point Kronrod rule is exact to degree 31
        double value = GaussKronrodQuadrature.Integrate(x => Math.Pow(x, 30) + 3 * Math.Pow(x, 29), -1, 1, 1e-15, 0, out double err, maxIntervals: 1);
        Assert.That(value, Is.EqualTo(2.0 / 31).Within(1e-15));
        Assert.That(err, Is.GreaterThan(1e-6)); // the estimate comes from the 10-point Gauss rule, exact only to degree 19
    }

    [Test]
    public void ReachesTheRelativeToleranceOnHardIntegrands()
    {
        // peaked: Int_0^20 e^{(u-20)(u+20)} du = e^{-400} Int_0^20 e^{u^2} du = D(20) (Dawson), and a log singularity near 0
        double peaked = GaussKronrodQuadrature.Integrate(u => Math.Exp((u - 20) * (u + 20)), 0, 20, 1e-13, 0, out _);
        Assert.That(peaked, Is.EqualTo(0.02503136792640365).Within(1e-13 * 0.025)); // scipy.special.dawsn(20.0)
        double log = GaussKronrodQuadrature.Integrate(u => 1 / u, 1e-6, 1, 1e-13, 0, out _);
        Assert.That(log, Is.EqualTo(Math.Log(1e6)).Within(1e-12 * Math.Log(1e6)));
        double oscillating = GaussKronrodQuadrature.Integrate(Math.Sin, 0, 20 * Math.PI, 0, 1e-13, out _);
        Assert.That(oscillating, Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void RejectsBadLimitsAndTolerances()
    {
        var ex = Assert.Throws<ArgumentException>(() => GaussKronrodQuadrature.Integrate(x => x, 1, 0, 1e-12, 0, out _));
        Assert.That(ex!.ParamName, Is.EqualTo("b"));
        ex = Assert.Throws<ArgumentException>(() => GaussKronrodQuadrature.Integrate(x => x, double.NaN, 1, 1e-12, 0, out _));
        Assert.That(ex!.ParamName, Is.EqualTo("a"));
        Assert.Throws<ArgumentException>(() => GaussKronrodQuadrature.Integrate(x => x, 0, 1, 0, 0, out _));
        Assert.That(GaussKronrodQuadrature.Integrate(x => x, 2, 2, 1e-12, 0, out _), Is.EqualTo(0));
    }
}
