using NeuroEngine.Signals;
using NUnit.Framework;

namespace NeuroEngine.Tests.Signals;

/// <summary>ncpi's proxies (docs/field-potential.md) on hand-built inputs.</summary>
public class FieldPotentialTests
{
    private static double[] Impulse(int length, int at, double value = 1)
    {
        var x = new double[length];
        x[at] = value;
        return x;
    }

    [TestCase(0.1, 60, 9, 22)]       // int(2.3 / 0.1) = 22, not 23: Python's truncation of the float quotient
    [TestCase(0.0625, 96, 14, 36)]
    [TestCase(0.01, 600, 90, 229)]
    public void DelaysTruncateAsNcpi(double dt, int lrws, int advance, int gabaDelay)
    {
        Assert.That(FieldPotential.Truncate(6.0 / dt), Is.EqualTo(lrws));
        Assert.That(FieldPotential.Truncate(0.9 / dt), Is.EqualTo(advance));
        Assert.That(FieldPotential.Truncate(2.3 / dt), Is.EqualTo(gabaDelay));
    }

    [Test]
    public void LrwsDelaysAmpaAndWeighsGabaWithItsOwnSign()
    {
        // dt 0.1: AMPA delayed by 60 samples; GABA (negative currents) enters as -1.65 x GABA
        var inputs = new ProxyInputs(Ampa: [Impulse(200, 10, 2.0), Impulse(200, 30)], Gaba: [Impulse(200, 5, -1.0)]);
        var p = FieldPotential.Compute(ProxyMethod.LRWS, inputs, 0.1);
        Assert.That(p[70], Is.EqualTo(2.0));
        Assert.That(p[90], Is.EqualTo(1.0));
        Assert.That(p[5], Is.EqualTo(1.65));
        Assert.That(p.Where((v, t) => t is not (70 or 90 or 5)).All(v => v == 0), Is.True);
    }

    [Test]
    public void Erws1AdvancesAmpaAndDelaysGaba()
    {
        var inputs = new ProxyInputs(Ampa: [Impulse(100, 20)], Gaba: [Impulse(100, 5, -2.0)]);
        var p = FieldPotential.Compute(ProxyMethod.ERWS1, inputs, 0.1);
        Assert.That(p[11], Is.EqualTo(1.0), "AMPA advanced by trunc(0.9 / 0.1) = 9 samples");
        Assert.That(p[27], Is.EqualTo(0.6).Within(1e-15), "GABA delayed by 22 samples, weight -0.3");
        Assert.That(p.Count(v => v != 0), Is.EqualTo(2));
        // an advance past the start and a delay past the end drop the samples (zero padding)
        var edge = FieldPotential.Compute(ProxyMethod.ERWS1, new ProxyInputs(Ampa: [Impulse(30, 3)], Gaba: [Impulse(30, 25)]), 0.1);
        Assert.That(edge.All(v => v == 0), Is.True);
    }

    [Test]
    public void Erws2UsesItsDelaysAsSampleCountsUnlessAskedForMilliseconds()
    {
        // ncpi's example: nu = 1.5 Hz -> kA = 0, kG = 1, alpha = 0.9027
        var (ka, kg, alpha) = FieldPotential.Erws2Parameters(1.5, 0.1);
        Assert.That((ka, kg), Is.EqualTo((0, 1)));
        Assert.That(alpha, Is.EqualTo(1.4 * Math.Pow(1.5, -1.7) + 0.2).Within(1e-15));
        Assert.That(alpha, Is.EqualTo(0.9027).Within(5e-5));
        var inputs = new ProxyInputs(Ampa: [Impulse(50, 10)], Gaba: [Impulse(50, 10, -1.0)]);
        var p = FieldPotential.Compute(ProxyMethod.ERWS2, inputs, 0.1, 1.5);
        Assert.That(p[10], Is.EqualTo(1.0));
        Assert.That(p[11], Is.EqualTo(alpha));
        // published: the GABA delay of 1.51 ms is 15 samples at dt = 0.1 ms; the AMPA one (-0.98 ms) an advance of 9
        var (ka2, kg2, _) = FieldPotential.Erws2Parameters(1.5, 0.1, Erws2Delays.Milliseconds);
        Assert.That((ka2, kg2), Is.EqualTo((-9, 15)));
        var q = FieldPotential.Compute(ProxyMethod.ERWS2, inputs, 0.1, 1.5, Erws2Delays.Milliseconds);
        Assert.That(q[1], Is.EqualTo(1.0));
        Assert.That(q[25], Is.EqualTo(alpha));
    }

    [Test]
    public void SumsMeansAndSigns()
    {
        var inputs = new ProxyInputs(Ampa: [[1, -2], [0.5, 0]], Gaba: [[-3, 4], [-1, 0]], Vm: [[-60, -61], [-70, -50]], Fr: [[10, 0], [30, 4]]);
        Assert.That(FieldPotential.Compute(ProxyMethod.AMPA, inputs), Is.EqualTo(new[] { 1.5, -2 }));
        Assert.That(FieldPotential.Compute(ProxyMethod.GABA, inputs), Is.EqualTo(new[] { 4.0, -4 }));
        Assert.That(FieldPotential.Compute(ProxyMethod.Vm, inputs), Is.EqualTo(new[] { -130.0, -111 }));
        Assert.That(FieldPotential.Compute(ProxyMethod.I, inputs), Is.EqualTo(new[] { -2.5, 2 }));
        Assert.That(FieldPotential.Compute(ProxyMethod.I_abs, inputs), Is.EqualTo(new[] { 5.5, 6 }));
        Assert.That(FieldPotential.Compute(ProxyMethod.FR, inputs), Is.EqualTo(new[] { 20.0, 2 }));
        // population sums of a network run: the mean over its neurons
        Assert.That(FieldPotential.Compute(ProxyMethod.FR, inputs with { FrUnits = 8 }), Is.EqualTo(new[] { 5.0, 0.5 }));
    }

    [Test]
    public void BadInputsAreRejected()
    {
        var ok = new[] { new double[] { 1, 2, 3 } };
        Assert.That(Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.GABA, new ProxyInputs(Ampa: ok)))!.Message, Does.Contain("GABA"));
        Assert.That(Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.AMPA, new ProxyInputs(Ampa: [[1, double.NaN]])))!.Message,
            Does.Contain("sample 1"));
        Assert.That(Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.I, new ProxyInputs(Ampa: ok, Gaba: [[1, 2]])))!.Message,
            Does.Contain("2 samples"));
        Assert.That(Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.LRWS, new ProxyInputs(Ampa: ok, Gaba: ok)))!.Message,
            Does.Contain("dt"));
        Assert.That(Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.ERWS2, new ProxyInputs(Ampa: ok, Gaba: ok), 0.1))!.Message,
            Does.Contain("nu_ext"));
        Assert.Throws<ArgumentException>(() => FieldPotential.Compute(ProxyMethod.AMPA, new ProxyInputs()));
    }
}
