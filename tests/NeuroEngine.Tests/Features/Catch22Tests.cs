using System.Globalization;
using NeuroEngine.Features;
using NUnit.Framework;

namespace NeuroEngine.Tests.Features;

/// <summary>catch22 features against the C reference (values by benchmarks/reference/catch22_reference.sh from
/// a local build of catch22 commit 9ff9da73, on seeded series: AR(1), sine plus noise, a random walk, spikes,
/// an affinely rescaled copy, and series of 10, 25 and 50 samples), and against properties.</summary>
public class Catch22Tests
{
    private static readonly string Folder = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Features/reference");

    private static Dictionary<string, double[]> Series() => File.ReadAllLines(Path.Combine(Folder, "catch22_series.csv"))
        .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

    private static IEnumerable<TestCaseData> Cases()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryData.RepoFile("tests/NeuroEngine.Tests/Features/reference"), "catch22_expected.csv"));
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            for (int c = 1; c < header.Length; c++)
                if (Catch22.Implemented.ContainsKey(header[c]))
                    yield return new TestCaseData(f[0], header[c], double.Parse(f[c], CultureInfo.InvariantCulture)).SetName($"{header[c]}({f[0]})");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void EqualsTheReference(string series, string feature, double expected)
    {
        var y = Series()[series];
        var input = feature is "DN_Mean" or "DN_Spread_Std" ? y : Catch22.ZScore(y);
        double value = Catch22.Implemented[feature](input);
        Assert.That(value, Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))));
    }

    [Test]
    public void TheCanonicalOrderHas24NamesAndEveryFeature()
    {
        Assert.That(Catch22.Names, Has.Length.EqualTo(24));
        Assert.That(Catch22.Names.Distinct().Count(), Is.EqualTo(24));
        Assert.That(Catch22.Implemented.Keys, Is.EquivalentTo(Catch22.Names));
    }

    [Test]
    public void ComputeGivesTheReferenceRowsInOrder()
    {
        var expected = File.ReadAllLines(Path.Combine(Folder, "catch22_expected.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        foreach (var (name, y) in Series())
        {
            var values = Catch22.Compute(y, catch24: true);
            for (int f = 0; f < 24; f++)
                Assert.That(values[f], Is.EqualTo(expected[name][f]).Within(1e-9 * Math.Max(1, Math.Abs(expected[name][f]))), $"{name} {Catch22.Names[f]}");
            Assert.That(Catch22.Compute(y), Is.EqualTo(values.Take(22).ToArray()));
        }
    }

    [Test]
    public void TheTwentyTwoAreInvariantToAffineRescaling()
    {
        var y = Series()["ar1_0.9_2000"];
        var a = Catch22.Compute(y);
        var b = Catch22.Compute(y.Select(v => -3.5 + 250 * v).ToArray());
        for (int f = 0; f < 22; f++)
            Assert.That(b[f], Is.EqualTo(a[f]).Within(1e-9 * Math.Max(1, Math.Abs(a[f]))), Catch22.Names[f]);
    }

    [Test]
    public void AConstantSeriesGivesTheReferencePattern()
    {
        // 19 NaN, zeros for CO_f1ecac, CO_FirstMin_ac and PD_PeriodicityWang_th0_01, mean 3, std 0 (what the catch22 C reference returns for a constant series)
        var v = Catch22.Compute(Enumerable.Repeat(3.0, 20).ToArray(), catch24: true);
        string[] zeros = ["CO_f1ecac", "CO_FirstMin_ac", "PD_PeriodicityWang_th0_01"];
        for (int f = 0; f < 22; f++)
            if (zeros.Contains(Catch22.Names[f])) Assert.That(v[f], Is.EqualTo(0.0), Catch22.Names[f]);
            else Assert.That(v[f], Is.NaN, Catch22.Names[f]);
        Assert.That(v[22], Is.EqualTo(3.0));
        Assert.That(v[23], Is.EqualTo(0.0));
    }

    [Test]
    public void SeriesTheReferenceRejectsAreErrors()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => Catch22.Compute(new double[9]))!.Message, Does.Contain("at least 10"));
        var bad = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        bad[7] = double.PositiveInfinity;
        Assert.That(Assert.Throws<ArgumentException>(() => Catch22.Compute(bad))!.Message, Does.Contain("sample 7"));
    }

    [Test]
    public void HandBuiltSeries()
    {
        // 1, 2, ..., 10 rise by 1 every step: no decrease runs, no stretch below the mean in the rising half
        double[] ramp = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        Assert.That(Catch22.LongestStretchOfDecreases(ramp), Is.EqualTo(1), "the closing step counts as a gap of one");
        Assert.That(Catch22.TimeReversibility(ramp), Is.EqualTo(1.0));
        Assert.That(Catch22.Pnn40(ramp), Is.EqualTo(1.0));
        // 5 bins over [0, 10]: four values in [0, 2), the mode is its centre
        Assert.That(Catch22.HistogramMode([0, 0.5, 1, 1.5, 4, 6, 10], 5), Is.EqualTo(1.0));
        // a constant series z-scores to NaN (0 / 0), as the reference's
        Assert.That(Catch22.ZScore([3, 3, 3]).All(double.IsNaN), Is.True);
        Assert.That(Catch22.HistogramMode(Catch22.ZScore([3, 3, 3]), 5), Is.NaN);
    }
}
