using System.Globalization;
using NeuroEngine.Cli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine bold</c> in-process.</summary>
public class BoldCliTests : TempFolderTest
{

    private string Rates(Func<int, string> row, int rows = 6000)
    {
        string path = Path.Combine(Dir, "rates.csv");
        File.WriteAllLines(path, new[] { "t_ms,left,right" }.Concat(Enumerable.Range(0, rows).Select(row)));
        return path;
    }

    private (int Code, string Err) Run(params string[] args)
    {
        var stderr = new StringWriter();
        return (CliApp.Run(args, new StringWriter(), stderr), stderr.ToString());
    }

    [Test]
    public void WritesOneSamplePerIntervalAndZerosAtRest()
    {
        string rates = Rates(i => string.Create(CultureInfo.InvariantCulture, $"{i * 0.5},0,{(i < 2000 ? 5 : 0)}"));
        string output = Path.Combine(Dir, "bold.csv");
        var (code, err) = Run("bold", "--rates", rates, "--out", output, "--sample-ms", "100", "--init", "rest");
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(output);
        Assert.That(lines[0], Is.EqualTo("t_ms,left,right"));
        Assert.That(lines, Has.Length.EqualTo(1 + 30)); // 6000 steps of 0.5 ms, one sample per 200 steps
        var first = lines[1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(first[0], Is.EqualTo(100));
        Assert.That(lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)), Is.All.EqualTo(0.0));
        Assert.That(lines.Skip(1).Max(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)), Is.GreaterThan(0.001));
    }

    [Test]
    public void BadInputIsRejected()
    {
        string output = Path.Combine(Dir, "bad.csv");
        var (code, err) = Run("bold", "--rates", Rates(i => string.Create(CultureInfo.InvariantCulture, $"{(i == 10 ? 99 : i)},1,1")), "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("error:").And.Contain("not uniform"));
        (code, err) = Run("bold", "--rates", Rates(i => $"{i},1,x"), "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("column right"));
        (code, err) = Run("bold", "--rates", Rates(i => $"{i},1,1"), "--out", output, "--init", "warm");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void AnInputShorterThanOneTrIsAnError()
    {
        // 1,999 steps of 1 ms last 1,999 ms: one step short of the first sample at TR 2 s
        string output = Path.Combine(Dir, "short.csv");
        string rates = Rates(i => $"{i},1,1", rows: 1999);
        var (code, err) = Run("bold", "--rates", rates, "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("error: --rates " + rates).And.Contain("lasts 1999 ms (1999 steps of 1 ms)").And.Contain("--sample-ms 2000 ms"));
        Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(output), Is.False);
        // one more step reaches the TR: one sample
        (code, err) = Run("bold", "--rates", Rates(i => $"{i},1,1", rows: 2000), "--out", output);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.ReadAllLines(output), Has.Length.EqualTo(2));
    }
}
