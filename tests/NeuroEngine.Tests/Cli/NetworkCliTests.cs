using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroEngine.Cli;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>simulate</c> with model: lif-network and <c>bench lif-network</c>, in-process.</summary>
public class NetworkCliTests : TempFolderTest
{

    /// <summary>Brunel's model A at N = 1,000 (C_E = 80, C_I = 20, J = 0.2 mV, g = 5, eta = 2), 200 ms.</summary>
    private static readonly string Brunel = TestNetworks.SmallBrunel(200, "{spikes: true, rates_bin_ms: 10, vm: true, sample_ms: 1, proxy_inputs: true}");

    /// <summary>A small COBA network (400 neurons, p = 0.1), 50 ms, currents and proxies recorded.</summary>
    private const string Coba = """
        model: lif-network
        seed: 3
        dt_ms: 0.1
        duration_ms: 50
        neuron: {C_m_pF: 200, g_L_nS: 10, E_L: -60, V_th: -50, V_reset: -60, t_ref_ms: 5,
                 V_init: {normal: [-55, 5]}, g_exc_init: {normal: [40, 15]}, g_inh_init: {normal: [200, 120]}}
        synapse: {type: exp_conductance, tau_exc_ms: 5, tau_inh_ms: 10, E_exc: 0, E_inh: -80}
        populations:
          E: {size: 320}
          I: {size: 80}
        connections:
          - {from: E, to: [E, I], rule: pairwise_bernoulli, p: 0.1, weight: 6, delay_ms: 0.1}
          - {from: I, to: [E, I], rule: pairwise_bernoulli, p: 0.1, weight: -67, delay_ms: 0.1}
        record: {rates_bin_ms: 5, currents: true, vm: true, sample_ms: 0.5, proxy_inputs: true}
        """;

    private static List<double[]> ReadCsv(string path, out string[] header)
    {
        var lines = File.ReadAllLines(path);
        header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
    }

    private static int Column(string[] header, string name)
    {
        int i = Array.IndexOf(header, name);
        Assert.That(i, Is.GreaterThanOrEqualTo(0), $"column {name} in {string.Join(",", header)}");
        return i;
    }

