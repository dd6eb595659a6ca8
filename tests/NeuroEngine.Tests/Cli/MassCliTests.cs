using System.Globalization;
using System.Text.Json;
using NeuroEngine.Cli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>simulate</c> with model: wc | fhn | hopf, in-process.</summary>
public class MassCliTests : TempFolderTest
{
    private (int Code, string Out, string Err) Simulate(string yaml, string outName = "run")
    {
        string cfg = Path.Combine(Dir, outName + ".yaml");
        File.WriteAllText(cfg, yaml);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["simulate", cfg, "--out", Path.Combine(Dir, outName), "--threads", "2"], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void SingleHopfNodeWritesItsLimitCycle()
    {
        var (code, _, err) = Simulate("""
            model: hopf
            nodes: 1
            duration_ms: 300
            dt_ms: 0.01
            sampling_ms: 1
            init: {x: [0.1], y: [0.0]}
            """);
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(Path.Combine(Dir, "run", "activity.csv"));
        Assert.That(lines[0], Is.EqualTo("t_ms,x_0,y_0"));
        Assert.That(lines, Has.Length.EqualTo(301));
        var last = lines[^1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(last[0], Is.EqualTo(300).Within(1e-9));
        Assert.That(Math.Sqrt(last[1] * last[1] + last[2] * last[2]), Is.EqualTo(0.5).Within(2e-3));
    }

    [TestCase("params: {K: 1}", "params.K")]
    [TestCase("dataset: nope", "dataset must be one of gw, got 'nope'")]
    [TestCase("dataset: gw", "nodes cannot be used with dataset: gw")]
    [TestCase("model: hopf\ndataset: gw\nconnectome: gw", "connectome cannot be used with dataset: gw")]
    [TestCase("model: hopf\nconnectome: {cmat: Cmat.npy}", "needs dmat:")]
    [TestCase("model: hopf\nconnectome: nowhere", "connectome folder not found")]
    [TestCase("model: hopf\nbold: true\nnodes: 80\nempirical_fc: nowhere", "empirical_fc")]
    [TestCase("aln_tables: nowhere", "aln_tables is only for model: aln")]
    [TestCase("model: wongwang\nnodes: 1\ninit: {x: [0.1], y: [0]}", "init.x")]
    [TestCase("model: aln\nnodes: 1\naln_tables: nowhere", "ALN table folder")]
    [TestCase("model: ww\nnodes: 1\nparams: {d_exc: 0}", "d_exc")]
    [TestCase("init: {x: [0.1, 0.2], y: [0]}", "init.x")]
    [TestCase("init: {x: [0.1]}", "needs y")]
    public void BadConfigsAreRejected(string extra, string expected)
    {
        string yaml = extra.StartsWith("model:") ? extra : "model: hopf\nnodes: 1\nduration_ms: 10\n" + extra;
        var (code, _, err) = Simulate(yaml, "bad");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error:").And.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(Dir, "bad")), Is.False);
    }

    private string WriteConnectome()
    {
        // three regions with delays of 0, 1.5 and 3 ms at signalV 20 (0, 15 and 30 steps at dt 0.1)
        string folder = Path.Combine(Dir, "c3");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Cmat.csv"), "0,0.5,0.2\n0.3,0,0.7\n0.6,0.1,0\n");
        File.WriteAllText(Path.Combine(folder, "Dmat.csv"), "0,30,60\n30,0,0\n60,0,0\n");
        return folder;
    }

    [TestCase("wc", "exc_ext: 1.0")]
    [TestCase("wongwang", "exc_current: 0.5")]
    public void SweepSetsEqualSingleRunsOfTheirParameters(string model, string extra)
    {
        // noise-free, so set k of the batch must equal a run of its parameters alone, bit for bit
        string connectome = WriteConnectome();
        string common = $"model: {model}\nconnectome: {connectome}\nduration_ms: 200\ndt_ms: 0.1\nsampling_ms: 1\nseed: 3\n";
        var (code, stdout, err) = Simulate(common + $"params: {{{extra}}}\nsweep: {{K_gl: [0.2, 1.0, 2.5]}}\n", "sweep");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("3 parameter sets"));
        var (shape, data) = NpyFile.ReadFloat64(Path.Combine(Dir, "sweep", "activity.npy"));
        int variables = model == "wc" ? 2 : 4;
        Assert.That(shape, Is.EqualTo(new long[] { 3, 200, variables, 3 }));
        var sweep = File.ReadAllLines(Path.Combine(Dir, "sweep", "sweep.csv"));
        Assert.That(sweep[0], Does.StartWith("set,K_gl,mean_"));
        double[] kgl = [0.2, 1.0, 2.5];
        for (int set = 0; set < 3; set++)
        {
            var (c1, _, e1) = Simulate(common + $"params: {{{extra}, K_gl: {kgl[set].ToString(CultureInfo.InvariantCulture)}}}\n", $"single{set}");
            Assert.That(c1, Is.EqualTo(0), e1);
            var rows = File.ReadAllLines(Path.Combine(Dir, $"single{set}", "activity.csv")).Skip(1)
                .Select(l => l.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            for (int s = 0; s < 200; s++)
                for (int c = 0; c < variables * 3; c++)
                    Assert.That(data[((long)set * 200 + s) * variables * 3 + c], Is.EqualTo(rows[s][c]), $"set {set} sample {s} column {c}");
            Assert.That(double.Parse(sweep[set + 1].Split(',')[1], CultureInfo.InvariantCulture), Is.EqualTo(kgl[set]));
        }
        // the sets differ: coupling matters
        int perSet = 200 * variables * 3;
        Assert.That(data.AsSpan(0, perSet).ToArray(), Is.Not.EqualTo(data.AsSpan(2 * perSet, perSet).ToArray()));
    }

    [Test]
    public void GridSweepRunsEveryCombination()
    {
        var (code, _, err) = Simulate("model: hopf\nnodes: 2\nduration_ms: 20\nsweep: {a: [-0.1, 0.1, 0.2], w: [0.1, 0.3]}\nsweep_grid: true\n", "grid");
        Assert.That(code, Is.EqualTo(0), err);
        var rows = File.ReadAllLines(Path.Combine(Dir, "grid", "sweep.csv"));
        Assert.That(rows, Has.Length.EqualTo(7));
        Assert.That(rows.Skip(1).Select(r => string.Join(",", r.Split(',').Skip(1).Take(2))),
            Is.EqualTo(new[] { "-0.1,0.1", "-0.1,0.3", "0.1,0.1", "0.1,0.3", "0.2,0.1", "0.2,0.3" }));
    }

    [TestCase("sweep: {K_gl: [1, 2], a: [0.1]}", "zipped sweeps need equal lengths")]
    [TestCase("sweep: {signalV: [10, 20]}", "cannot be swept")]
    [TestCase("sweep: {nope: [1]}", "sweep.nope")]
    [TestCase("sweep: {K_gl: []}", "at least one value")]
    [TestCase("sweep_grid: true", "needs a sweep")]
    public void BadSweepsAreRejected(string extra, string expected)
    {
        var (code, _, err) = Simulate("model: hopf\nnodes: 1\nduration_ms: 10\n" + extra, "bad");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error:").And.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(Dir, "bad")), Is.False);
    }

    [TestCase("hopf-gw.yaml", 80, 1)]
    [TestCase("hopf-gw-sweep.yaml", 80, 6)]
    [TestCase("aln-gw.yaml", 80, 1)]
    [TestCase("wongwang.yaml", 1, 1)]
    public void ExamplesLoad(string file, int nodes, int sets)
    {
        string path = RepositoryData.RepoFile(Path.Combine("examples", file));
        var config = NeuroEngine.Cli.Config.NeuralMassConfig.Load(path);
        Assert.That(config.Nodes, Is.EqualTo(nodes));
        Assert.That(config.Sets, Has.Count.EqualTo(sets));
    }

    [Test]
    public void DatasetGwGivesTheConnectomeAndFcsOfTheFolders()
    {
        string gw = RepositoryData.Data("gw");
        var byName = NeuroEngine.Cli.Config.NeuralMassConfig.Parse("model: hopf\ndataset: gw\nbold: true", "a.yaml", Dir);
        var byFolder = NeuroEngine.Cli.Config.NeuralMassConfig.Parse(
            $"model: hopf\nconnectome: {Path.Combine(gw, "connectome")}\nbold: true\nempirical_fc: {Path.Combine(gw, "cortical80")}", "b.yaml", Dir);
        var nameForFolder = NeuroEngine.Cli.Config.NeuralMassConfig.Parse("model: hopf\nconnectome: gw\nbold: true\nempirical_fc: gw", "c.yaml", Dir);
        Assert.That(byName.Nodes, Is.EqualTo(80));
        foreach (var config in new[] { byName, nameForFolder })
        {
            Assert.That(config.Connectome!.Cmat, Is.EqualTo(byFolder.Connectome!.Cmat));
            Assert.That(config.Connectome.Dmat, Is.EqualTo(byFolder.Connectome.Dmat));
            Assert.That(config.EmpiricalFc.Select(Path.GetFileName), Is.EqualTo(byFolder.EmpiricalFc.Select(Path.GetFileName)));
            Assert.That(config.EmpiricalFc.Select(f => File.ReadAllText(f)), Is.EqualTo(byFolder.EmpiricalFc.Select(f => File.ReadAllText(f))));
        }
        Assert.That(byName.EmpiricalFc, Has.Count.EqualTo(5));
        // without BOLD there is no model FC, so the data set adds no empirical FC
        Assert.That(NeuroEngine.Cli.Config.NeuralMassConfig.Parse("model: hopf\ndataset: gw", "d.yaml", Dir).EmpiricalFc, Is.Empty);
    }

    [Test, NonParallelizable]
    public void AMissingDataFolderIsOneErrorLineNamingIt()
    {
        string? before = Environment.GetEnvironmentVariable(NeuroEngine.Data.DataFolder.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(NeuroEngine.Data.DataFolder.EnvironmentVariable, "/nonexistent/ne-data");
            var (code, _, err) = Simulate("model: hopf\ndataset: gw\nbold: true\nduration_ms: 10", "bad");
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err, Does.StartWith("error:").And.Contain("dataset 'gw' cannot be read: data folder /nonexistent/ne-data not found (named by NEUROENGINE_DATA"));
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            (code, _, err) = Simulate("model: aln\nnodes: 1\nduration_ms: 10", "bad");
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err, Does.Contain("aln_tables not given, and the shipped tables cannot be read: data folder /nonexistent/ne-data not found"));
        }
        finally { Environment.SetEnvironmentVariable(NeuroEngine.Data.DataFolder.EnvironmentVariable, before); }
    }

