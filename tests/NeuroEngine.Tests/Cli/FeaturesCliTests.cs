using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine features</c>, in-process.</summary>
public class FeaturesCliTests : TempFolderTest
{

    [Test]
    public void SpikeStatisticsOfANetworkRunHaveItsRates()
    {
        string config = Path.Combine(Dir, "net.yaml"), run = Path.Combine(Dir, "run"), output = Path.Combine(Dir, "spikes.csv");
        File.WriteAllText(config, TestNetworks.SmallBrunel(200, "{spikes: true, rates_bin_ms: 10}"));
        var (code, _, err) = Run("simulate", config, "--out", run, "--threads", "1");
        Assert.That(code, Is.EqualTo(0), err);
        (code, _, err) = Run("features", "--method", "spikes", "--in", Path.Combine(run, "spikes.csv"), "--populations",
            Path.Combine(run, "populations.csv"), "--duration-ms", "200", "--bin-ms", "10", "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("series,rate_hz,cv_isi,fano,corr,synchrony"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        var rates = json.RootElement.GetProperty("rates_hz");
        foreach (var (line, population) in lines.Skip(1).Zip(new[] { "E", "I" }))
        {
            var f = line.Split(',');
            Assert.That(f[0], Is.EqualTo(population));
            Assert.That(double.Parse(f[1], CultureInfo.InvariantCulture), Is.EqualTo(rates.GetProperty(population).GetDouble()).Within(1e-9));
            Assert.That(double.Parse(f[2], CultureInfo.InvariantCulture), Is.InRange(0.0, 2.0));
        }
    }

    [Test]
    public void PsdOfASeriesFileEqualsScipy()
    {
        // the reference signal (one column x) at fs 100 against scipy.signal.welch's defaults
        string reference = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Signals/reference");
        string output = Path.Combine(Dir, "psd.csv");
        var (code, _, err) = Run("features", "--method", "psd", "--in", Path.Combine(reference, "signal.csv"), "--fs", "100", "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(output);
        var expected = File.ReadAllLines(Path.Combine(reference, "welch_defaults.csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.That(header[0], Is.EqualTo("series"));
        Assert.That(row[0], Is.EqualTo("x"));
        Assert.That(header, Has.Length.EqualTo(expected.Length + 1));
        double scale = expected.Max(r => r[1]);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.That(double.Parse(header[k + 1], CultureInfo.InvariantCulture), Is.EqualTo(expected[k][0]).Within(1e-9));
            Assert.That(double.Parse(row[k + 1], CultureInfo.InvariantCulture), Is.EqualTo(expected[k][1]).Within(1e-12 * scale));
        }
    }

    [Test]
    public void Catch24OfTheReferenceSeriesEqualsTheReference()
    {
        // the reference series as one column each (t_ms-free CSV), against the C reference's values
        string reference = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Features/reference");
        var series = File.ReadAllLines(Path.Combine(reference, "catch22_series.csv")).Select(l => l.Split(',')).Where(f => f.Length == 2001).ToArray();
        string input = Path.Combine(Dir, "s.csv"), output = Path.Combine(Dir, "c24.csv");
        File.WriteAllLines(input, [string.Join(",", series.Select(f => f[0])),
            .. Enumerable.Range(1, 2000).Select(i => string.Join(",", series.Select(f => f[i])))]);
        var (code, _, err) = Run("features", "--method", "catch24", "--in", input, "--out", output, "--threads", "2");
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(output);
        var expected = File.ReadAllLines(Path.Combine(reference, "catch22_expected.csv"));
        Assert.That(lines[0], Is.EqualTo(expected[0]), "canonical names and order");
        var want = expected.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        foreach (var row in lines.Skip(1).Select(l => l.Split(',')))
        {
            var got = row.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            for (int f = 0; f < 24; f++)
                Assert.That(got[f], Is.EqualTo(want[row[0]][f]).Within(1e-9 * Math.Max(1, Math.Abs(want[row[0]][f]))), $"{row[0]} feature {f}");
        }
        File.WriteAllLines(input, ["a", "1", "2", "3"]);
        (code, _, err) = Run("features", "--method", "catch22", "--in", input, "--out", Path.Combine(Dir, "short.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("at least 10"));
    }

    [Test]
    public void PsdTakesFsFromTmsAndNeedsItOtherwise()
    {
        string csv = Path.Combine(Dir, "s.csv"), txt = Path.Combine(Dir, "one.txt"), output = Path.Combine(Dir, "psd.csv");
        File.WriteAllLines(csv, ["t_ms,a,b", .. Enumerable.Range(0, 64).Select(i => string.Create(CultureInfo.InvariantCulture, $"{0.5 * i},{Math.Sin(i)},{i % 3}"))]);
        var (code, stdout, err) = Run("features", "--method", "psd", "--in", csv, "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("fs 2000 Hz"));
        Assert.That(File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "a", "b" }));
        File.WriteAllLines(txt, ["1", "2", "3"]);
        (code, _, err) = Run("features", "--method", "psd", "--in", txt, "--out", Path.Combine(Dir, "p2.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--fs"));
        (code, _, err) = Run("features", "--method", "psd", "--in", txt, "--fs", "10", "--window", "kaiser", "--out", Path.Combine(Dir, "p3.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("window"));
    }

    [Test]
    public void SpecparamOfASpectrumFileAgreesWithTheScipyReference()
    {
        // the reference's fixed_two_peaks spectrum; its scipy fit: offset 1.00770, exponent 1.50446, 4 peaks,
        // the highest at 10.018 Hz (pw 0.578, bw 2.960)
        string spectrum = RepositoryData.RepoFile("tests/NeuroEngine.Tests/Features/reference/fixed_two_peaks.csv");
        string output = Path.Combine(Dir, "sp.csv");
        var (code, _, err) = Run("features", "--method", "specparam", "--in", spectrum, "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("series,offset,knee,exponent,n_peaks,r_squared,error_mae,cf,pw,bw"));
        var v = lines[1].Split(',');
        Assert.That(v[0], Is.EqualTo("power"));
        double D(int i) => double.Parse(v[i], CultureInfo.InvariantCulture);
        Assert.That(D(1), Is.EqualTo(1.0076979678318392).Within(1e-4));
        Assert.That(v[2], Is.EqualTo("nan"));
        Assert.That(D(3), Is.EqualTo(1.5044631605732075).Within(1e-4));
        Assert.That(D(4), Is.EqualTo(4));
        Assert.That(D(7), Is.EqualTo(10.01831402195028).Within(1e-3));
        Assert.That(D(8), Is.EqualTo(0.5778188975497166).Within(1e-3));
        Assert.That(D(9), Is.EqualTo(2.960261289853077).Within(1e-2));
        (code, _, err) = Run("features", "--method", "specparam", "--in", spectrum, "--out", Path.Combine(Dir, "x.csv"), "--peak-width-limits", "5,1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--peak-width-limits"));
    }

    [TestCase("--method,nope", "--method must be one of")]
    [TestCase("--method,spikes", "--populations")]
    [TestCase("--method,spikes,--populations,POPS", "--duration-ms")]
    [TestCase("--method,spikes,--populations,POPS,--duration-ms,10,--bin-ms,5", "outside [0, --duration-ms 10]")]
    [TestCase("--method,spikes,--populations,POPS,--duration-ms,100,--bin-ms,0", "--bin-ms")]
    public void BadArgumentsAreRejected(string extra, string expected)
    {
        string spikes = Path.Combine(Dir, "s.csv"), pops = Path.Combine(Dir, "p.csv"), output = Path.Combine(Dir, "out.csv");
        File.WriteAllText(spikes, "neuron,t_ms\n0,5\n1,50\n");
        File.WriteAllText(pops, "population,first,size\nE,0,2\n");
        var (code, _, err) = Run(["features", "--in", spikes, "--out", output, .. extra.Replace("POPS", pops).Split(',')]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error:").And.Contain(expected));
        Assert.That(File.Exists(output), Is.False);
    }
}
