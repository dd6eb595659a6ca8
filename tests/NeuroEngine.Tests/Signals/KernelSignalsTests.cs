using NeuroEngine.Signals;
using NUnit.Framework;

namespace NeuroEngine.Tests.Signals;

/// <summary>Channels from population rates and kernels: the sum of each population's convolution, scaled.</summary>
public class KernelSignalsTests
{
    [Test]
    public void ChannelsSumThePopulationsConvolvedWithTheirKernels()
    {
        // impulses: population 0 fires at t = 10, population 1 at t = 30; the channel shows each kernel there
        var rates = new[] { new double[100], new double[100] };
        rates[0][10] = 2;
        rates[1][30] = 1;
        double[] k0 = [1, 0.5, 0.25], k1 = [-1, -2, 0, 3, 0];  // odd lengths: 'same' centres them
        var channels = KernelSignals.Compute(rates, [[k0, k1], [k1, k0]], ConvolveMode.Same, scale: 0.5);
        Assert.That(channels, Has.Length.EqualTo(2));
        // channel 0: 0.5 x (2 k0 centred at 10 + k1 centred at 30)
        Assert.That(channels[0][9], Is.EqualTo(0.5 * 2 * 1));
        Assert.That(channels[0][10], Is.EqualTo(0.5 * 2 * 0.5));
        Assert.That(channels[0][11], Is.EqualTo(0.5 * 2 * 0.25));
        Assert.That(channels[0][28], Is.EqualTo(0.5 * -1));
        Assert.That(channels[0][31], Is.EqualTo(0.5 * 3));
        var expected = new double[100];
        var a = Convolution.Convolve(rates[0], k1, ConvolveMode.Same);
        var b = Convolution.Convolve(rates[1], k0, ConvolveMode.Same);
        for (int t = 0; t < 100; t++) expected[t] = 0.5 * a[t] + 0.5 * b[t];
        Assert.That(channels[1], Is.EqualTo(expected));
    }

    [Test]
    public void MismatchedInputsAreNamed()
    {
        var rates = new[] { new double[50], new double[40] };
        Assert.That(Assert.Throws<ArgumentException>(() => KernelSignals.Compute(rates, [[new double[3]], [new double[3]]]))!.Message,
            Does.Contain("population 1 has 40 samples"));
        rates = [new double[50], new double[50]];
        Assert.That(Assert.Throws<ArgumentException>(() => KernelSignals.Compute(rates, [[new double[3]], [new double[3], new double[3]]]))!.Message,
            Does.Contain("2 channels"));
        Assert.That(Assert.Throws<ArgumentException>(() => KernelSignals.Compute(rates, [[new double[60]], [new double[3]]]))!.Message,
            Does.Contain("population 0, channel 0").And.Contain("longer than the signal"));
    }
}
