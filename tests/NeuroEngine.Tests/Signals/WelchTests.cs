using System.Text.Json;
using NeuroEngine.IO;
using NeuroEngine.Signals;
using NUnit.Framework;

namespace NeuroEngine.Tests.Signals;

/// <summary>Welch's PSD against scipy.signal.welch (reference values from benchmarks/reference/welch_reference.py,
/// scipy 1.10.1), a pure sine and Parseval's theorem.</summary>
public class WelchTests
{
    private static readonly string Folder = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Signals/reference");

    private static IEnumerable<string> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "welch_cases.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
    }

    [TestCaseSource(nameof(Cases))]
    public void EqualsScipy(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "welch_cases.json")));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        string? S(string key) => c.TryGetProperty(key, out var v) ? v.GetString() : null;
        int? I(string key) => c.TryGetProperty(key, out var v) ? v.GetInt32() : null;
        var options = new WelchOptions
        {
            Fs = c.GetProperty("fs").GetDouble(), Window = S("window") ?? "hann", Nperseg = I("nperseg"), Noverlap = I("noverlap"),
            Nfft = I("nfft"), Detrend = S("detrend") ?? "constant", Scaling = S("scaling") ?? "density", Average = S("average") ?? "mean",
        };
        var x = NumericCsv.Read(Path.Combine(Folder, "signal.csv")).Rows.Select(r => r[0]).ToArray();
        int length = I("length") ?? x.Length;
        var (f, p) = Welch.Compute(x.AsSpan(0, length), options);
        var expected = NumericCsv.Read(Path.Combine(Folder, name + ".csv")).Rows;
        Assert.That(f, Has.Length.EqualTo(expected.Length));
        double scale = expected.Max(r => r[1]);
        for (int k = 0; k < f.Length; k++)
        {
            Assert.That(f[k], Is.EqualTo(expected[k][0]).Within(1e-12 * options.Fs), $"frequency {k}");
            Assert.That(p[k], Is.EqualTo(expected[k][1]).Within(1e-12 * scale), $"power at {f[k]} Hz");
        }
    }

    [Test]
    public void PureSinePeaksAtItsBinWithItsPower()
    {
        // a 12.5 Hz sine of amplitude 3 sampled at 100 Hz: with 'spectrum' scaling and a boxcar window the
        // bin at 12.5 Hz holds the sine's power A^2 / 2 (one-sided), every other bin nothing
        var x = Enumerable.Range(0, 2048).Select(i => 3 * Math.Sin(2 * Math.PI * 12.5 * i / 100.0)).ToArray();
        var (f, p) = Welch.Compute(x, new WelchOptions { Fs = 100, Window = "boxcar", Nperseg = 256, Scaling = "spectrum", Detrend = "none" });
        int peak = Array.IndexOf(p, p.Max());
        Assert.That(f[peak], Is.EqualTo(12.5));
        Assert.That(p[peak], Is.EqualTo(4.5).Within(1e-9));
        Assert.That(p.Where((_, k) => k != peak).Max(), Is.LessThan(1e-20));
    }

    [Test]
    public void ParsevalHoldsForNonOverlappingBoxcarSegments()
    {
        // density scaling, boxcar window, no overlap, no detrending: sum(P) df = mean of x^2
        var rng = new System.Random(2);
        var x = Enumerable.Range(0, 4096).Select(_ => rng.NextDouble() - 0.3).ToArray();
        var (f, p) = Welch.Compute(x, new WelchOptions { Fs = 50, Window = "boxcar", Nperseg = 512, Noverlap = 0, Detrend = "none" });
        double df = f[1] - f[0];
        Assert.That(p.Sum() * df, Is.EqualTo(x.Average(v => v * v)).Within(1e-12));
    }

    [Test]
    public void BadOptionsAreRejected()
    {
        double[] x = [1, 2, 3, 4];
        Assert.That(Assert.Throws<ArgumentException>(() => Welch.Compute(x, new WelchOptions { Window = "kaiser" }))!.Message, Does.Contain("window"));
        Assert.That(Assert.Throws<ArgumentException>(() => Welch.Compute(x, new WelchOptions { Noverlap = 4 }))!.Message, Does.Contain("noverlap"));
        Assert.That(Assert.Throws<ArgumentException>(() => Welch.Compute(x, new WelchOptions { Nfft = 2 }))!.Message, Does.Contain("nfft"));
        Assert.That(Assert.Throws<ArgumentException>(() => Welch.Compute([1, double.NaN]))!.Message, Does.Contain("sample 1"));
        Assert.Throws<ArgumentException>(() => Welch.Compute(ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => Welch.Compute(x, new WelchOptions { Fs = 0 }));
    }
}
