using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class ScaledErfcTests
{
    // Reference: scipy.special.erfcx(x) (Debian python3-scipy 1.10.1), checked against mpmath
    // exp(x^2) * erfc(x) at 50 digits (agreement better than 3e-16 relative at every point).
    [TestCase(-26.0, 7.657724931490568e+293)]
    [TestCase(-20.0, 1.0442939379528289e+174)]
    [TestCase(-5.0, 144009798674.66104)]
    [TestCase(-1.0, 5.008980080762283)]
    [TestCase(-0.3, 1.4537492328427655)]
    [TestCase(0.0, 1.0)]
    [TestCase(0.3, 0.7345993345676554)]
    [TestCase(1.0, 0.427583576155807)]
    [TestCase(2.5, 0.2108063640611436)]
    [TestCase(2.9999999999999996, 0.17900115118138998)]
    [TestCase(3.0, 0.17900115118138998)]
    [TestCase(5.0, 0.11070463773306861)]
    [TestCase(9.99, 0.05619664070685882)]
    [TestCase(10.0, 0.05614099274382259)]
    [TestCase(10.01, 0.056085454355001924)]
    [TestCase(15.0, 0.03752960638850577)]
    [TestCase(26.5, 0.02127504668537111)]
    [TestCase(30.0, 0.018795888861416754)]
    [TestCase(100.0, 0.005641613782989433)]
    [TestCase(100000.0, 5.6418958351954685e-06)]
    [TestCase(1000000000.0, 5.641895835477563e-10)]
    public void MatchesScipy(double x, double expected) =>
        Assert.That(ScaledErfc.Evaluate(x), Is.EqualTo(expected).Within(1e-14 * expected));

    [Test]
    public void LimitsAndSpecialValues()
    {
        Assert.That(ScaledErfc.Evaluate(-30), Is.EqualTo(double.PositiveInfinity));
        Assert.That(ScaledErfc.Evaluate(double.PositiveInfinity), Is.EqualTo(0));
        Assert.That(double.IsNaN(ScaledErfc.Evaluate(double.NaN)));
        // continuous where the method changes (3: product -> continued fraction; 0: reflection)
        foreach (double x in new[] { 3.0, 0.0 })
        {
            double below = ScaledErfc.Evaluate(Math.BitDecrement(x)), above = ScaledErfc.Evaluate(x);
            Assert.That(below, Is.EqualTo(above).Within(1e-15 * above), $"at {x}");
        }
    }
}
