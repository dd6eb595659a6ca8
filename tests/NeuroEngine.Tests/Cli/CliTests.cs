using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NeuroEngine.Cli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary>The neuroengine command line, run in-process through <see cref="CliApp.Run"/>.</summary>
[TestFixture]
public sealed class CliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ne-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);

    private static CliRun Cli(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private string WriteConfig(string name, string yaml)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private string SmallConfig(string extra = "", int neurons = 50, int seed = 7) => WriteConfig("small.yaml", $"""
        model: lif-neurons
        seed: {seed}
        neurons: {neurons}
        settings:
          T_ms: 100
          dt_ms: 0.2
        {extra}
        """);

    private static string[] Lines(string path) => File.ReadAllLines(path);

    [Test]
    public void Version_PrintsBuildInfo()
    {
        var run = Cli("--version");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Does.Contain("simd="));
        Assert.That(run.Stdout, Does.StartWith("neuroengine "));
    }

    [Test]
    public void Simulate_WritesSummaryAndConsistentSpikes()
    {
        string outDir = Path.Combine(_dir, "out");
        var run = Cli("simulate", SmallConfig(), "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);

        var summary = Lines(Path.Combine(outDir, "summary.csv"));
        Assert.That(summary[0], Is.EqualTo("neuron,V_th,tau_m,g_L,V_reset,V_init,E_L,spike_count,mean_v"));
        Assert.That(summary, Has.Length.EqualTo(51));
        var counts = summary.Skip(1).Select(l => l.Split(',')).ToArray();
        for (int i = 0; i < counts.Length; i++) Assert.That(counts[i][0], Is.EqualTo(i.ToString(CultureInfo.InvariantCulture)));
        long total = counts.Sum(f => long.Parse(f[7], CultureInfo.InvariantCulture));
        Assert.That(total, Is.GreaterThan(0));

        var spikes = Lines(Path.Combine(outDir, "spikes.csv"));
        Assert.That(spikes[0], Is.EqualTo("neuron,t_ms"));
        Assert.That(spikes.Length - 1, Is.EqualTo(total));
        var perNeuron = spikes.Skip(1).Select(l => l.Split(',')).GroupBy(f => int.Parse(f[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture)).ToArray());
        for (int i = 0; i < counts.Length; i++)
        {
            int expected = int.Parse(counts[i][7], CultureInfo.InvariantCulture);
            var times = perNeuron.GetValueOrDefault(i, []);
            Assert.That(times, Has.Length.EqualTo(expected), $"neuron {i}");
            Assert.That(times, Is.Ordered.Ascending);
            Assert.That(times.All(t => t >= 0 && t < 100), Is.True);
        }
        Assert.That(File.Exists(Path.Combine(outDir, "run.json")), Is.True);
        Assert.That(File.Exists(Path.Combine(outDir, "voltage.npy")), Is.False);
        Assert.That(Directory.GetDirectories(_dir), Has.Length.EqualTo(1), "no temporary folder left behind");
    }

    [Test]
    public void Simulate_SameSeedIsReproducible_SeedOptionChangesResults()
    {
        string config = SmallConfig();
        string a = Path.Combine(_dir, "a"), b = Path.Combine(_dir, "b"), c = Path.Combine(_dir, "c");
        Assert.That(Cli("simulate", config, "--out", a).ExitCode, Is.EqualTo(0));
        Assert.That(Cli("simulate", config, "--out", b).ExitCode, Is.EqualTo(0));
        Assert.That(Cli("simulate", config, "--out", c, "--seed", "8").ExitCode, Is.EqualTo(0));
        foreach (var file in new[] { "summary.csv", "spikes.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), file);
            Assert.That(File.ReadAllText(Path.Combine(c, file)), Is.Not.EqualTo(File.ReadAllText(Path.Combine(a, file))), file);
        }
        Assert.That(File.ReadAllText(Path.Combine(c, "run.json")), Does.Contain("\"seed\": 8"));
    }

    [Test]
    public void Simulate_RerunIntoSameFolderReplacesOutput()
    {
        string config = SmallConfig(), outDir = Path.Combine(_dir, "out");
        Assert.That(Cli("simulate", config, "--out", outDir).ExitCode, Is.EqualTo(0));
        var run = Cli("simulate", config, "--out", outDir, "--seed", "9");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(File.ReadAllText(Path.Combine(outDir, "run.json")), Does.Contain("\"seed\": 9"));
    }

    [Test]
    public void Simulate_RefusesFolderWithForeignFiles()
    {
        string outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "keep me");
        var run = Cli("simulate", SmallConfig(), "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("error: --out"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "notes.txt")), Is.EqualTo("keep me"));
    }

    [Test]
    public void Simulate_VoltageNpyHasRightShapeAndLength()
    {
        string outDir = Path.Combine(_dir, "out");
        // 100 ms / 0.2 ms = 500 samples; every 3rd -> ceil(500/3) = 167 columns
        var run = Cli("simulate", SmallConfig("record:\n  voltage_every: 3", neurons: 5), "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        byte[] npy = File.ReadAllBytes(Path.Combine(outDir, "voltage.npy"));
        Assert.That(npy.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }));
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(npy.AsSpan(8));
        Assert.That((10 + headerLength) % 64, Is.EqualTo(0));
        string header = Encoding.ASCII.GetString(npy, 10, headerLength);
        Assert.That(header, Does.Contain("'descr': '<f4'"));
        Assert.That(header, Does.Contain("'fortran_order': False"));
        Assert.That(header, Does.Contain("'shape': (5, 167)"));
        Assert.That(header, Does.EndWith("\n"));
        Assert.That(npy.Length - 10 - headerLength, Is.EqualTo(5 * 167 * 4));
        float first = BinaryPrimitives.ReadSingleLittleEndian(npy.AsSpan(10 + headerLength));
        Assert.That(first, Is.InRange(-100f, 100f));
    }

    [Test]
    public void Simulate_ParametersFileRelativeToConfig()
    {
        File.WriteAllText(Path.Combine(_dir, "theta.csv"),
            "V_th,tau_m,g_L,V_reset,V_init,E_L\n-55,10,10,-72,-70,-70\n-52.5,8,12,-70,-68,-66\n-57,15,9,-75,-71,-69\n");
        string config = WriteConfig("p.yaml", "model: lif-neurons\nparameters: theta.csv\n");
        string outDir = Path.Combine(_dir, "out");
        var run = Cli("simulate", config, "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var summary = Lines(Path.Combine(outDir, "summary.csv"));
        Assert.That(summary, Has.Length.EqualTo(4));
        Assert.That(summary[2], Does.StartWith("1,-52.5,8,12,-70,-68,-66,"));
    }

    [Test]
    public void Simulate_SpikeCapOverflowWarns()
    {
        string outDir = Path.Combine(_dir, "out");
        var run = Cli("simulate", SmallConfig("record:\n  max_spikes_per_neuron: 1"), "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stderr, Does.Contain("warning:").And.Contain("record.max_spikes_per_neuron"));
        var spikes = Lines(Path.Combine(outDir, "spikes.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.That(spikes.Distinct().Count(), Is.EqualTo(spikes.Length), "at most one spike time per neuron");
    }

    private static IEnumerable<TestCaseData> BadConfigs()
    {
        const string head = "model: lif-neurons\nneurons: 10\n";
        yield return new TestCaseData(head + "settings:\n  dt_ms: 0\n", "settings.dt_ms").SetName("Bad_DtZero");
        yield return new TestCaseData(head + "settings:\n  T_ms: 0.1\n  dt_ms: 0.2\n", "settings.T_ms").SetName("Bad_TShorterThanDt");
        yield return new TestCaseData(head + "settings:\n  tref_ms: -1\n", "settings.tref_ms").SetName("Bad_NegativeTref");
        yield return new TestCaseData("model: lif-neurons\nneurons: 0\n", "neurons").SetName("Bad_ZeroNeurons");
        yield return new TestCaseData("model: lif-neurons\nneurons: 100000\nrecord:\n  voltage_every: 1\nlimits:\n  max_memory_mb: 1\n",
            "limits.max_memory_mb").SetName("Bad_MemoryCap");
        yield return new TestCaseData(head + "settings:\n  dtms: 0.1\n", "settings.dtms").SetName("Bad_UnknownKey");
        yield return new TestCaseData(head + "bogus: 1\n", "bogus").SetName("Bad_UnknownTopKey");
        yield return new TestCaseData("model: hodgkin-huxley\n", "model").SetName("Bad_UnknownModel");
        yield return new TestCaseData(head + "settings:\n  dt_ms: fast\n", "settings.dt_ms").SetName("Bad_WrongType");
        yield return new TestCaseData(head + "settings:\n  scheme: rk4\n", "settings.scheme").SetName("Bad_UnknownScheme");
        yield return new TestCaseData("model: lif-neurons\nparameters: missing.csv\n", "missing.csv").SetName("Bad_MissingParametersFile");
        yield return new TestCaseData("model: lif-neurons\nparameters: nan.csv\n", "nan.csv line 3").SetName("Bad_NanInParameters");
        yield return new TestCaseData("model: lif-neurons\nparameters: reset.csv\n", "reset.csv line 2").SetName("Bad_ResetAboveThreshold");
    }

    [TestCaseSource(nameof(BadConfigs))]
    public void Simulate_BadConfig_Exit2_OneErrorLine_NoOutput(string yaml, string named)
    {
        File.WriteAllText(Path.Combine(_dir, "nan.csv"), "V_th,tau_m,g_L,V_reset,V_init,E_L\n-55,10,10,-72,-70,-70\nnan,10,10,-72,-70,-70\n");
        File.WriteAllText(Path.Combine(_dir, "reset.csv"), "V_th,tau_m,g_L,V_reset,V_init,E_L\n-55,10,10,-50,-70,-70\n");
        string config = WriteConfig("bad.yaml", yaml);
        string outDir = Path.Combine(_dir, "out");
        var run = Cli("simulate", config, "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr, Does.StartWith("error: "));
        Assert.That(run.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), run.Stderr);
        Assert.That(run.Stderr, Does.Contain(named));
        Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.Exists(outDir), Is.False);
        Assert.That(Directory.GetDirectories(_dir), Is.Empty, "no temporary folder left behind");
    }

    [Test]
    public void Simulate_MissingConfigFile_Exit2()
    {
        var run = Cli("simulate", Path.Combine(_dir, "nope.yaml"), "--out", Path.Combine(_dir, "out"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("error: ").And.Contain("nope.yaml"));
    }

    [Test]
    public void UsageError_Exit2()
    {
        var run = Cli("simulate");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith("error: "));
    }

    [Test]
    public void Simulate_CancelledRun_Exit130_NoOutput()
    {
        string outDir = Path.Combine(_dir, "out");
        var stderr = new StringWriter();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        int code = CliApp.Run(["simulate", SmallConfig(), "--out", outDir], new StringWriter(), stderr, false, cts.Token);
        Assert.That(code, Is.EqualTo(130));
        Assert.That(Directory.Exists(outDir), Is.False);
        Assert.That(Directory.GetDirectories(_dir), Is.Empty);
    }

    [Test]
    public void Simulate_MisspeltModel_NamesTheModelNotAKey()
    {
        string config = WriteConfig("hopff.yaml", "model: hopff\nconnectome: nowhere\nduration_ms: 100\n");
        string outDir = Path.Combine(_dir, "hopff-out");
        var run = Cli("simulate", config, "--out", outDir);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("model must be one of lif-neurons, lif-network, wc, fhn, hopf, wongwang (ww) or aln; or a model file, {file: MODEL.yaml}, got 'hopff'"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void Bench_LastLineIsParsable()
    {
        var run = Cli("bench", "lif-neurons", "--neurons", "2000", "--t-ms", "20", "--repeat", "2");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        string last = run.Stdout.TrimEnd().Split('\n')[^1];
        Assert.That(last, Does.Match(@"^neuron_steps_per_s=\d+$"));
        Assert.That(double.Parse(last.Split('=')[1], CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public void Bench_RunsTheAskedWarmUpsUntimedAndRejectsANegativeCount()
    {
        var run = Cli("bench", "lif-neurons", "--neurons", "500", "--t-ms", "5", "--warmup", "2", "--repeat", "3");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.That(lines.Count(l => l.StartsWith("warm-up ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(lines.Count(l => l.StartsWith("run ", StringComparison.Ordinal)), Is.EqualTo(3));

        var bad = Cli("bench", "lif-neurons", "--neurons", "500", "--warmup", "-1");
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Stderr, Does.Contain("--warmup must be >= 0, got -1"));
    }
}
