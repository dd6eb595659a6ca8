using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

/// <summary>The linear quantile against values numpy.quantile gives.</summary>
public class QuantilesTests
{
    [TestCase(0.0, 1.0)]
    [TestCase(0.25, 1.75)]
    [TestCase(0.5, 2.5)]
    [TestCase(0.9, 3.7)]
    [TestCase(1.0, 4.0)]
    public void MatchesNumpyOnFourValues(double p, double expected) =>
        Assert.That(Quantiles.Linear([1, 2, 3, 4], p), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void MatchesNumpyOnUnevenValues()
    {
        double[] x = [-3, 0.5, 0.5, 2, 10];
        Assert.That(Quantiles.Linear(x, 0.05), Is.EqualTo(-2.3).Within(1e-12));     // np.quantile(x, 0.05)
        Assert.That(Quantiles.Linear(x, 0.95), Is.EqualTo(8.4).Within(1e-12));
        Assert.That(Quantiles.Linear([7], 0.3), Is.EqualTo(7.0));
    }

    [Test]
    public void BadInputIsRejected()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => Quantiles.Linear([2, 1], 0.5))!.ParamName, Is.EqualTo("sorted"));
        Assert.That(Assert.Throws<ArgumentException>(() => Quantiles.Linear([1, double.NaN], 0.5))!.ParamName, Is.EqualTo("sorted"));
        Assert.That(Assert.Throws<ArgumentException>(() => Quantiles.Linear([], 0.5))!.ParamName, Is.EqualTo("sorted"));
        Assert.That(Assert.Throws<ArgumentException>(() => Quantiles.Linear([1, 2], 1.5))!.ParamName, Is.EqualTo("p"));
    }
}