    [Test]
    public void SimulateWritesConsistentOutputs()
    {
        string outDir = Path.Combine(Dir, "run");
        var (code, stdout, stderr) = Run("simulate", Write("brunel.yaml", Brunel), "--out", outDir, "--threads", "2");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stderr, Is.Empty, "no warnings for whole-step delays and intervals");
        Assert.That(stdout.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one summary line");
        Assert.That(stdout, Does.Contain("1000 neurons").And.Contain("100000 synapses").And.Contain("realtime factor")
            .And.Match(@"rates E \d+\.\d\d Hz, I \d+\.\d\d Hz"));
        Assert.That(Directory.GetFiles(outDir).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "populations.csv", "proxy_inputs.csv", "rates.csv", "report.html", "run.json", "spikes.csv", "spikes.npy", "vm.csv" }));
        Assert.That(Directory.GetDirectories(Dir).Select(Path.GetFileName), Is.EqualTo(new[] { "run" }), "no temporary folder left");

        var pops = File.ReadAllLines(Path.Combine(outDir, "populations.csv"));
        Assert.That(pops, Is.EqualTo(new[] { "population,first,size", "E,0,800", "I,800,200" }));

        var spikes = ReadCsv(Path.Combine(outDir, "spikes.csv"), out var sh);
        Assert.That(sh, Is.EqualTo(new[] { "neuron", "t_ms" }));
        Assert.That(spikes.Count, Is.GreaterThan(1000));
        foreach (var s in spikes)
        {
            Assert.That(s[1] / 0.1, Is.EqualTo(Math.Round(s[1] / 0.1)).Within(1e-6), "spike times are multiples of dt");
            Assert.That(s[1], Is.GreaterThan(0).And.LessThanOrEqualTo(200 + 1e-9), "t = (step + 1) dt lies in (0, T]");
            Assert.That(s[0], Is.InRange(0, 999));
        }

        // spikes.npy: float64 (spikes, 2), the same numbers
        byte[] npy = File.ReadAllBytes(Path.Combine(outDir, "spikes.npy"));
        int headerLength = BitConverter.ToUInt16(npy, 8);
        string npyHeader = Encoding.ASCII.GetString(npy, 10, headerLength);
        Assert.That(npyHeader, Does.Contain("'descr': '<f8'").And.Contain($"'shape': ({spikes.Count}, 2)"));
        for (int i = 0; i < spikes.Count; i += 997)
        {
            Assert.That(BitConverter.ToDouble(npy, 10 + headerLength + 16 * i), Is.EqualTo(spikes[i][0]));
            Assert.That(BitConverter.ToDouble(npy, 10 + headerLength + 16 * i + 8), Is.EqualTo(spikes[i][1]).Within(1e-12));
        }

        // rates.csv: t_ms = bin start, spikes in (t, t + bin] / (bin x size)
        var rates = ReadCsv(Path.Combine(outDir, "rates.csv"), out var rh);
        Assert.That(rh, Is.EqualTo(new[] { "t_ms", "E", "I" }));
        Assert.That(rates.Select(r => r[0]), Is.EqualTo(Enumerable.Range(0, 20).Select(b => 10.0 * b)).Within(1e-9));
        for (int b = 0; b < rates.Count; b++)
        {
            double lo = rates[b][0], hi = lo + 10;
            int e = spikes.Count(s => s[0] < 800 && s[1] > lo + 1e-9 && s[1] <= hi + 1e-9);
            int i = spikes.Count(s => s[0] >= 800 && s[1] > lo + 1e-9 && s[1] <= hi + 1e-9);
            Assert.That(rates[b][1], Is.EqualTo(e / (0.010 * 800)).Within(1e-9), $"bin {b}");
            Assert.That(rates[b][2], Is.EqualTo(i / (0.010 * 200)).Within(1e-9), $"bin {b}");
        }

        // proxy inputs are sums: Vm sum = size x vm.csv mean; FR = spikes in the interval / interval (s)
        var vm = ReadCsv(Path.Combine(outDir, "vm.csv"), out var vh);
        var proxy = ReadCsv(Path.Combine(outDir, "proxy_inputs.csv"), out var ph);
        Assert.That(vh, Is.EqualTo(new[] { "t_ms", "Vm_E", "Vm_I" }));
        Assert.That(ph, Is.EqualTo(new[] { "t_ms", "AMPA_E", "AMPA_I", "GABA_E", "GABA_I", "Vm_E", "Vm_I", "FR_E", "FR_I" }));
        Assert.That(proxy.Count, Is.EqualTo(200));
        Assert.That(proxy[0][0], Is.EqualTo(1.0).Within(1e-12), "first sample at the end of the first interval");
        for (int m = 0; m < proxy.Count; m++)
        {
            Assert.That(proxy[m][0], Is.EqualTo(vm[m][0]));
            Assert.That(proxy[m][1], Is.Zero, "delta synapses have no AMPA current");
            Assert.That(proxy[m][5], Is.EqualTo(vm[m][1] * 800).Within(1e-9 * Math.Abs(proxy[m][5]) + 1e-9));
            Assert.That(proxy[m][6], Is.EqualTo(vm[m][2] * 200).Within(1e-9 * Math.Abs(proxy[m][6]) + 1e-9));
        }
        for (int m = 0; m < proxy.Count; m += 37)
        {
            double t = proxy[m][0];
            int n = spikes.Count(s => s[0] < 800 && s[1] > t - 1 + 1e-9 && s[1] <= t + 1e-9);
            Assert.That(proxy[m][7], Is.EqualTo(n / 0.001).Within(1e-6));
        }

        // run.json: config echo, seed, engine, synapses, rates
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        var root = json.RootElement;
        Assert.That(root.GetProperty("synapses").GetInt64(), Is.EqualTo(100_000));
        Assert.That(root.GetProperty("seed").GetUInt64(), Is.EqualTo(7));
        Assert.That(root.GetProperty("config").GetProperty("populations").GetProperty("E").GetProperty("size").GetDouble(), Is.EqualTo(800));
        Assert.That(root.GetProperty("config").GetProperty("connections")[1].GetProperty("to")[1].GetString(), Is.EqualTo("I"));
        Assert.That(root.GetProperty("engine").ValueKind, Is.EqualTo(JsonValueKind.Object));
        double rateE = root.GetProperty("rates_hz").GetProperty("E").GetDouble();
        Assert.That(rateE, Is.EqualTo(spikes.Count(s => s[0] < 800) / (800 * 0.2)).Within(1e-9));
        Assert.That(root.GetProperty("total_spikes").GetInt64(), Is.EqualTo(spikes.Count));
    }

    [Test]
    public void SameSeedSameSpikesForAnyThreadCount()
    {
        string cfg = Write("brunel.yaml", Brunel.Replace("duration_ms: 200", "duration_ms: 60"));
        Assert.That(Run("simulate", cfg, "--out", Path.Combine(Dir, "a"), "--threads", "1").Code, Is.Zero);
        Assert.That(Run("simulate", cfg, "--out", Path.Combine(Dir, "b"), "--threads", "2").Code, Is.Zero);
        Assert.That(Run("simulate", cfg, "--out", Path.Combine(Dir, "c"), "--seed", "8").Code, Is.Zero);
        string a = File.ReadAllText(Path.Combine(Dir, "a", "spikes.csv"));
        Assert.That(File.ReadAllText(Path.Combine(Dir, "b", "spikes.csv")), Is.EqualTo(a));
        Assert.That(File.ReadAllText(Path.Combine(Dir, "c", "spikes.csv")), Is.Not.EqualTo(a), "--seed overrides the config's seed");
    }

    [Test]
    public void ConductanceRunWritesCurrentsAndConductances()
    {
        string outDir = Path.Combine(Dir, "coba");
        var (code, stdout, stderr) = Run("simulate", Write("coba.yaml", Coba), "--out", outDir);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("400 neurons"));
        var currents = ReadCsv(Path.Combine(outDir, "currents.csv"), out var ch);
        Assert.That(ch, Is.EqualTo(new[] { "t_ms", "AMPA_E", "AMPA_I", "GABA_E", "GABA_I", "gE_E", "gE_I", "gI_E", "gI_I" }));
        Assert.That(currents, Has.Count.EqualTo(100));
        Assert.That(currents.Select(r => r[0]), Is.EqualTo(Enumerable.Range(1, 100).Select(m => 0.5 * m)).Within(1e-9));
        var vm = ReadCsv(Path.Combine(outDir, "vm.csv"), out _);
        var proxy = ReadCsv(Path.Combine(outDir, "proxy_inputs.csv"), out var ph);
        for (int m = 0; m < currents.Count; m++)
        {
            var c = currents[m];
            Assert.That(c[Column(ch, "AMPA_E")], Is.GreaterThan(0), "excitatory current g_exc (E_exc - V) > 0");
            Assert.That(c[Column(ch, "GABA_E")], Is.LessThan(0), "inhibitory current is negative");
            Assert.That(c[Column(ch, "gI_E")], Is.GreaterThan(0));
            foreach (string column in new[] { "AMPA_E", "GABA_I" })
                Assert.That(proxy[m][Column(ph, column)], Is.EqualTo(c[Column(ch, column)] * (column.EndsWith('E') ? 320 : 80))
                    .Within(1e-9 * Math.Abs(proxy[m][Column(ph, column)]) + 1e-9), $"{column} sum = size x mean at sample {m}");
            Assert.That(proxy[m][Column(ph, "Vm_I")], Is.EqualTo(vm[m][2] * 80).Within(1e-9 * Math.Abs(proxy[m][Column(ph, "Vm_I")])));
        }
    }

    [Test]
    public void ClusteredNetworkListsItsClustersAndStimulatesOne()
    {
        string yaml = """
            model: lif-network
            seed: 256
            dt_ms: 0.5
            duration_ms: 300
            neuron: {tau_m_ms: 20, V_reset: 0, E_L: 0, t_ref_ms: 5, C_m_pF: 1, V_init: 0}
            synapse: {type: exp_current, tau_exc_ms: 5, tau_inh_ms: 5}
            populations:
              E: {size: 400, V_th: 1.5}
              I: {size: 100, V_th: 0.75}
            connections:
              - {from: E, to: E, indegree: 80, weight: 0.0056, delay_ms: 0.5, autapses: false, multapses: false}
              - {from: E, to: I, indegree: 200, weight: 0.0056, delay_ms: 0.5, multapses: false}
              - {from: I, to: E, indegree: 50, weight: -0.017, delay_ms: 0.5, multapses: false}
              - {from: I, to: I, indegree: 50, weight: -0.034, delay_ms: 0.5, autapses: false, multapses: false}
            drive:
              - {to: [E, I], type: poisson, inputs: 320, rate_hz: 7, weight: 0.0206}
            clusters:
              count: 4
              of: {E: {background: 40}, I: {background: 20}}
              j_plus: {EE: 4}
            stimuli:
              - {to: {population: E, clusters: [2]}, shape: box, onset_ms: 100, duration_ms: 100, amplitude: 0.2}
            record: {rates_bin_ms: 100}
            """;
        string outDir = Path.Combine(Dir, "clustered");
        var (code, stdout, stderr) = Run("simulate", Write("clustered.yaml", yaml), "--out", outDir);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(File.ReadAllLines(Path.Combine(outDir, "populations.csv")), Is.EqualTo(new[]
        {
            "population,first,size", "E0,0,90", "E1,90,90", "E2,180,90", "E3,270,90", "E_bg,360,40",
            "I0,400,20", "I1,420,20", "I2,440,20", "I3,460,20", "I_bg,480,20",
        }));
        Assert.That(stdout, Does.Match(@"rates E \d+\.\d\d Hz, I \d+\.\d\d Hz;"), "the summary names the config's populations");
        var rates = ReadCsv(Path.Combine(outDir, "rates.csv"), out var rh);
        Assert.That(rh[1..6], Is.EqualTo(new[] { "E0", "E1", "E2", "E3", "E_bg" }));
        double stimulated = rates[1][Column(rh, "E2")], others = new[] { "E0", "E1", "E3" }.Average(c => rates[1][Column(rh, c)]);
        Assert.That(stimulated, Is.GreaterThan(others + 5), "the stimulated cluster fires more during the stimulus");

        Rejects(yaml.Replace("clusters: [2]", "clusters: [4]"), "stimuli[0].to.clusters[0] E has no cluster 4");
        Rejects(yaml.Replace("of: {E: {background: 40}", "of: {X: {background: 40}"), "clusters.of names an unknown population 'X'");
    }

    [Test]
    public void DelayRoundingIsWarnedPerConfigEntry()
    {
        string yaml = Brunel.Replace("weight: -1.0, delay_ms: 1.5", "weight: -1.0, delay_ms: 1.53").Replace("duration_ms: 200", "duration_ms: 20");
        var (code, _, stderr) = Run("simulate", Write("late.yaml", yaml), "--out", Path.Combine(Dir, "late"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var lines = stderr.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.That(lines, Is.EqualTo(new[]
        {
            "warning: connections[1] (I->E): delay 1.53 ms is rounded to 15 steps = 1.5 ms",
            "warning: connections[1] (I->I): delay 1.53 ms is rounded to 15 steps = 1.5 ms",
        }));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "late", "run.json")));
        Assert.That(json.RootElement.GetProperty("warnings").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void UniformDelayRangesAreAccepted()
    {
        string yaml = Brunel.Replace("weight: 0.2, delay_ms: 1.5}", "weight: 0.2, delay_ms: {uniform: [1.0, 2.0]}}").Replace("duration_ms: 200", "duration_ms: 20");
        var (code, _, stderr) = Run("simulate", Write("spread.yaml", yaml), "--out", Path.Combine(Dir, "spread"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Rejects(Brunel.Replace("weight: 0.2, delay_ms: 1.5}", "weight: 0.2, delay_ms: {uniform: [2.0, 1.0]}}"), "connections[0].delay_ms.uniform needs min <= max");
    }

    [Test]
    public void Float32PrecisionRuns()
    {
        string yaml = Brunel.Replace("duration_ms: 200", "duration_ms: 20") + "\nprecision: float32\n";
        var (code, _, stderr) = Run("simulate", Write("f32.yaml", yaml), "--out", Path.Combine(Dir, "f32"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(File.ReadAllText(Path.Combine(Dir, "f32", "run.json")), Does.Contain("\"precision\": \"float32\""));
    }

    [TestCase("precision: float16\n", "line 16: precision must be float64 or float32, got 'float16'")]
    [TestCase("extra_key: 1\n", "line 16: unknown key extra_key")]
    [TestCase("limits: {max_memory_mb: 0}\n", "limits.max_memory_mb must be >= 1")]
    public void BadTopLevelKeysAreRejected(string extra, string expected) => Rejects(Brunel + "\n" + extra, expected);

    [TestCase("indegree: 80, weight: 0.2", "indegree: -3, weight: 0.2", "line 11: connections[0].indegree must be >= 0, got -3")]
    [TestCase("indegree: 20, weight: -1.0", "indegree: -20, weight: -1.0", "line 12: connections[1].indegree must be >= 0, got -20")]
    [TestCase("indegree: 20, weight: -1.0", "indegree: 300, multapses: false, weight: -1.0", "connections[1].indegree (300) exceeds the 200 distinct sources I offers to E without multapses")]
    [TestCase("from: E, to: [E, I]", "from: E, to: [E, X]", "line 11: connections[0].to names an unknown population 'X'")]
    [TestCase("from: I, to: [E, I]", "from: I, to: [I, I]", "connections[1] connects I to I twice")]
    [TestCase("from: I, to: [E, I]", "from: E, to: [I]", "connections[1] connects E to I, which connections[0] already connects")]
    [TestCase("rule: fixed_indegree, indegree: 20", "rule: pairwise_bernoulli, p: 1.5", "connections[1].p must be in [0, 1], got 1.5")]
    [TestCase("rule: fixed_indegree, indegree: 20", "rule: all_to_all, indegree: 20", "connections[1].rule must be fixed_indegree or pairwise_bernoulli, got 'all_to_all'")]
    [TestCase("delay_ms: 1.5}\n  - {from: I", "delay_ms: 0.05}\n  - {from: I", "line 11: connections[0].delay_ms must be >= dt_ms (0.1)")]
    [TestCase("weight: -1.0", "weight: .nan", "line 12: connections[1].weight must be")]
    [TestCase("inputs: 80, rate_hz: 125", "inputs: 80, rate_hz: -1", "drive[0].rate_hz must be >= 0, got -1")]
    [TestCase("{to: [E, I], type: poisson", "{to: [E, Z], type: poisson", "drive[0].to names an unknown population 'Z'")]
    [TestCase("V_reset: 10,", "V_reset: 30,", "populations.E.V_reset (30) must be below V_th (20)")]
    [TestCase("V_init: {uniform: [0, 20]}", "V_init: {gamma: [0, 20]}", "unknown key neuron.V_init.gamma")]
    [TestCase("E: {size: 800}", "E: {size: 800, tau_x: 3}", "unknown key populations.E.tau_x")]
    [TestCase("rates_bin_ms: 10", "rates_bin_ms: 0.01", "record.rates_bin_ms must be >= dt_ms (0.1)")]
    [TestCase("rates_bin_ms: 10", "rates_bin_ms: 500", "record.rates_bin_ms (500) is longer than duration_ms (200)")]
    [TestCase("spikes: true", "spikes: {populations: [E, Q]}", "record.spikes.populations names an unknown population 'Q'")]
    [TestCase("vm: true", "vm: true, currents: true", "record.currents needs synapse.type exp_current or exp_conductance")]
    [TestCase("type: delta", "type: alpha", "synapse.type must be delta, exp_current or exp_conductance, got 'alpha'")]
    public void BadValuesAreRejected(string from, string to, string expected)
    {
        Assert.That(Brunel, Does.Contain(from), "test case edits the config");
        Rejects(Brunel.Replace(from, to), expected);
    }

    [Test]
    public void MissingConfigAndBadThreadsAreUsageErrors()
    {
        var (code, _, stderr) = Run("simulate", Path.Combine(Dir, "missing.yaml"), "--out", Path.Combine(Dir, "x"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("error:").And.Contain("missing.yaml: config file not found"));
        (code, _, stderr) = Run("simulate", Write("b.yaml", Brunel), "--out", Path.Combine(Dir, "x"), "--threads", "-1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("error: --threads"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "x")), Is.False);
    }

    [Test]
    public void CancelledRunLeavesNoOutput()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(["simulate", Write("b.yaml", Brunel), "--out", Path.Combine(Dir, "cancelled")], stdout, stderr, false, cancelled.Token);
        Assert.That(code, Is.EqualTo(ExitCodes.Cancelled));
        Assert.That(stderr.ToString(), Does.StartWith("error: cancelled"));
        Assert.That(Directory.GetDirectories(Dir), Is.Empty, "neither the folder nor its temporary sibling");
    }

    private void Rejects(string yaml, string expected)
    {
        string outDir = Path.Combine(Dir, "bad");
        var (code, stdout, stderr) = Run("simulate", Write("bad.yaml", yaml), "--out", outDir);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("bad.yaml").And.Contain(expected));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), "one error line");
        Assert.That(stdout, Is.Empty);
        Assert.That(Directory.Exists(outDir), Is.False, "no partial output");
        Assert.That(Directory.GetDirectories(Dir).Where(d => Path.GetFileName(d).StartsWith("bad", StringComparison.Ordinal)), Is.Empty, "no temporary folder");
    }

    [Test]
    public void BenchPrintsTheKeysTheReferenceScriptParses()
    {
        var (code, stdout, stderr) = Run("bench", "lif-network", "--model", "brunel", "--neurons", "1000", "--duration-ms", "100", "--threads", "1");
        Assert.That(code, Is.EqualTo(0), stderr);
        var values = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        foreach (string key in new[] { "engine", "model", "neurons", "threads", "sim_seconds", "setup_s", "wall_s", "realtime_factor", "synaptic_events_per_s", "rate_hz_E", "rate_hz_I", "cv_isi", "fano" })
            Assert.That(values, Does.ContainKey(key));
        Assert.That(values["engine"], Is.EqualTo("neuroengine"));
        Assert.That(values["model"], Is.EqualTo("brunel"));
        Assert.That(values["neurons"], Is.EqualTo("1000"));
        Assert.That(values["threads"], Is.EqualTo("1"));
        double D(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        Assert.That(D("sim_seconds"), Is.EqualTo(0.1));
        Assert.That(D("realtime_factor"), Is.EqualTo(D("sim_seconds") / D("wall_s")).Within(0.01 * D("realtime_factor")));
        Assert.That(D("rate_hz_E"), Is.GreaterThan(0));
        // at least the expected external events: C_E = 80 inputs x eta nu_thr = 250 Hz x 0.1 s x 1000 neurons = 2e6
        Assert.That(D("synaptic_events_per_s") * D("wall_s"), Is.GreaterThan(2e6 * 0.99));

        (code, _, stderr) = Run("bench", "lif-network", "--model", "hh");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("error: --model must be brunel or coba"));
    }
}