    [Test]
    public void ConnectomeTakesNpyFilesAndAlnDefaultsToTheShippedTables()
    {
        var gw = NeuroEngine.Simulation.Connectome.Load(Path.Combine(RepositoryData.Data("gw"), "connectome"));
        NeuroEngine.IO.NpyWriter.Write(Path.Combine(Dir, "c.npy"), gw.Cmat.Cast<double>().ToArray(), 80, 80);
        NeuroEngine.IO.NpyWriter.Write(Path.Combine(Dir, "d.npy"), gw.Dmat.Cast<double>().ToArray(), 80, 80);
        var config = NeuroEngine.Cli.Config.NeuralMassConfig.Parse("model: aln\nconnectome: {cmat: c.npy, dmat: d.npy}", "a.yaml", Dir);
        Assert.That(config.Connectome!.Cmat, Is.EqualTo(gw.Cmat));
        Assert.That(config.Connectome.Dmat, Is.EqualTo(gw.Dmat));
        var shipped = NeuroEngine.Simulation.Mass.AlnTables.Load(RepositoryData.Data("aln"));
        Assert.That(config.AlnTables!.Rate, Is.EqualTo(shipped.Rate), "no aln_tables: the shipped tables");
        Assert.That(config.AlnTables.TauMu, Is.EqualTo(shipped.TauMu));
    }

