using System.Globalization;
using NeuroEngine.Cli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>simulate</c> with model: lif-network and <c>meanfield</c>, in-process.</summary>
public class NetworkCliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "ne-netcli-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private const string Brunel = """
        model: lif-network
        seed: 7
        dt_ms: 0.1
        duration_ms: 200
        neuron: {tau_m_ms: 20, V_th: 20, V_reset: 10, E_L: 0, t_ref_ms: 2, V_init: {uniform: [0, 20]}}
        synapse: {type: delta}
        populations:
          E: {size: 800}
          I: {size: 200}
        connections:
          - {from: E, to: [E, I], rule: fixed_indegree, indegree: 80, weight: 0.2, delay_ms: 1.5}
          - {from: I, to: [E, I], rule: fixed_indegree, indegree: 20, weight: -1.0, delay_ms: 1.5}
        drive:
          - {to: [E, I], type: poisson, inputs: 80, rate_hz: 125, weight: 0.2}
        record: {spikes: true, rates_bin_ms: 10, vm: true, sample_ms: 1, proxy_inputs: true}
        """;

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<double[]> ReadCsv(string path, out string[] header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
    }

    [Test]
    public void SimulateWritesConsistentOutputs()
    {
        string outDir = Path.Combine(_dir, "run");
        var (code, stdout, stderr) = Run("simulate", Write("brunel.yaml", Brunel), "--out", outDir, "--threads", "2");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("1000 neurons"));
        var pops = File.ReadAllLines(Path.Combine(outDir, "populations.csv"));
        Assert.That(pops, Is.EqualTo(new[] { "population,first,size", "E,0,800", "I,800,200" }));
        var spikes = ReadCsv(Path.Combine(outDir, "spikes.csv"), out var sh);
        Assert.That(sh, Is.EqualTo(new[] { "neuron", "t_ms" }));
        Assert.That(spikes.Count, Is.GreaterThan(1000));
        foreach (var s in spikes)
            Assert.That(s[1] / 0.1, Is.EqualTo(Math.Round(s[1] / 0.1)).Within(1e-6), "spike times are multiples of dt");
        // rates.csv: spikes in each bin / (bin x size)
        var rates = ReadCsv(Path.Combine(outDir, "rates.csv"), out var rh);
        Assert.That(rh, Is.EqualTo(new[] { "t_ms", "E", "I" }));
        Assert.That(rates.Count, Is.EqualTo(20));
        for (int b = 0; b < rates.Count; b++)
        {
            double lo = rates[b][0], hi = lo + 10;
            int e = spikes.Count(s => s[0] < 800 && s[1] > lo + 1e-9 && s[1] <= hi + 1e-9);
            Assert.That(rates[b][1], Is.EqualTo(e / (0.010 * 800)).Within(1e-9), $"bin {b}");
        }
        // proxy inputs are sums: Vm sum = size x vm.csv mean; FR sums spikes per interval / interval
        var vm = ReadCsv(Path.Combine(outDir, "vm.csv"), out var vh);
        var proxy = ReadCsv(Path.Combine(outDir, "proxy_inputs.csv"), out var ph);
        Assert.That(vh, Is.EqualTo(new[] { "t_ms", "Vm_E", "Vm_I" }));
        Assert.That(ph, Is.EqualTo(new[] { "t_ms", "AMPA_E", "AMPA_I", "GABA_E", "GABA_I", "Vm_E", "Vm_I", "FR_E", "FR_I" }));
        Assert.That(proxy.Count, Is.EqualTo(200));
        for (int m = 0; m < proxy.Count; m += 37)
        {
            Assert.That(proxy[m][5], Is.EqualTo(vm[m][1] * 800).Within(1e-6 * Math.Abs(proxy[m][5]) + 1e-9));
            double t = proxy[m][0];
            int n = spikes.Count(s => s[0] < 800 && s[1] > t - 1 + 1e-9 && s[1] <= t + 1e-9);
            Assert.That(proxy[m][7], Is.EqualTo(n / 0.001).Within(1e-6));
        }
        Assert.That(File.Exists(Path.Combine(outDir, "spikes.npy")));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "run.json")), Does.Contain("\"synapses\": 100000"));
    }

    [Test]
    public void UniformDelayRangesAreAccepted()
    {
        string yaml = Brunel.Replace("weight: 0.2, delay_ms: 1.5}", "weight: 0.2, delay_ms: {uniform: [1.0, 2.0]}}");
        var (code, _, stderr) = Run("simulate", Write("spread.yaml", yaml), "--out", Path.Combine(_dir, "spread"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Rejects(Brunel.Replace("weight: 0.2, delay_ms: 1.5}", "weight: 0.2, delay_ms: {uniform: [2.0, 1.0]}}"), "min <= max");
    }

    [TestCase("precision: float16\n", "precision")]
    [TestCase("extra_key: 1\n", "unknown key extra_key")]
    public void BadTopLevelKeysAreRejected(string extra, string expected) => Rejects(Brunel + "\n" + extra, expected);

    [TestCase("indegree: 80, weight: 0.2", "indegree: -3, weight: 0.2", "indegree")]
    [TestCase("from: E, to: [E, I]", "from: E, to: [E, X]", "unknown population 'X'")]
    [TestCase("delay_ms: 1.5}\n  - {from: I", "delay_ms: 0.05}\n  - {from: I", "delay_ms")]
    [TestCase("weight: -1.0", "weight: .nan", "weight")]
    public void BadValuesAreRejected(string from, string to, string expected) => Rejects(Brunel.Replace(from, to), expected);

    private void Rejects(string yaml, string expected)
    {
        string outDir = Path.Combine(_dir, "bad");
        var (code, _, stderr) = Run("simulate", Write("bad.yaml", yaml), "--out", outDir);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("error:"));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(Directory.Exists(outDir), Is.False, "no partial output");
    }

    [Test]
    public void MeanfieldWritesTheBrunelFixedPoint()
    {
        string cfg = Write("mf.yaml", """
            c_matrix: [[800, 200], [800, 200]]
            j_matrix: [[0.1, -0.5], [0.1, -0.5]]
            j_ext: [0.1, 0.1]
            c_ext: [800, 800]
            nu_ext: [25, 25]
            tau_membrane_ms: [20, 20]
            tau_synaptic_ms: [0, 0]
            threshold: [20, 20]
            reset_voltage: 10
            tau_refractory_ms: 2
            starts: [[0, 0], [100, 100]]
            """);
        string csv = Path.Combine(_dir, "fp.csv");
        var (code, _, stderr) = Run("meanfield", cfg, "--out", csv);
        Assert.That(code, Is.EqualTo(0), stderr);
        var rows = File.ReadAllLines(csv);
        Assert.That(rows[0], Is.EqualTo("id,converged,max_residual,label,rate_0,rate_1,eig_real_0,eig_real_1,eig_imag_0,eig_imag_1"));
        Assert.That(rows, Has.Length.EqualTo(2));
        var f = rows[1].Split(',');
        Assert.That(f[3], Is.EqualTo("stable node"));
        Assert.That(double.Parse(f[4], CultureInfo.InvariantCulture), Is.EqualTo(43.23319892843266).Within(1e-7));

        var (badCode, _, badErr) = Run("meanfield", Write("bad.yaml", File.ReadAllText(cfg).Replace("tau_membrane_ms: [20, 20]", "tau_membrane_ms: [20]")), "--out", Path.Combine(_dir, "x.csv"));
        Assert.That(badCode, Is.EqualTo(2));
        Assert.That(badErr, Does.StartWith("error:").And.Contain("tau_membrane_ms"));
        Assert.That(File.Exists(Path.Combine(_dir, "x.csv")), Is.False);
    }

    [Test]
    public void BenchPrintsTheKeysTheReferenceScriptParses()
    {
        var (code, stdout, stderr) = Run("bench", "lif-network", "--model", "brunel", "--neurons", "1000", "--duration-ms", "100");
        Assert.That(code, Is.EqualTo(0), stderr);
        foreach (string key in new[] { "engine", "model", "neurons", "threads", "sim_seconds", "setup_s", "wall_s", "realtime_factor", "synaptic_events_per_s", "rate_hz_E", "rate_hz_I", "cv_isi", "fano" })
            Assert.That(stdout, Does.Match($"(?m)^{key}="));
    }
}
