using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine features</c>, in-process.</summary>
public class FeaturesCliTests : TempFolderTest
{
    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void SpikeStatisticsOfANetworkRunHaveItsRates()
    {
        string config = Path.Combine(Dir, "net.yaml"), run = Path.Combine(Dir, "run"), output = Path.Combine(Dir, "spikes.csv");
        File.WriteAllText(config, """
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
            record: {spikes: true, rates_bin_ms: 10}
            """);
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

    [TestCase("--method,catch22", "not implemented yet")]
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
