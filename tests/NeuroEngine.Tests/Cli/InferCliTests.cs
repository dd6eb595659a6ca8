using System.Globalization;
using System.Text.Json.Nodes;
using NeuroEngine.Inference;
using NeuroEngine.Inference.Posterior;
using NeuroEngine.Tests.Inference;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine infer train|predict|diagnose</c>, in-process, on a linear-Gaussian problem
/// whose answers are known.</summary>
public class InferCliTests : TempFolderTest
{
    /// <summary>theta ~ N(0, 1) (2 parameters), features x = A theta + noise (3 features); writes X.csv and THETA.csv.</summary>
    private (string X, string Theta) WriteProblem(string prefix, int rows, ulong seed, int nanRow = -1)
    {
        var (x, theta) = InferenceTestData.Conjugate(rows, [1.0, 1.0], 0.3, seed);
        string xPath = Path.Combine(Dir, prefix + "X.csv"), tPath = Path.Combine(Dir, prefix + "THETA.csv");
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllLines(xPath, ["series,f0,f1,f2", .. x.Select((r, i) => $"s{i},{(i == nanRow ? "nan" : F(r[0]))},{F(r[1])},{F(r[0] + r[1])}")]);
        File.WriteAllLines(tPath, ["a,b", .. theta.Select(r => $"{F(r[0])},{F(r[1])}")]);
        return (xPath, tPath);
    }

