using NeuroEngine.IO;
using NeuroEngine.Signals;
using NUnit.Framework;

namespace NeuroEngine.Tests.Signals;

/// <summary>Convolution against numpy.convolve (reference data from benchmarks/reference/convolve_reference.py),
/// direct against FFT overlap-add, and bad input.</summary>
public class ConvolutionTests
{
    private static readonly string Folder = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Signals/reference");

    private static double[] Column(string file) => NumericCsv.Read(Path.Combine(Folder, file)).Rows.Select(r => r[0]).ToArray();

    [Test]
    public void EqualsNumpy([Values(1, 6, 7, 128, 129, 1000)] int kernel, [Values] ConvolveMode mode,
        [Values(ConvolveMethod.Direct, ConvolveMethod.Fft)] ConvolveMethod method)
    {
        var x = Column("conv_signal.csv");
        var h = Column($"conv_kernel_{kernel}.csv");
        var expected = Column($"conv_{kernel}_{mode.ToString().ToLowerInvariant()}.csv");
        var y = Convolution.Convolve(x, h, mode, method);
        Assert.That(y, Has.Length.EqualTo(expected.Length));
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < y.Length; i++)
            Assert.That(y[i], Is.EqualTo(expected[i]).Within(1e-12 * scale), $"sample {i}");
    }

    [Test]
    public void DirectIsTheSameForAnyThreadCount()
    {
        var rng = new System.Random(8);
        var x = Enumerable.Range(0, 50_000).Select(_ => rng.NextDouble()).ToArray();
        var h = Enumerable.Range(0, 60).Select(i => Math.Exp(-i / 9.0)).ToArray();
        Assert.That(Convolution.Convolve(x, h, ConvolveMode.Same, ConvolveMethod.Direct, threads: 1),
            Is.EqualTo(Convolution.Convolve(x, h, ConvolveMode.Same, ConvolveMethod.Direct, threads: 2)));
    }

    [Test]
    public void BadInputIsRejected()
    {
        double[] x = [1, 2, 3];
        Assert.That(Assert.Throws<ArgumentException>(() => Convolution.Convolve(x, [1, 2, 3, 4]))!.Message, Does.Contain("longer than the signal"));
        Assert.That(Assert.Throws<ArgumentException>(() => Convolution.Convolve(x, []))!.Message, Does.Contain("empty"));
        Assert.That(Assert.Throws<ArgumentException>(() => Convolution.Convolve([1, double.NaN, 3], [1.0], method: ConvolveMethod.Direct))!.Message,
            Does.Contain("x[1]"));
        Assert.That(Assert.Throws<ArgumentException>(() => Convolution.Convolve([1, double.NaN, 3], [1.0], method: ConvolveMethod.Fft))!.Message,
            Does.Contain("x[1]"));
    }
}
