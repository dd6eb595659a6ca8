using NeuroEngine.Cli;
using NeuroEngine.Cli.Config;
using NeuroEngine.Models;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Neuron model files that are wrong in one way each: the error names the file, the line and column (or
/// key) and the symbol; and lif-network configs that use a model wrongly.</summary>
public class NeuronModelFileTests
{
    private const string Valid = """
        kind: neuron
        name: test
        parameters:
          tau: {default: 10, unit: ms}
          V_th: 1
        state:
          v: {init: 0}
        equations: |
          d v/dt = -v / tau
        threshold: v > V_th
        reset: v = 0
        refractory: 2
        """;

    private static string Error(string yaml) =>
        Assert.Throws<ModelException>(() => NeuronModelFile.Parse(yaml, "m.yaml"))!.Message;

    [Test]
    public void ValidFileReadsItsParts()
    {
        var m = NeuronModelFile.Parse(Valid, "m.yaml");
        Assert.That(m.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "tau", "V_th" }));
        Assert.That(m.State.Single().Name, Is.EqualTo("v"));
        Assert.That(m.Equations.Single().Kind, Is.EqualTo(NeuronEquationKind.Derivative));
        Assert.That(m.RefractoryMs, Is.EqualTo(2));
        Assert.That(m.SeparatesInputs, Is.False);
    }

    [Test]
    public void UnknownNameInAnEquationNamesLineAndColumn()
    {
        // line 9 is the equation inside the block (indented 2); 'taux' starts at column 17
        string message = Error(Valid.Replace("-v / tau", "-v / taux"));
        Assert.That(message, Does.StartWith("m.yaml:9:17: unknown name 'taux'"));
    }

    [Test]
    public void UnknownNameInTheThresholdNamesItsColumn()
    {
        string message = Error(Valid.Replace("threshold: v > V_th", "threshold: v > theta"));
        Assert.That(message, Does.StartWith("m.yaml:10:16: unknown name 'theta'"));
    }

    [TestCase("d w/dt = -v / tau", "'w' is not a state variable")]
    [TestCase("d v/dt = -v / tau\n  d v/dt = 0", "'v' has a second equation")]
    [TestCase("d v/dt = v > tau", "needs a number, got a condition")]
    [TestCase("v += 1", "belong in reset")]
    [TestCase("d v/dt = exp(v, tau)", "'exp' takes 1 argument, got 2")]
    [TestCase("d v/dt = (-v / tau", "expected")]
    public void EquationErrors(string equations, string expected)
    {
        string message = Error(Valid.Replace("d v/dt = -v / tau", equations));
        Assert.That(message, Does.StartWith("m.yaml:"));
        Assert.That(message, Does.Contain(expected));
    }

    [TestCase("threshold: v > V_th", "threshold: v + V_th", "needs a condition")]
    [TestCase("reset: v = 0", "reset: tau = 0", "'tau' is not one")]
    [TestCase("refractory: 2", "refractory: t_ref", "must be a number of ms or a parameter name, got 't_ref'")]
    [TestCase("refractory: 2", "refractory: -1", "must be a number of ms >= 0")]
    [TestCase("refractory: 2", "refractory: 2\ninput: {exc: g}", "names 'g', which is not a state variable")]
    [TestCase("refractory: 2", "refractory: 2\ninput: {exc: v, kind: shunting}", "must be current or conductance")]
    [TestCase("refractory: 2", "refractory: 2\nbogus: 1", "bogus: unknown key")]
    [TestCase("kind: neuron", "kind: mass", "kind: neuron is required")]
    [TestCase("  V_th: 1", "  V_th: one", "must be a finite number, got 'one'")]
    [TestCase("  V_th: 1", "  v: 1", "'v' is already a parameter")]
    [TestCase("v: {init: 0}", "v: {init: {uniform: [1, 0]}}", "needs low <= high")]
    public void StructureErrors(string replace, string with, string expected)
    {
        string message = Error(Valid.Replace(replace, with));
        Assert.That(message, Does.StartWith("m.yaml"));
        Assert.That(message, Does.Contain(expected));
    }

    [Test]
    public void EquationsOverSeveralLinesNeedALiteralBlock() =>
        Assert.That(Error(Valid.Replace("equations: |\n  d v/dt = -v / tau", "equations:\n  d v/dt = -v / tau\n  x = 1")),
            Does.Contain("equations: spans several lines: write it as a literal block"));

    /// <summary>A file's own function, used in an equation and a derived parameter: the model compiles and the
    /// derived value is the function's.</summary>
    [Test]
    public void OwnFunctionsAreCompiled()
    {
        var definition = NeuronModelFile.Parse(Valid
            .Replace("state:", "functions:\n  half(x): x / 2\nderived:\n  h: half(tau)\nstate:")
            .Replace("d v/dt = -v / tau", "d v/dt = -half(v) / tau"), "m.yaml");
        var model = NeuronModel.Compile(definition);
        Assert.That(model.Parameters(null, 0.1)[2], Is.EqualTo(5.0));
        Assert.That(model.Source, Does.Contain("uf_half"));
        Assert.That(Error(Valid.Replace("state:", "functions:\n  half(x): x / y\nstate:")), Does.Contain("unknown name 'y'"));
    }

    [Test]
    public void MissingThresholdIsNamed() =>
        Assert.That(Error(Valid.Replace("threshold: v > V_th\n", "")), Does.Contain("threshold is required"));

    /// <summary>Configs using models: each mistake is a CliException naming the key (the CLI prints it as
    /// <c>error: ...</c> and exits 2).</summary>
    [TestCase("E: {size: 10, neuron: {tau: 5, nope: 1}}", "has no parameter 'nope'")]
    [TestCase("E: {size: 10, neuron: {}, V_th: 3}", "populations.E.V_th is a parameter of the built-in LIF")]
    [TestCase("E: {size: 10, neuron: {init: {w: 1}}}", "has no state variable 'w'")]
    [TestCase("E: {size: 10, neuron: {file: missing.yaml}}", "neuron model file not found")]
    public void ConfigErrors(string population, string expected)
    {
        string dir = Directory.CreateTempSubdirectory("neuron-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "m.yaml"), Valid);
            string config = $"model: lif-network\nduration_ms: 10\nneuron: {{file: m.yaml}}\npopulations:\n  {population}\n";
            File.WriteAllText(Path.Combine(dir, "c.yaml"), config);
            var ex = Assert.Throws<CliException>(() => LifNetworkConfig.Load(Path.Combine(dir, "c.yaml")))!;
            Assert.That(ex.Message, Does.Contain(expected));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void ConductanceModelOnDeltaSynapsesIsRefused()
    {
        string config = $"model: lif-network\nduration_ms: 10\nsynapse: {{type: delta}}\nneuron: {{file: {RepositoryData.RepoFile("examples/models/adex.yaml")}}}\npopulations:\n  E: {{size: 10}}\n";
        var ex = Assert.Throws<CliException>(() => LifNetworkConfig.Parse(config, "c.yaml"))!;
        Assert.That(ex.Message, Does.Contain("excitatory input on ge and inhibitory input on gi"));
        Assert.That(ex.Message, Does.Contain("not delta"));
    }

    [Test]
    public void ConfigWithoutSynapseTypePicksTwoRingsForConductanceModels()
    {
        string config = $"model: lif-network\nduration_ms: 10\nneuron: {{file: {RepositoryData.RepoFile("examples/models/adex.yaml")}}}\npopulations:\n  E: {{size: 10}}\n";
        var parsed = LifNetworkConfig.Parse(config, "c.yaml");
        Assert.That(parsed.Spec.Synapse, Is.EqualTo(NeuroEngine.Simulation.Network.SynapseType.ExpCurrent));
        Assert.That(parsed.Spec.Populations[0].Model!.Model.Name, Is.EqualTo("adex"));
    }

    [Test]
    public void ConductanceModelNextToALifPopulationNeedsASynapseType()
    {
        string config = $"model: lif-network\nduration_ms: 10\npopulations:\n  E: {{size: 10, neuron: {{file: {RepositoryData.RepoFile("examples/models/adex.yaml")}}}}}\n  L: {{size: 10}}\n";
        var ex = Assert.Throws<CliException>(() => LifNetworkConfig.Parse(config, "c.yaml"))!;
        Assert.That(ex.Message, Does.Contain("next to the built-in LIF population L; set synapse.type"));
        var parsed = LifNetworkConfig.Parse(config.Replace("populations:", "synapse: {type: exp_conductance}\npopulations:"), "c.yaml");
        Assert.That(parsed.Spec.Synapse, Is.EqualTo(NeuroEngine.Simulation.Network.SynapseType.ExpConductance));
    }

    /// <summary>Through the CLI: a model that diverges is an <c>error:</c> line naming the variable, exit 2, and no
    /// output folder.</summary>
    [Test]
    public void DivergingModelInTheCliExitsTwoWithoutOutput()
    {
        string dir = Directory.CreateTempSubdirectory("neuron-diverge-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "blowup.yaml"), "kind: neuron\nname: blowup\nstate:\n  v: {init: 1}\nequations: |\n  d v/dt = v^2\nthreshold: v > 1e300\n");
            File.WriteAllText(Path.Combine(dir, "c.yaml"), "model: lif-network\nduration_ms: 50\nneuron: {file: blowup.yaml}\npopulations:\n  E: {size: 10}\n");
            string output = Path.Combine(dir, "out");
            var (code, _, err) = Cli.CliRunner.Run("simulate", Path.Combine(dir, "c.yaml"), "--out", output);
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err, Does.StartWith("error: state variable v of neuron model blowup is infinite"));
            Assert.That(Directory.Exists(output), Is.False, "no output folder");
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>run.json says which model file each population ran and the parameter values it used (the file's
    /// defaults with the population's overrides), so a run can be reproduced from its record.</summary>
    [Test]
    public void RunJsonRecordsEachPopulationsModelAndParameters()
    {
        string dir = Directory.CreateTempSubdirectory("neuron-runjson-").FullName;
        try
        {
            File.Copy(RepositoryData.RepoFile("examples/models/izhikevich.yaml"), Path.Combine(dir, "izh.yaml"));
            File.WriteAllText(Path.Combine(dir, "c.yaml"),
                "model: lif-network\nduration_ms: 20\nneuron: {file: izh.yaml}\npopulations:\n  RS: {size: 8}\n  FS: {size: 2, neuron: {a: 0.1, d: 2}}\n");
            string output = Path.Combine(dir, "out");
            var (code, _, err) = Cli.CliRunner.Run("simulate", Path.Combine(dir, "c.yaml"), "--out", output);
            Assert.That(code, Is.EqualTo(0), err);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
            var models = doc.RootElement.GetProperty("neuron_models");
            var fs = models.GetProperty("FS");
            Assert.That(fs.GetProperty("model").GetString(), Is.EqualTo("izhikevich"));
            Assert.That(fs.GetProperty("file").GetString(), Does.EndWith("izh.yaml"));
            Assert.That(File.Exists(fs.GetProperty("library").GetString()), Is.True);
            // the overrides and the file's defaults (regular spiking: a 0.02, d 8; b 0.2, c -65 shared)
            var expected = new Dictionary<string, (double Rs, double Fs)> { ["a"] = (0.02, 0.1), ["b"] = (0.2, 0.2), ["c"] = (-65, -65), ["d"] = (8, 2) };
            foreach (var (name, (rsValue, fsValue)) in expected)
            {
                Assert.That(models.GetProperty("RS").GetProperty("parameters").GetProperty(name).GetDouble(), Is.EqualTo(rsValue), $"RS {name}");
                Assert.That(fs.GetProperty("parameters").GetProperty(name).GetDouble(), Is.EqualTo(fsValue), $"FS {name}");
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void NonFiniteDerivedParameterIsNamed()
    {
        var model = NeuronModel.Compile(NeuronModelFile.Parse(Valid.Replace("state:", "derived:\n  k: log(tau)\nstate:"), "m.yaml"));
        var ex = Assert.Throws<ArgumentException>(() => model.Parameters(new Dictionary<string, double> { ["tau"] = -1 }, 0.1, "populations.E"))!;
        Assert.That(ex.Message, Does.Contain("derived parameter k of neuron model test"));
        Assert.That(ex.Message, Does.Contain("NaN"));
        Assert.That(model.Parameters(null, 0.1)[2], Is.EqualTo(Math.Log(10)), "derived with the C library's log");
    }
}
