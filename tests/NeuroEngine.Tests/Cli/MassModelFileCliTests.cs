using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Models;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>simulate</c> with <c>model: {file: ...}</c> (docs/custom-models.md), in-process: the example model files
/// give the built-ins' outputs through the whole command (delays, noise, BOLD, FC, sweeps), errors name the file and the
/// key, a diverging model writes nothing, network outputs and the report, the per-process model cache and
/// <c>bench mass --model-file</c>.</summary>
public class MassModelFileCliTests : TempFolderTest
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string ModelFile(string name) => RepositoryData.RepoFile($"examples/models/{name}.yaml");

    // max |a - b| / max |a| over two numeric CSV files of the same shape (header, if any, equal)
    private static double RelativeDifference(string a, string b, bool header = true)
    {
        var x = NumericCsv.Read(a, hasHeader: header);
        var y = NumericCsv.Read(b, hasHeader: header);
        if (header) Assert.That(y.Columns, Is.EqualTo(x.Columns), $"{Path.GetFileName(a)}: columns");
        Assert.That(y.Rows, Has.Length.EqualTo(x.Rows.Length), $"{Path.GetFileName(a)}: rows");
        double diff = 0, scale = 0;
        for (int r = 0; r < x.Rows.Length; r++)
        {
            Assert.That(y.Rows[r], Has.Length.EqualTo(x.Rows[r].Length));
            for (int j = header ? 1 : 0; j < x.Rows[r].Length; j++) // t_ms is the grid itself
            {
                diff = Math.Max(diff, Math.Abs(x.Rows[r][j] - y.Rows[r][j]));
                scale = Math.Max(scale, Math.Abs(x.Rows[r][j]));
            }
        }
        Assert.That(scale, Is.GreaterThan(0), $"{Path.GetFileName(a)} is not all zeros");
        return diff / scale;
    }

    private static JsonElement RunJson(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json"))).RootElement;

    [Test]
    public void TheCustomWilsonCowanExampleEqualsTheBuiltInOne()
    {
        // the two shipped examples differ only in their model line
        string builtIn = File.ReadAllText(RepositoryData.RepoFile("examples/wc-gw.yaml"));
        string custom = File.ReadAllText(RepositoryData.RepoFile("examples/wc-gw-custom.yaml"));
        static string[] Keys(string yaml) => yaml.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("model:"))
            .Select(l => l.Split('#')[0].TrimEnd()).ToArray();
        Assert.That(Keys(custom), Is.EqualTo(Keys(builtIn)));
        Assert.That(custom, Does.Contain("model: {file: models/wc.yaml}"));
        Assert.That(builtIn, Does.Contain("model: wc\n"));

        // both at 10 s instead of 60 (5 BOLD samples), the model file beside the config as in examples/
        Directory.CreateDirectory(Path.Combine(Dir, "models"));
        File.Copy(ModelFile("wc"), Path.Combine(Dir, "models", "wc.yaml"));
        string Shorter(string yaml) => yaml.Replace("duration_ms: 60000", "duration_ms: 10000");
        string a = Write("wc-gw.yaml", Shorter(builtIn)), b = Write("wc-gw-custom.yaml", Shorter(custom));
        var (code, stdoutA, err) = Run("simulate", a, "--out", Path.Combine(Dir, "builtin"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        (code, var stdoutB, err) = Run("simulate", b, "--out", Path.Combine(Dir, "custom"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);

        foreach (string file in (string[])["activity.csv", "bold.csv"])
            Assert.That(RelativeDifference(Path.Combine(Dir, "builtin", file), Path.Combine(Dir, "custom", file)), Is.LessThanOrEqualTo(1e-12), file);
        Assert.That(RelativeDifference(Path.Combine(Dir, "builtin", "fc.csv"), Path.Combine(Dir, "custom", "fc.csv"), header: false), Is.LessThanOrEqualTo(1e-12));
        Assert.That(File.ReadLines(Path.Combine(Dir, "custom", "activity.csv")).First(), Does.StartWith("t_ms,exc_0,exc_1,"));
        Assert.That(NumericCsv.Read(Path.Combine(Dir, "custom", "bold.csv")).Rows, Has.Length.EqualTo(5));

        var run = RunJson(Path.Combine(Dir, "custom"));
        string modelPath = Path.Combine(Dir, "models", "wc.yaml");
        Assert.That(run.GetProperty("model").GetString(), Is.EqualTo("wc-file"));
        Assert.That(run.GetProperty("model_file").GetString(), Is.EqualTo(modelPath), "model.file is relative to the config's folder");
        Assert.That(run.GetProperty("model_file_sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)))));
        Assert.That(run.GetProperty("model_backend").GetString(), Is.EqualTo("compiled"));
        double fitA = RunJson(Path.Combine(Dir, "builtin")).GetProperty("mean_fc_correlation").GetDouble();
        Assert.That(run.GetProperty("mean_fc_correlation").GetDouble(), Is.EqualTo(fitA).Within(1e-12));
        Assert.That(stdoutB, Does.Contain("wc-file, 80 nodes"));
        Assert.That(stdoutA, Does.Contain("wc, 80 nodes"));
    }

    [TestCase("fhn", "compiled")]
    [TestCase("hopf", "compiled")]
    [TestCase("hopf", "managed")]
    public void FitzHughNagumoAndHopfFilesEqualTheBuiltInsOnGwWithDelaysAndNoise(string model, string backend)
    {
        const string common = "dataset: gw\nduration_ms: 6000\ndt_ms: 0.1\nsampling_ms: 10\nseed: 7\nparams: {K_gl: 0.8, sigma_ou: 0.02, signalV: 20}\nbold: true\n";
        string a = Write("builtin.yaml", $"model: {model}\n" + common);
        string b = Write("file.yaml", $"model: {{file: {ModelFile(model)}, backend: {backend}}}\n" + common);
        var (code, _, err) = Run("simulate", a, "--out", Path.Combine(Dir, "builtin"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        (code, _, err) = Run("simulate", b, "--out", Path.Combine(Dir, "file"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        foreach (string file in (string[])["activity.csv", "bold.csv"])
            Assert.That(RelativeDifference(Path.Combine(Dir, "builtin", file), Path.Combine(Dir, "file", file)), Is.LessThanOrEqualTo(1e-12), file);
        Assert.That(RelativeDifference(Path.Combine(Dir, "builtin", "fc.csv"), Path.Combine(Dir, "file", "fc.csv"), header: false), Is.LessThanOrEqualTo(1e-12));
        Assert.That(RunJson(Path.Combine(Dir, "file")).GetProperty("model_backend").GetString(), Is.EqualTo(backend));
        // the noise and the delays are on: the same run without noise differs
        string quiet = Write("quiet.yaml", $"model: {{file: {ModelFile(model)}, backend: {backend}}}\n" + common.Replace("sigma_ou: 0.02", "sigma_ou: 0"));
        Assert.That(Run("simulate", quiet, "--out", Path.Combine(Dir, "quiet"), "--no-report").Code, Is.EqualTo(0));
        Assert.That(RelativeDifference(Path.Combine(Dir, "file", "activity.csv"), Path.Combine(Dir, "quiet", "activity.csv")), Is.GreaterThan(1e-6));
    }

    [Test]
    public void ASweepOfAModelFileEqualsTheBuiltInSweep()
    {
        // a batch of parameter sets on the model file's path: the same activity, BOLD, FC and fits as the built-in's batch
        const string common = "dataset: gw\nduration_ms: 6000\ndt_ms: 0.1\nsampling_ms: 10\nseed: 3\nparams: {sigma_ou: 0.01, exc_ext: 1.0}\nbold: true\n" +
            "sweep: {K_gl: [1.0, 2.5, 4.0], exc_ext: [0.8, 1.0, 1.2]}\n";
        string a = Write("builtin.yaml", "model: wc\n" + common), b = Write("file.yaml", $"model: {{file: {ModelFile("wc")}}}\n" + common);
        Assert.That(Run("simulate", a, "--out", Path.Combine(Dir, "builtin"), "--no-report").Code, Is.EqualTo(0));
        var (code, _, err) = Run("simulate", b, "--out", Path.Combine(Dir, "file"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        foreach (string file in (string[])["activity.npy", "bold.npy", "fc.npy"])
            Assert.That(File.ReadAllBytes(Path.Combine(Dir, "file", file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Dir, "builtin", file))), file);
        Assert.That(File.ReadAllText(Path.Combine(Dir, "file", "sweep.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(Dir, "builtin", "sweep.csv"))));
        var fits = NumericCsv.Read(Path.Combine(Dir, "file", "sweep.csv"));
        Assert.That(fits.Rows.Select(r => r[^1]).Distinct().Count(), Is.EqualTo(3), "the sets differ");
    }

    [Test]
    public void ADivergingModelFailsNamingTheVariableAndTimeAndWritesNothing()
    {
        // dx/dt = x^2 from x = 1 reaches infinity at t = 1 ms (Euler a little later); y stays finite
        Write("blowup.yaml", """
            name: blowup
            parameters: {g: 1.0}
            state:
              y: {init: 0.5}
              x: {init: 1.0}
            equations: |
              d y/dt = -y
              d x/dt = g * x * x
            """);
        string config = Write("run.yaml", "model: {file: blowup.yaml}\nnodes: 2\nduration_ms: 100\ndt_ms: 0.1\nsampling_ms: 1\n");
        var (code, stdout, err) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: " + Path.Combine(Dir, "blowup.yaml") + ": "));
        Assert.That(err, Does.Contain("state variable x is").And.Contain("t = "));
        Assert.That(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(Dir, "out")), Is.False, "no output folder");
        Assert.That(Directory.GetDirectories(Dir), Is.Empty, "no temporary folder left behind either");
        // the time named is where Euler's x overflows: x_{n+1} = x_n + 0.1 x_n^2 from 1
        double x = 1;
        int steps = 0;
        while (double.IsFinite(x)) { x += 0.1 * x * x; steps++; }
        string t = (steps * 0.1).ToString("0.#", C);
        Assert.That(err, Does.Contain($"t = {t}"), $"Euler overflows at step {steps}");
    }

    [TestCase("params: {nope: 1}", "params.nope is not a parameter of wc-file")]
    [TestCase("params: {tau_exc: -1}", "params.tau_exc must be in (0, inf) for wc-file")]
    [TestCase("sweep: {nope: [1, 2]}", "sweep.nope is not a parameter of wc-file")]
    [TestCase("init: {exc: [0.1]}", "init needs inh")]
    public void ParameterAndStateErrorsNameTheModelFileAndKey(string extra, string expected)
    {
        string config = Write("bad.yaml", $"model: {{file: {ModelFile("wc")}}}\nnodes: 1\nduration_ms: 10\n{extra}\n");
        var (code, _, err) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith($"error: {config} line ").And.Contain(expected).And.Contain($"(model file {ModelFile("wc")})"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "out")), Is.False);
    }

    [TestCase("model: {file: nowhere.yaml}", "model.file", "nowhere.yaml not found")]
    [TestCase("model: {file: broken.yaml}", "model.file", "broken.yaml:5:")]
    [TestCase("model: {file: broken.yaml, backend: fast}", "model.backend", "must be auto, compiled or managed, got 'fast'")]
    [TestCase("model: {path: broken.yaml}", "unknown key model.path", "allowed: model.file, model.backend")]
    [TestCase("model: {backend: managed}", "model", "needs file:")]
    public void ModelFileErrorsNameTheKeyAndTheFile(string model, string key, string expected)
    {
        // line 5 (column 14): an unknown name in an equation
        Write("broken.yaml", "name: broken\nparameters: {a: 1}\nstate: {x: {init: 0}}\nequations: |\n  d x/dt = -a * xx\n");
        string config = Write("bad.yaml", $"{model}\nnodes: 1\nduration_ms: 10\n");
        var (code, _, err) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith($"error: {config} line 1: ").And.Contain(key).And.Contain(expected));
        Assert.That(Directory.Exists(Path.Combine(Dir, "out")), Is.False);
    }

    [Test]
    public void AnUnknownModelNameListsTheModelFileForm()
    {
        string config = Write("bad.yaml", "model: nope\nnodes: 1\n");
        var (code, _, err) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith($"error: {config}: model must be one of ").And.Contain("wc, fhn, hopf").And.Contain("or a model file, {file: MODEL.yaml}, got 'nope'"));
    }

    [Test]
    public void KuramotoWritesItsOrderParameterAndTheReportPlotsIt()
    {
        // three oscillators coupled all to all: R over time in network_outputs.csv, equal to its definition on activity.csv
        string folder = Path.Combine(Dir, "c3");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Cmat.csv"), "0,1,1\n1,0,1\n1,1,0\n");
        File.WriteAllText(Path.Combine(folder, "Dmat.csv"), "0,0,0\n0,0,0\n0,0,0\n");
        string config = Write("k.yaml", $"model: {{file: {ModelFile("kuramoto")}}}\nconnectome: {folder}\nduration_ms: 400\ndt_ms: 0.1\nsampling_ms: 1\n" +
            "seed: 4\nparams: {k_n: 0.02}\ninit: {theta: [0.0, 2.0, 4.0]}\n");
        var (code, _, err) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(0), err);
        var activity = NumericCsv.Read(Path.Combine(Dir, "out", "activity.csv"));
        var network = NumericCsv.Read(Path.Combine(Dir, "out", "network_outputs.csv"));
        Assert.That(network.Columns, Is.EqualTo(new[] { "t_ms", "R" }));
        Assert.That(network.Rows, Has.Length.EqualTo(activity.Rows.Length));
        for (int s = 0; s < activity.Rows.Length; s++)
        {
            double c = 0, sn = 0;
            for (int i = 1; i <= 3; i++) { c += Math.Cos(activity.Rows[s][i]); sn += Math.Sin(activity.Rows[s][i]); }
            Assert.That(network.Rows[s][0], Is.EqualTo(activity.Rows[s][0]));
            Assert.That(network.Rows[s][1], Is.EqualTo(Math.Sqrt(c / 3 * (c / 3) + sn / 3 * (sn / 3))).Within(1e-12), $"sample {s}");
        }
        Assert.That(network.Rows[0][1], Is.LessThan(0.2), "phases 0, 2, 4 start nearly balanced");
        Assert.That(network.Rows[^1][1], Is.GreaterThan(0.99), "coupled identical oscillators lock");
        var run = RunJson(Path.Combine(Dir, "out"));
        Assert.That(run.GetProperty("network_outputs").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "R" }));
        string html = File.ReadAllText(Path.Combine(Dir, "out", "report.html"));
        Assert.That(html, Does.Contain("Network outputs").And.Contain("network outputs of kuramoto.yaml").And.Contain("theta of the first"));
    }

    [Test]
    public void ModelsDescribesAModelFileFromItsDescriptor()
    {
        var (code, stdout, err) = Run("models", ModelFile("kuramoto"));
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.StartWith("kuramoto: Kuramoto phase oscillators\n"));
        Assert.That(stdout, Does.Match(@"\n  k_n +rad/ms +0\.01 +\(-inf, inf\) +coupling strength k / N\n"));
        Assert.That(stdout, Does.Contain("  d theta/dt = omega + cos(theta) * c_sin - sin(theta) * c_cos + ou_theta"));
        Assert.That(stdout, Does.Contain("state (config init:").And.Contain("[0, 6.283185307179586]"));
        Write("broken.yaml", "name: broken\nparameters: {a: 1}\nstate: {x: {init: 0}}\nequations: |\n  d x/dt = -a * xx\n");
        (code, _, err) = Run("models", Path.Combine(Dir, "broken.yaml"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith($"error: {Path.Combine(Dir, "broken.yaml")}:5:").And.Contain("'xx'"));
        (code, stdout, _) = Run("models");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("model: {file: FILE.yaml}"));
    }

    [Test]
    public void TheKuramotoExampleLocksOnGwAndWeakCouplingDoesNot()
    {
        // examples/kuramoto-gw.yaml as shipped (its model file relative to examples/), and at the weak coupling its
        // comment names: R from about 0.1 to above 0.98 within 0.5 s, against nearly incoherent
        string example = RepositoryData.RepoFile("examples/kuramoto-gw.yaml");
        var (code, _, err) = Run("simulate", example, "--out", Path.Combine(Dir, "strong"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        var r = NumericCsv.Read(Path.Combine(Dir, "strong", "network_outputs.csv")).Rows;
        Assert.That(r, Has.Length.EqualTo(2000));
        Assert.That(r[0][1], Is.LessThan(0.15), "random initial phases");
        Assert.That(r.Where(row => row[0] >= 500).Min(row => row[1]), Is.GreaterThan(0.98), "locked from 0.5 s on");
        Directory.CreateDirectory(Path.Combine(Dir, "models")); // the example's relative model path, in the test's folder
        File.Copy(ModelFile("kuramoto"), Path.Combine(Dir, "models", "kuramoto.yaml"));
        string weak = Write("weak.yaml", File.ReadAllText(example).Replace("k_n: 1.0", "k_n: 0.02"));
        (code, _, err) = Run("simulate", weak, "--out", Path.Combine(Dir, "weak"), "--no-report");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(NumericCsv.Read(Path.Combine(Dir, "weak", "network_outputs.csv")).Rows.Max(row => row[1]), Is.LessThan(0.5), "weak coupling: no lock");
    }

    [Test]
    public void AModelFileLoadsOncePerProcessUntilItsTextChanges()
    {
        string path = Path.Combine(Dir, "hopf.yaml");
        File.Copy(ModelFile("hopf"), path);
        var first = UserModelCache.Get(path, ModelBackend.Managed, TextWriter.Null);
        Assert.That(UserModelCache.Get(path, ModelBackend.Managed, TextWriter.Null), Is.SameAs(first), "the same file: no second load");
        Assert.That(UserModelCache.Get(path, ModelBackend.Compiled, TextWriter.Null).Model.Backend, Is.EqualTo(ModelBackend.Compiled), "another backend loads apart");
        File.WriteAllText(path, File.ReadAllText(path).Replace("a: {default: 0.25", "a: {default: 0.3"));
        var edited = UserModelCache.Get(path, ModelBackend.Managed, TextWriter.Null);
        Assert.That(edited, Is.Not.SameAs(first));
        Assert.That(edited.Sha256, Is.Not.EqualTo(first.Sha256));
        Assert.That(edited.Model.Descriptor.Parameter("a")!.Default, Is.EqualTo(0.3));
    }

    [Test]
    public void BenchMassRunsAModelFileOnTheBuiltInsWork()
    {
        string[] common = ["bench", "mass", "--nodes", "12", "--batch", "4", "--duration-ms", "50", "--threads", "2"];
        var (code, builtIn, err) = Run([.. common, "--model", "hopf"]);
        Assert.That(code, Is.EqualTo(0), err);
        (code, var file, err) = Run([.. common, "--model-file", ModelFile("hopf"), "--backend", "compiled"]);
        Assert.That(code, Is.EqualTo(0), err);
        static string Value(string text, string key) => text.Split('\n').Single(l => l.StartsWith(key + "=")).Split('=', 2)[1].Trim();
        Assert.That(Value(file, "model"), Is.EqualTo("hopf-file"));
        Assert.That(Value(file, "backend"), Is.EqualTo("compiled"));
        Assert.That(Value(file, "check"), Is.EqualTo(Value(builtIn, "check")), "the same work: the same last value");
        Assert.That(double.Parse(Value(file, "region_steps_per_s"), C), Is.GreaterThan(0));
        (code, _, err) = Run([.. common, "--model-file", Path.Combine(Dir, "none.yaml")]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("error: --model-file: ").And.Contain("not found"));
    }
}
