using NeuroEngine.Models;
using NUnit.Framework;

namespace NeuroEngine.Tests.Models;

/// <summary>Reading mass model files: the examples' descriptors, slots and expressions; structure errors naming file
/// and key; expression and name errors naming file, line and column.</summary>
public class MassModelFileTests : TempFolderTest
{
    private const string Minimal = """
        name: tiny
        parameters:
          tau: {default: 2, unit: ms, range: "(0, inf)"}
          g: 0.5
        state:
          v: {init: 0.1}
        equations: |
          d v/dt = (-v + g * coupling) / tau
        coupling: {sends: v}
        """;

    [Test]
    public void The_Wilson_Cowan_Example_Reads_As_The_Builtin_Describes_It()
    {
        MassModelDefinition m = MassModelFile.Load(RepositoryData.RepoFile("examples/models/wc.yaml"));
        var d = m.Descriptor;
        Assert.That(d.Name, Is.EqualTo("wc-file"));
        Assert.That(d.Parameters.Select(p => p.Name).Take(3), Is.EqualTo(new[] { "tau_exc", "tau_inh", "c_excexc" }));
        Assert.That(d.Parameters.Select(p => p.Slot), Is.EqualTo(Enumerable.Range(0, 17)), "slots in file order");
        Assert.That(d.Parameter("tau_exc")!.RangeText, Is.EqualTo("(0, inf)"));
        Assert.That(d.Parameter("tau_exc")!.Unit, Is.EqualTo("ms"));
        Assert.That(d.Parameter("c_excexc")!.Default, Is.EqualTo(16));
        Assert.That(d.StateVariables, Is.EqualTo(new[] { "exc", "inh" }));
        Assert.That(d.Outputs, Is.EqualTo(new[] { "exc", "inh" }));
        Assert.That(d.NoiseInputs, Is.EqualTo(new[] { "ou_exc", "ou_inh" }));
        Assert.That(d.CouplingVariable, Is.EqualTo("exc"));
        Assert.That((d.BoldScale, d.BoldOffset), Is.EqualTo((50.0, 0.0)));
        Assert.That(d.InitLow, Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(d.InitHigh, Is.EqualTo(new[] { 0.05, 0.05 }));
        Assert.That(d.BuiltIn, Is.Null);
        Assert.That(m.StrengthSlot, Is.EqualTo(d.Parameter("K_gl")!.Slot));
        Assert.That((m.TauOuSlot, m.SigmaOuSlot), Is.EqualTo((d.Parameter("tau_ou")!.Slot, d.Parameter("sigma_ou")!.Slot)));
        Assert.That(m.NoiseInputs.Select(q => q.MeanSlot), Is.EqualTo(new[] { d.Parameter("exc_ou_mean")!.Slot, d.Parameter("inh_ou_mean")!.Slot }));
        Assert.That(m.States.Select(s => (s.Lower, s.Upper)), Is.EqualTo(new (double?, double?)[] { (0, 1), (0, 1) }));
        Assert.That(m.Subexpressions.Select(s => s.Name), Is.EqualTo(new[] { "in_e", "in_i" }));
        Assert.That(d.Equations, Does.StartWith("in_e = c_excexc * exc"));
    }

    [Test]
    public void Undeclared_Strength_And_Noise_Parameters_Are_Added_After_The_Files_Own()
    {
        string path = Write("m.yaml", Minimal.Replace("coupling: {sends: v}", "coupling: {sends: v, strength: K}\nnoise: {inputs: {ou_v: v_mean}}")
            .Replace("g * coupling", "g * coupling + ou_v"));
        MassModelDefinition m = MassModelFile.Load(path);
        Assert.That(m.Descriptor.Parameters.Select(p => (p.Name, p.Slot, p.Default)),
            Is.EqualTo(new[] { ("tau", 0, 2.0), ("g", 1, 0.5), ("K", 2, 1.0), ("tau_ou", 3, 5.0), ("sigma_ou", 4, 0.0), ("v_mean", 5, 0.0) }));
        Assert.That((m.StrengthSlot, m.TauOuSlot, m.SigmaOuSlot, m.NoiseInputs[0].MeanSlot), Is.EqualTo((2, 3, 4, 5)));
    }

    [Test]
    public void Kuramoto_Has_Two_Couplings_And_A_Network_Output()
    {
        MassModelDefinition m = MassModelFile.Load(RepositoryData.RepoFile("examples/models/kuramoto.yaml"));
        Assert.That(m.Couplings.Select(c => (c.Input, c.SendsText, c.Mode)),
            Is.EqualTo(new[] { ("c_sin", "sin(theta)", NeuroEngine.Simulation.Mass.MassCouplingMode.Additive), ("c_cos", "cos(theta)", NeuroEngine.Simulation.Mass.MassCouplingMode.Additive) }));
        Assert.That(m.NetworkOutputs.Select(o => o.Name), Is.EqualTo(new[] { "R" }));
        // all phases equal: R = 1; two opposite phases: R = 0
        var together = new double[1, 4];
        var opposite = new double[1, 4];
        for (int i = 0; i < 4; i++) { together[0, i] = 0.7; opposite[0, i] = i % 2 * Math.PI + 0.3; }
        using var model = new UserMassModel(m, ModelBackend.Managed);
        Assert.That(model.NetworkOutputs([together])["R"][0], Is.EqualTo(1.0).Within(1e-15));
        Assert.That(model.NetworkOutputs([opposite])["R"][0], Is.EqualTo(0.0).Within(1e-15));
    }

    private ModelException Error(string text) => Assert.Throws<ModelException>(() => MassModelFile.Load(Write("m.yaml", text)))!;

    [Test]
    public void Structure_Errors_Name_The_File_And_Key()
    {
        string f = Path.Combine(Dir, "m.yaml");
        Assert.That(Error(Minimal + "\ncolour: red").Message, Is.EqualTo($"{f}: colour: unknown key 'colour' (known: name, title, citation, parameters, state, functions, equations, coupling, noise, outputs, bold, network_outputs)"));
        Assert.That(Error(Minimal.Replace("range: \"(0, inf)\"", "range: \"(0, inf)\", defualt: 3")).Message, Does.StartWith($"{f}: parameters.tau.defualt: unknown key 'defualt'"));
        Assert.That(Error(Minimal.Replace("default: 2,", "default: -2,")).Message, Is.EqualTo($"{f}: parameters.tau.default: -2 is outside the range (0, inf)"));
        Assert.That(Error(Minimal.Replace("g: 0.5", "g: fast")).Message, Is.EqualTo($"{f}: parameters.g: expected a finite number, got 'fast'"));
        Assert.That(Error(Minimal.Replace("name: tiny\n", "")).Message, Does.StartWith($"{f}: name: missing"));
        Assert.That(Error(Minimal.Replace("{sends: v}", "{sends: v, mode: sideways}")).Message, Is.EqualTo($"{f}: coupling.mode: 'sideways' is not a coupling mode (additive, diffusive)"));
        Assert.That(Error(Minimal.Replace("range: \"(0, inf)\"", "range: \"(5, 1)\"")).Message, Does.StartWith($"{f}: parameters.tau.range: '(5, 1)': the low end must be below the high end"));
    }

    [Test]
    public void Expression_And_Name_Errors_Name_Line_And_Column()
    {
        string f = Path.Combine(Dir, "m.yaml");
        Assert.That(Error(Minimal.Replace("g * coupling", "g * coupling + h")).Message, Is.EqualTo($"{f}:8:33: unknown name 'h'"));
        Assert.That(Error(Minimal.Replace("d v/dt = (-v + g * coupling) / tau", "w = exp(v, 1)\n  d v/dt = w")).Message, Is.EqualTo($"{f}:8:7: 'exp' takes 1 argument, got 2"));
        Assert.That(Error(Minimal.Replace("d v/dt = (-v + g * coupling) / tau", "d v/dt = (-v + g * coupling / tau")).Message, Does.StartWith($"{f}:8:36: expected ')' to close the '(' at 8:12"));
        Assert.That(Error(Minimal.Replace("  v: {init: 0.1}", "  v: {init: 0.1}\n  w: 0")).Message, Is.EqualTo($"{f}:7:3: state variable 'w' has no equation 'd w/dt = ...' in equations"));
        Assert.That(Error(Minimal.Replace("  v: {init: 0.1}", "  g: {init: 0.1}")).Message, Is.EqualTo($"{f}:6:3: 'g' is already a parameter"));
        Assert.That(Error(Minimal.Replace("d v/dt = (-v + g * coupling) / tau", "d v/dt = 1\n  d v/dt = 2")).Message, Is.EqualTo($"{f}:9:3: a second equation for 'd v/dt'"));
        Assert.That(Error(Minimal.Replace("d v/dt = (-v + g * coupling) / tau", "tau = 1\n  d v/dt = 1")).Message, Is.EqualTo($"{f}:8:3: 'tau' is already a parameter"));
        Assert.That(Error(Minimal.Replace("d v/dt", "d u/dt")).Message, Does.StartWith($"{f}:8:3: 'd u/dt': 'u' is not a state variable"));
        Assert.That(Error(Minimal.Replace("{sends: v}", "{sends: \"v * q\"}")).Message, Is.EqualTo($"{f}:9:24: unknown name 'q'"));
        Assert.That(Error(Minimal.Replace("tau: {default", "tau: [default")).Message, Does.StartWith($"{f}:3:"), "YAML syntax errors too");
    }

    [Test]
    public void A_Literal_Block_Maps_Every_Line_To_The_File()
    {
        string text = Minimal.Replace("d v/dt = (-v + g * coupling) / tau", "# leading comment\n\n  a1 = g * 2\n  d v/dt = (-v + a1 * coupling) / zz");
        Assert.That(Error(text).Message, Does.EndWith(":11:35: unknown name 'zz'"));
    }

    [TestCase("parameters: [1, 2]", "parameters: expected a mapping")]
    [TestCase("state: 5", "state: missing: a mapping of state variables")]
    [TestCase("equations: {a: 1}", "equations: missing: one equation per line")]
    [TestCase("coupling: 5", "coupling: expected a mapping")]
    [TestCase("outputs: 3", "outputs: expected a list of state variables")]
    [TestCase("outputs: [w]", "output 'w' is not a state variable")]
    [TestCase("bold: [1]", "bold: expected {scale, offset}")]
    [TestCase("noise: {inputs: {}}", "noise.inputs: 0 inputs; 1 to 4 allowed")]
    [TestCase("noise: {inputs: {a1: m1, a2: m2, a3: m3, a4: m4, a5: m5}}", "noise.inputs: 5 inputs; 1 to 4 allowed")]
    [TestCase("network_outputs: {R: v}", "'v' differs between nodes: use it inside mean(...)")]
    [TestCase("network_outputs: {R: mean(mean(v))}", "mean(...) inside mean(...)")]
    [TestCase("functions: {\"f(u, u)\": u}", "argument 'u' appears twice")]
    [TestCase("functions: {\"f(u)\": u + v}", "unknown name 'v'")]
    [TestCase("name: \"a b\"", "name: 'a b' may hold only letters")]
    [TestCase("---\n- 1", "expected a mapping of keys")]
    [TestCase("equations: >\n  d v/dt = -v\n  w = 1", "equations: write the equations as a literal block")]
    [TestCase("equations: d v/dt = -v", "")]
    [TestCase("bold: {scale: 1, scale: 2}", ":10:18: not valid YAML: Duplicate key scale")]
    [TestCase("coupling: {sends: v, strength: v}", "coupling.strength: 'v' is a state variable, expected a parameter")]
    [TestCase("coupling: [{sends: v, strength: g}, {input: c2, sends: v, strength: tau}]", "coupling[1].strength: all couplings share one strength parameter")]
    [TestCase("coupling: [{sends: v}, {sends: v}]", "'coupling' is already an input")]
    public void Malformed_Structures_Are_Clean_Errors(string change, string message)
    {
        string text = change.StartsWith("---") ? change.Replace("\\n", "\n")
            : change.StartsWith("name:") ? Minimal.Replace("name: tiny", change)
            : Without(Minimal, change.Split(':')[0]) + "\n" + change;
        if (message == "")
        {
            Assert.That(MassModelFile.Load(Write("m.yaml", text)).States[0].Derivative, Is.TypeOf<UnaryExpr>(), "one equation on the key's line is fine");
            return;
        }
        Assert.That(Error(text).Message, Does.Contain(message));
    }

    /// <summary>The text without the top-level key and its indented lines.</summary>
    private static string Without(string text, string key)
    {
        var kept = new List<string>();
        bool skipping = false;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(key + ":")) { skipping = true; continue; }
            if (skipping && line.StartsWith(' ')) continue;
            skipping = false;
            kept.Add(line);
        }
        return string.Join("\n", kept);
    }
}