    [TestCase("ridge")]
    [TestCase("mlp")]
    public void RegressorTrainsPredictsAndRecovers(string kind)
    {
        var (x, t) = WriteProblem("train", 1500, 1, nanRow: 5);
        var (xt, tt) = WriteProblem("test", 300, 2);
        string model = Path.Combine(Dir, "model"), pred = Path.Combine(Dir, "p.csv"), diag = Path.Combine(Dir, "diag");
        string config = Write("train.yaml", kind == "mlp" ? "hidden_layer_sizes: [16]\nmax_iter: 60\n" : "alpha: 0.01\n");
        var (code, output, err) = Run("infer", "train", "--features", x, "--params", t, "--model", kind, "--out", model, "--config", config);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(err, Does.Contain("dropped 1 of 1500 rows"));
        (code, _, err) = Run("infer", "predict", "--model", model, "--features", xt, "--out", pred);
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(pred);
        Assert.That(lines[0], Is.EqualTo("a,b"));
        Assert.That(lines, Has.Length.EqualTo(301));
        (code, output, err) = Run("infer", "diagnose", "--model", model, "--features", xt, "--params", tt, "--out", diag);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetFiles(diag).Select(Path.GetFileName), Is.EquivalentTo(new[] { "recovery.csv", "recovery_points.csv", "report.html" }), "ridge and mlp write recovery only");
        var points = File.ReadAllLines(Path.Combine(diag, "recovery_points.csv"));
        Assert.That(points[0], Is.EqualTo("row,a_true,b_true,a_estimate,b_estimate"));
        Assert.That(points, Has.Length.EqualTo(301));
        // posterior mean of a (noise 0.3, prior 1) has R^2 = 1/(1 + 0.09) = 0.917 at best
        foreach (var row in File.ReadAllLines(Path.Combine(diag, "recovery.csv")).Skip(1))
            Assert.That(double.Parse(row.Split(',')[1], CultureInfo.InvariantCulture), Is.InRange(0.85, 0.95), row);
    }

    [Test]
    public void FlowWritesAllDiagnosticsAndIsCalibrated()
    {
        var (x, t) = WriteProblem("train", 6000, 3);
        var (xt, tt) = WriteProblem("test", 400, 4);
        string model = Path.Combine(Dir, "flow"), diag = Path.Combine(Dir, "diag"), draws = Path.Combine(Dir, "draws.csv");
        string config = Write("flow.yaml", "transforms: 4\nhidden_layer_sizes: [32, 32]\nmax_epochs: 30\nbounds: {a: [-6, 6], b: [-6, 6]}\n");
        var (code, _, err) = Run("infer", "train", "--features", x, "--params", t, "--model", "flow", "--out", model, "--config", config, "--seed", "3");
        Assert.That(code, Is.EqualTo(0), err);
        (code, _, err) = Run("infer", "diagnose", "--model", model, "--features", xt, "--params", tt, "--out", diag, "--draws", "99");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetFiles(diag).Select(Path.GetFileName), Is.EquivalentTo(new[] { "recovery.csv", "recovery_points.csv", "sbc_ranks.csv", "sbc.csv", "coverage.csv", "report.html" }));
        var sbc = File.ReadAllLines(Path.Combine(diag, "sbc.csv"));
        Assert.That(sbc[0], Is.EqualTo("parameter,draws,chi2,p_value"));
        foreach (var row in sbc.Skip(1)) Assert.That(double.Parse(row.Split(',')[3], CultureInfo.InvariantCulture), Is.GreaterThan(0.001), row);
        var coverage = File.ReadAllLines(Path.Combine(diag, "coverage.csv"));
        Assert.That(coverage[0], Is.EqualTo("level,a,b"));
        foreach (var row in coverage.Skip(1))
        {
            var f = row.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.That(f[1], Is.EqualTo(f[0]).Within(0.08), row);
            Assert.That(f[2], Is.EqualTo(f[0]).Within(0.08), row);
        }
        // the 90% interval of the known posterior (prior 1, noise 0.3 on one measurement per parameter:
        // sd sqrt(1 / (1 + 1/0.09)) = 0.287) is 2 x 1.645 x 0.287 = 0.944 wide
        string intervals = Path.Combine(Dir, "intervals.csv");
        (code, _, err) = Run("infer", "predict", "--model", model, "--features", xt, "--out", intervals, "--level", "0.9");
        Assert.That(code, Is.EqualTo(0), err);
        var iv = File.ReadAllLines(intervals);
        Assert.That(iv[0], Is.EqualTo("a,b,a_low,b_low,a_high,b_high"));
        double width = iv.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Average(f => f[4] - f[2]);
        Assert.That(width, Is.EqualTo(0.944).Within(0.15));
        (code, _, err) = Run("infer", "predict", "--model", model, "--features", xt, "--out", draws, "--samples", "5");
        Assert.That(code, Is.EqualTo(0), err);
        var lines = File.ReadAllLines(draws);
        Assert.That(lines[0], Is.EqualTo("row,a,b"));
        Assert.That(lines, Has.Length.EqualTo(1 + 400 * 5));
        Assert.That(lines[1..6].All(l => l.StartsWith("0,")), Is.True);
    }

    [TestCase("ridge")]
    [TestCase("mlp")]
    [TestCase("mdn")]
    [TestCase("flow")]
    public void ALoadedModelPredictsTheSameNumbers(string kind)
    {
        var (x, theta) = InferenceTestData.Conjugate(800, [1.0, 2.0], 0.5, 5);
        var data = TrainingData.Create(x, theta, ["x1", "x2"], ["a", "b"]);
        var model = kind is "mdn" or "flow"
            ? InferenceModel.TrainPosterior(data, kind, null, new NpeTrainingOptions { MaxEpochs = 3 })
            : InferenceModel.TrainRegressor(data, kind, kind == "mlp" ? new JsonObject { ["max_iter"] = 5 } : null, 1,
                kind == "ridge" ? JsonNode.Parse("{\"alpha\": [0.1, 10]}") : null, folds: 3);
        string dir = Path.Combine(Dir, kind);
        model.Save(dir);
        var loaded = InferenceModel.Load(dir);
        var probe = x[..20];
        Assert.That(loaded.PointEstimates(probe, 50, 7), Is.EqualTo(model.PointEstimates(probe, 50, 7)));
        if (model.IsPosterior)
        {
            Assert.That(loaded.SamplePosterior(probe[0], 10, 9, 3), Is.EqualTo(model.SamplePosterior(probe[0], 10, 9, 3)));
            Assert.That(loaded.LogDensity(probe[0], theta[0]), Is.EqualTo(model.LogDensity(probe[0], theta[0])));
        }
        Assert.That(loaded.FeatureNames, Is.EqualTo(new[] { "x1", "x2" }));
        Assert.That(loaded.ParameterNames, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void ANewerModelFormatIsRefusedNamingBothVersions()
    {
        var (x, t) = WriteProblem("train", 100, 6);
        string model = Path.Combine(Dir, "model");
        Assert.That(Run("infer", "train", "--features", x, "--params", t, "--model", "ridge", "--out", model).Code, Is.EqualTo(0));
        string json = Path.Combine(model, "model.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"format_version\": 1", "\"format_version\": 7"));
        var (code, _, err) = Run("infer", "predict", "--model", model, "--features", x, "--out", Path.Combine(Dir, "p.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("format version 7").And.Contain("reads format versions 1 to 1"));
        Assert.That(File.Exists(Path.Combine(Dir, "p.csv")), Is.False);
    }

    [Test]
    public void BadInputGivesClearErrorsAndNoModel()
    {
        var (x, t) = WriteProblem("train", 50, 7);
        string model = Path.Combine(Dir, "model");
        string shortTheta = Write("short.csv", string.Join("\n", File.ReadAllLines(t)[..40]));
        string nanTheta = Write("nan.csv", File.ReadAllText(t).Replace(File.ReadAllLines(t)[3], "nan,1"));
        string empty = Write("empty.csv", "f0,f1,f2\n");
        string allNan = Write("allnan.csv", "f0\nnan\nnan\n");
        string twoRows = Write("two.csv", "a\n1\n2\n");
        (string[] Args, string Message)[] cases =
        [
            (["--params", shortTheta], "has 39 rows but --features"),
            (["--params", nanTheta], "--params"),
            (["--features", empty], "no data rows"),
            (["--features", allNan, "--params", twoRows], "all 2 rows contain NaN"),
            (["--model", "forest"], "--model must be one of ridge, mlp, mdn, flow"),
            (["--config", Write("bad.yaml", "hidden_layers: [3]\n"), "--model", "mlp"], "'hidden_layers' is not known"),
            (["--config", Write("grid.yaml", "param_grid: {alpha: [1]}\n"), "--model", "flow"], "param_grid applies to ridge and mlp"),
        ];
        foreach (var (args, message) in cases)
        {
            var all = new Dictionary<string, string> { ["--features"] = x, ["--params"] = t, ["--model"] = "ridge", ["--out"] = model };
            for (int i = 0; i < args.Length; i += 2) all[args[i]] = args[i + 1];
            var (code, _, err) = Run(["infer", "train", .. all.SelectMany(kv => new[] { kv.Key, kv.Value })]);
            Assert.That(code, Is.EqualTo(2), $"{string.Join(" ", args)}: {err}");
            Assert.That(err, Does.StartWith("error: ").And.Contain(message), string.Join(" ", args));
            Assert.That(Directory.Exists(model), Is.False, "no partial model folder");
        }
    }

    [Test]
    public void TheExampleTrainingConfigsAreValid()
    {
        // the mlp example on the linear problem; the flow example on LIF-named parameters drawn inside its bounds
        var (x, t) = WriteProblem("train", 200, 9);
        string mlp = RepositoryData.RepoFile("examples/train-mlp.yaml");
        var (code, _, err) = Run("infer", "train", "--features", x, "--params", t, "--model", "mlp", "--out", Path.Combine(Dir, "m1"), "--config", mlp);
        Assert.That(code, Is.EqualTo(0), err);
        var theta = NeuroEngine.Simulation.LifPrior.Default.Sample(300, 3);
        string f = Path.Combine(Dir, "lifX.csv"), p = Path.Combine(Dir, "lifT.csv");
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllLines(f, ["a,b", .. theta.Select(q => $"{F(q.VTh + q.EL)},{F(q.TauM)}")]);
        File.WriteAllLines(p, ["V_th,tau_m,g_L,V_reset,V_init,E_L", .. theta.Select(q => $"{F(q.VTh)},{F(q.TauM)},{F(q.GL)},{F(q.VReset)},{F(q.VInit)},{F(q.EL)}")]);
        string flow = Path.Combine(Dir, "flow.yaml");
        File.WriteAllText(flow, File.ReadAllText(RepositoryData.RepoFile("examples/train-flow.yaml")).Replace("max_epochs: 100", "max_epochs: 2"));
        (code, _, err) = Run("infer", "train", "--features", f, "--params", p, "--model", "flow", "--out", Path.Combine(Dir, "m2"), "--config", flow);
        Assert.That(code, Is.EqualTo(0), err);
        var clip = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, "m2", "model.json")))!["bounds"]!["clip"]!.AsArray().Select(v => (bool)v!);
        Assert.That(clip, Is.EqualTo(new[] { false, true, true, false, false, false }));
    }

    [Test]
    public void PredictChecksTheFeatureColumns()
    {
        var (x, t) = WriteProblem("train", 100, 8);
        string model = Path.Combine(Dir, "model");
        Assert.That(Run("infer", "train", "--features", x, "--params", t, "--model", "ridge", "--out", model).Code, Is.EqualTo(0));
        var (code, _, err) = Run("infer", "predict", "--model", model, "--features", Write("other.csv", "f0,f1,g\n1,2,3\n"), "--out", Path.Combine(Dir, "p.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("missing the model's feature column(s) f2"));
        (code, _, err) = Run("infer", "predict", "--model", model, "--features", x, "--out", Path.Combine(Dir, "p.csv"), "--samples", "10");
        Assert.That(err, Does.Contain("--samples needs an mdn or flow model"));
        (code, _, err) = Run("infer", "predict", "--model", Path.Combine(Dir, "nothing"), "--features", x, "--out", Path.Combine(Dir, "p.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("does not exist"));
    }
}
