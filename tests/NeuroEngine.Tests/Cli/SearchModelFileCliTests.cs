using NeuroEngine.IO;
using NeuroEngine.Search;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>explore</c> and <c>optimize</c> over a simulate config whose model is a model file
/// (<c>model: {file: ...}</c>, docs/custom-models.md): the same evaluations as with the built-in the file writes, the
/// file's path relative to the config that names it, params checked against the file, diverging candidates failing
/// alone.</summary>
public class SearchModelFileCliTests : TempFolderTest
{
    private static List<EvaluationRecord> Evaluations(string runDir)
    {
        using var store = RunStore.Open(Path.Combine(runDir, RunStore.FileName));
        return store.Evaluations();
    }

    private const string Network = "nodes: 3\nduration_ms: 300\ndt_ms: 0.1\nsampling_ms: 1\nparams: {sigma_ou: 0.05}\n";
    private const string Space = "space:\n  a: {type: float, low: -0.5, high: 0.5}\n  K_gl: {type: float, low: 0.1, high: 2}\n";

    [Test]
    public void AnExploreOverAModelFileEqualsTheSameExploreOverTheBuiltIn()
    {
        // the model file beside the search config, named relative to it in an inline simulate config
        Directory.CreateDirectory(Path.Combine(Dir, "models"));
        File.Copy(RepositoryData.RepoFile("examples/models/hopf.yaml"), Path.Combine(Dir, "models", "hopf.yaml"));
        string Config(string model) => Space + "objective:\n  simulate:\n" + string.Concat(($"model: {model}\n" + Network).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n")) +
            "  metrics: [{name: mean_x, target: 0.1}, {name: mean_y, target: 0, weight: 2}]\noptimizer: {name: random, budget: 8, population: 4, seed: 3}\n";
        string builtIn = Write("builtin.yaml", Config("hopf")), file = Write("file.yaml", Config("{file: models/hopf.yaml}"));
        var (code, _, err) = Run("explore", builtIn, "--run-dir", Path.Combine(Dir, "a"));
        Assert.That(code, Is.EqualTo(0), err);
        (code, var stdout, err) = Run("explore", file, "--run-dir", Path.Combine(Dir, "b"));
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(stdout, Does.Contain("8/8 evaluations (0 failed)"));
        var a = Evaluations(Path.Combine(Dir, "a"));
        var b = Evaluations(Path.Combine(Dir, "b"));
        Assert.That(b, Has.Count.EqualTo(8));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.That(b[i].Parameters, Is.EqualTo(a[i].Parameters));
            Assert.That(b[i].Seed, Is.EqualTo(a[i].Seed));
            Assert.That(b[i].Metrics["mean_x"], Is.EqualTo(a[i].Metrics["mean_x"]), $"evaluation {i}: the built-in's bits");
            Assert.That(b[i].Objectives[0], Is.EqualTo(a[i].Objectives[0]), $"evaluation {i}");
        }
        Assert.That(a.Select(e => e.Objectives[0]).Distinct().Count(), Is.EqualTo(8), "the candidates differ");
    }

    [Test]
    public void AnOptimizeReadsTheModelFileRelativeToItsSimulateConfig()
    {
        // a simulate config in a subfolder names the file relative to itself; optimize finds the exc_ext of a mean
        Directory.CreateDirectory(Path.Combine(Dir, "sim"));
        File.Copy(RepositoryData.RepoFile("examples/models/wc.yaml"), Path.Combine(Dir, "wc.yaml"));
        File.WriteAllText(Path.Combine(Dir, "sim", "wc.yaml"), "model: {file: ../wc.yaml}\nnodes: 2\nduration_ms: 200\ndt_ms: 0.1\nsampling_ms: 1\ninit: {exc: [0.0], inh: [0.0]}\n");
        string config = Write("search.yaml", """
            space: {exc_ext: {type: float, low: 0, high: 4}}
            objective: {simulate: sim/wc.yaml, metrics: [{name: mean_exc, target: 0.3}]}
            optimizer: {name: cmaes, budget: 60, seed: 2}
            """);
        var (code, _, err) = Run("optimize", config, "--run-dir", Path.Combine(Dir, "run"));
        Assert.That(code, Is.EqualTo(0), err);
        var best = Evaluations(Path.Combine(Dir, "run")).Where(e => e.Status == EvaluationStatus.Ok).MinBy(e => e.Objectives[0])!;
        Assert.That(best.Metrics["mean_exc"], Is.EqualTo(0.3).Within(0.01), "the optimiser reaches the target mean");
    }

    [TestCase("nope: {type: float, low: 0, high: 1}", "space.nope: nope is not a parameter of hopf-file")]
    [TestCase("sigma_ou: {type: float, low: -1, high: 1}", "leaves the allowed range [0, inf) of hopf-file's sigma_ou")]
    public void TheSpaceIsCheckedAgainstTheModelFile(string space, string expected)
    {
        string config = Write("search.yaml", $"space: {{{space}}}\nobjective:\n  simulate: {{model: {{file: {RepositoryData.RepoFile("examples/models/hopf.yaml")}}}, nodes: 1, duration_ms: 10}}\n" +
            "  metrics: [{name: mean_x, target: 0}]\noptimizer: {name: random, budget: 2, seed: 1}\n");
        var (code, _, err) = Run("explore", config, "--run-dir", Path.Combine(Dir, "run"));
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: ").And.Contain(expected));
    }

    [Test]
    public void DivergingCandidatesFailAloneInABatchedGeneration()
    {
        // dx/dt = g x^2 from x = 1: finite for g <= 0 (x decays), infinite before t = 1/g for g > 0 (here 100 ms)
        Write("blowup.yaml", "name: blowup\nparameters: {g: 0}\nstate: {x: {init: 1.0}}\nequations: |\n  d x/dt = g * x * x\n");
        string config = Write("search.yaml", """
            space: {g: {type: float, low: -1, high: 1}}
            objective: {simulate: {model: {file: blowup.yaml}, nodes: 2, duration_ms: 100, dt_ms: 0.1, sampling_ms: 1}, metrics: [{name: mean_x, target: 0}]}
            optimizer: {name: random, budget: 12, population: 6, seed: 5}
            """);
        var (code, _, err) = Run("explore", config, "--run-dir", Path.Combine(Dir, "run"));
        Assert.That(code, Is.EqualTo(0), err);
        var all = Evaluations(Path.Combine(Dir, "run"));
        Assert.That(all, Has.Count.EqualTo(12));
        Assert.That(all.Select(e => e.Parameters[0] > 0).Distinct().Count(), Is.EqualTo(2), "both signs drawn");
        foreach (var e in all.Where(e => Math.Abs(e.Parameters[0]) > 0.02))
        {
            bool diverges = e.Parameters[0] > 0;
            Assert.That(e.Status, Is.EqualTo(diverges ? EvaluationStatus.Failed : EvaluationStatus.Ok), $"g = {e.Parameters[0]}");
            if (diverges) Assert.That(e.Error, Does.Contain("blowup.yaml").And.Contain("state variable x is inf"));
            else Assert.That(e.Metrics["mean_x"], Is.InRange(0.0, 1.0));
        }
    }
}
