using System.Globalization;
using NeuroEngine.Cli;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine proxy</c> on a CSV and on a network run's folder, in-process.</summary>
public class ProxyCliTests : TempFolderTest
{

    private static double[][] ReadCsv(string path) => File.ReadAllLines(path).Skip(1)
        .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Test]
    public void LrwsFromACsvOfUnits()
    {
        string input = Path.Combine(Dir, "units.csv"), output = Path.Combine(Dir, "lrws.csv");
        var lines = new List<string> { "t_ms,AMPA_0,AMPA_1,GABA_0" };
        for (int t = 0; t < 100; t++)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t * 0.1:R},{(t == 5 ? 1.0 : 0)},{(t == 7 ? 2.0 : 0)},{(t == 3 ? -1.0 : 0)}"));
        File.WriteAllLines(input, lines);
        var (code, _, err) = Run("proxy", "--method", "LRWS", "--in", input, "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        var rows = ReadCsv(output);
        Assert.That(File.ReadLines(output).First(), Is.EqualTo("t_ms,LRWS"));
        Assert.That(rows, Has.Length.EqualTo(100));
        Assert.That(rows[65][1], Is.EqualTo(1.0));   // delayed trunc(6.0 / 0.1) = 60 samples
        Assert.That(rows[67][1], Is.EqualTo(2.0));
        Assert.That(rows[3][1], Is.EqualTo(1.65));
        Assert.That(rows[65][0], Is.EqualTo(6.5).Within(1e-12));
    }

    [Test]
    public void FrFromANetworkRunIsTheMeanOverItsNeurons()
    {
        string config = Path.Combine(Dir, "net.yaml");
        File.WriteAllText(config, TestNetworks.SmallBrunel(50, "{spikes: true, rates_bin_ms: 1, sample_ms: 1, proxy_inputs: true}"));
        string run = Path.Combine(Dir, "run"), output = Path.Combine(Dir, "fr.csv");
        var (code, _, err) = Run("simulate", config, "--out", run, "--threads", "1");
        Assert.That(code, Is.EqualTo(0), err);
        (code, _, err) = Run("proxy", "--method", "FR", "--in", run, "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        var fr = ReadCsv(output);
        var rates = ReadCsv(Path.Combine(run, "rates.csv")); // bins [t, t + 1) ms; the proxy's samples end at t + 1
        Assert.That(fr, Has.Length.EqualTo(rates.Length));
        for (int k = 0; k < fr.Length; k++)
            Assert.That(fr[k][1], Is.EqualTo((800 * rates[k][1] + 200 * rates[k][2]) / 1000).Within(1e-9), $"sample {k}");
        Assert.That(fr.Sum(r => r[1]), Is.GreaterThan(0));
    }

    [TestCase("--method,Nope", "--method must be one of")]
    [TestCase("--method,ERWS2", "--nu-ext")]
    [TestCase("--method,FR,--erws2-delays,days", "--erws2-delays")]
    [TestCase("--method,AMPA,--dt-ms,-1", "--dt-ms must be > 0")]
    public void BadArgumentsAreRejected(string extra, string expected)
    {
        string input = Path.Combine(Dir, "in.csv"), output = Path.Combine(Dir, "out.csv");
        File.WriteAllText(input, "t_ms,AMPA_0,GABA_0\n0,1,-1\n1,2,-2\n");
        var (code, _, err) = Run(["proxy", "--in", input, "--out", output, .. extra.Split(',')]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error:").And.Contain(expected));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void ColumnsOtherThanUnitSeriesAreRejected()
    {
        string input = Path.Combine(Dir, "in.csv"), output = Path.Combine(Dir, "out.csv");
        File.WriteAllText(input, "t_ms,AMPA_0,LFP\n0,1,3\n1,2,4\n");
        var (code, _, err) = Run("proxy", "--method", "AMPA", "--in", input, "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("'LFP'"));
        (code, _, err) = Run("proxy", "--method", "FR", "--in", Dir, "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("proxy_inputs.csv"));
    }
}
