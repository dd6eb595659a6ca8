using NeuroEngine.Features;
using NeuroEngine.Signals;
using NUnit.Framework;

namespace NeuroEngine.Tests.Features;

/// <summary>The many-series entry point: rows equal the single-series functions, for any thread count.</summary>
public class FeatureSetTests
{
    private static double[][] Series(int count, int length)
    {
        var rng = new System.Random(4);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = new double[length];
            for (int i = 1; i < length; i++) x[i] = 0.8 * x[i - 1] + rng.NextDouble() - 0.5 + 0.5 * Math.Sin(2 * Math.PI * 12 * i / 500.0);
            return x;
        }).ToArray();
    }

    [Test]
    public void RowsEqualTheSingleSeriesFunctionsForAnyThreadCount()
    {
        var data = Series(12, 2000);
        var one = FeatureSet.Compute("specparam", data, 500, threads: 1, specparam: new SpectralModelSettings { MaxNPeaks = 2 });
        var two = FeatureSet.Compute("specparam", data, 500, threads: 2, specparam: new SpectralModelSettings { MaxNPeaks = 2 });
        Assert.That(two.Values, Is.EqualTo(one.Values));
        Assert.That(one.Names, Is.EqualTo(SpectralModelResult.Names));
        Assert.That(one.Series[3], Is.EqualTo("series_3"));
        var (f, p) = Welch.Compute(data[3], new WelchOptions { Fs = 500, Nperseg = 250 });
        var keep = Enumerable.Range(0, f.Length).Where(k => f[k] > 0).ToArray();
        var direct = SpectralModel.Fit(keep.Select(k => f[k]).ToArray(), keep.Select(k => p[k]).ToArray(),
            new SpectralModelSettings { MaxNPeaks = 2, FreqRange = (1, 45) });
        Assert.That(one.Values[3], Is.EqualTo(direct.ToArray()));
        Assert.That(one.Values[3][6], Is.EqualTo(12).Within(1.0), "the 12 Hz rhythm is the highest peak");

        var psd = FeatureSet.Compute("psd", data, 500, names: data.Select((_, i) => $"ch{i}").ToArray());
        Assert.That(psd.Names, Has.Count.EqualTo(129));
        Assert.That(psd.Values[5], Is.EqualTo(Welch.Compute(data[5], new WelchOptions { Fs = 500 }).Power));
    }

    [Test]
    public void ErrorsNameTheSeries()
    {
        double[][] data = [[1, 2, 3, 4], [1, double.NaN, 3, 4]];
        var ex = Assert.Throws<ArgumentException>(() => FeatureSet.Compute("psd", data, 100, names: ["a", "b"]));
        Assert.That(ex!.Message, Does.Contain("series b"));
        Assert.Throws<ArgumentException>(() => FeatureSet.Compute("catch22", data, 100));
    }
}