    [Test]
    public void HopfOnTheGwConnectomeReproducesEmpiricalFc()
    {
        // the worked example (examples/hopf-gw.yaml) shortened to 60 s (30 BOLD samples): measured mean FC
        // correlation 0.335 (5 minutes: 0.481; the 5 subjects agree with each other at 0.553)
        string gw = RepositoryData.Data("gw");
        var (code, stdout, err) = Simulate($"""
            model: hopf
            connectome: {Path.Combine(gw, "connectome")}
            duration_ms: 60000
            dt_ms: 0.1
            sampling_ms: 10
            seed: 42
            params: {"{"}a: -0.02, w: 0.2, K_gl: 2.0, sigma_ou: 0.14, signalV: 20{"}"}
            bold: true
            empirical_fc: {Path.Combine(gw, "cortical80")}
            """, "gw");
        Assert.That(code, Is.EqualTo(0), err);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "gw", "run.json")));
        double fit = run.RootElement.GetProperty("mean_fc_correlation").GetDouble();
        Assert.That(fit, Is.GreaterThan(0.3), stdout);
        Assert.That(File.ReadAllLines(Path.Combine(Dir, "gw", "fc.csv")), Has.Length.EqualTo(80));
        Assert.That(File.ReadAllLines(Path.Combine(Dir, "gw", "bold.csv")), Has.Length.EqualTo(31));
    }
}
