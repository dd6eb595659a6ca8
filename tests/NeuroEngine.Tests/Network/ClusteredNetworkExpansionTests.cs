using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>ClusteredNetwork.Expand against meanfield.md "Clustered connectivity": part sizes and
/// names, J+ within clusters, the depression factor between clusters and towards the background,
/// J between background parts, in-degrees per block, and inherited drives and stimuli.</summary>
public class ClusteredNetworkExpansionTests
{
    private static LifNetworkSpec Base() => new LifNetworkBuilder(SynapseType.Delta, 0.1)
        .AddPopulation("E", 101).AddPopulation("I", 40).AddPopulation("X", 5)
        .ConnectFixedIndegree("E", "E", 20, 0.1, 1.0, autapses: false)
        .ConnectFixedIndegree("E", "I", 30, 0.2, 1.0)
        .ConnectFixedIndegree("I", "E", 8, -0.5, 1.0)
        .ConnectPairwiseBernoulli("X", "E", 0.5, 0.3, 1.0)
        .AddPoissonDrive("E", 10, 5, 0.1)
        .AddStimulus(new Stimulus("I", StimulusShape.Box, 10, 5, 0.2))
        .SetDc("E", 0.25)
        .Build();

    private static readonly ClusterLayout Layout = new(3,
        new Dictionary<string, int> { ["E"] = 10, ["I"] = 4 },
        new Dictionary<string, double> { ["EE"] = 2.0, ["EI"] = 1.5 });

    [Test]
    public void PartsHaveTheSpecifiedSizesAndNames()
    {
        var (spec, parts) = ClusteredNetwork.Expand(Base(), Layout);
        Assert.That(parts["E"], Is.EqualTo(new[] { "E0", "E1", "E2", "E_bg" }));
        Assert.That(parts["I"], Is.EqualTo(new[] { "I0", "I1", "I2", "I_bg" }));
        Assert.That(parts["X"], Is.EqualTo(new[] { "X" }));
        int Size(string name) => spec.Populations.Single(p => p.Name == name).Size;
        Assert.That(Size("E0"), Is.EqualTo(30)); // int((101 - 10) / 3)
        Assert.That(Size("E_bg"), Is.EqualTo(11)); // the remainder
        Assert.That(Size("I2"), Is.EqualTo(12));
        Assert.That(Size("I_bg"), Is.EqualTo(4));
        Assert.That(spec.Neurons, Is.EqualTo(146));
        Assert.That(spec.Populations.Where(p => p.Name.StartsWith('E')).All(p => p.Neuron.IDc == 0.25), "DC is inherited");
        spec.Validate();
    }

    [Test]
    public void WeightsFollowJPlusAndTheDepressionFactor()
    {
        var (spec, _) = ClusteredNetwork.Expand(Base(), Layout);
        Projection P(string from, string to) => spec.Projections.Single(c => c.From == from && c.To == to);
        double fE = 30.0 / 101, fI = 12.0 / 40;
        double gEE = (2 * fE - fE * fE * (3 + 2.0)) / (2 * fE - fE * fE * (3 + 1));
        double gEI = (fE + fI - fE * fI * (3 + 1.5)) / (fE + fI - fE * fI * (3 + 1));
        Assert.That(ClusteredNetwork.AutoDepression(fE, fE, 3, 2.0), Is.EqualTo(gEE).Within(1e-15));
        Assert.That(gEE, Is.InRange(0.0, 1.0));
        Assert.That(P("E1", "E1").Weight, Is.EqualTo(0.2).Within(1e-15));          // J+ J
        Assert.That(P("E0", "E2").Weight, Is.EqualTo(0.1 * gEE).Within(1e-15));    // between clusters
        Assert.That(P("E_bg", "E1").Weight, Is.EqualTo(0.1 * gEE).Within(1e-15));  // background -> cluster
        Assert.That(P("E1", "E_bg").Weight, Is.EqualTo(0.1 * gEE).Within(1e-15));  // cluster -> background
        Assert.That(P("E_bg", "E_bg").Weight, Is.EqualTo(0.1).Within(1e-15));      // background <-> background: J
        // "EI" is the block from E to I
        Assert.That(P("E2", "I2").Weight, Is.EqualTo(0.3).Within(1e-15));
        Assert.That(P("E2", "I0").Weight, Is.EqualTo(0.2 * gEI).Within(1e-15));
        // no J+ for IE: within-cluster factor 1, between clusters the depression of J+ = 1, which is 1
        Assert.That(P("I1", "E1").Weight, Is.EqualTo(-0.5).Within(1e-15));
        Assert.That(P("I0", "E1").Weight, Is.EqualTo(-0.5).Within(1e-15));
        // unclustered populations keep their weights and rules
        Assert.That(P("X", "E0").Weight, Is.EqualTo(0.3));
        Assert.That(P("X", "E0").Rule, Is.EqualTo(ConnectionRule.PairwiseBernoulli));
        Assert.That(P("X", "E0").Probability, Is.EqualTo(0.5));
        // a given depression replaces the automatic one
        var (fixedSpec, _) = ClusteredNetwork.Expand(Base(), Layout with { Depression = 0.7 });
        Assert.That(fixedSpec.Projections.Single(c => c.From == "E0" && c.To == "E2").Weight, Is.EqualTo(0.07).Within(1e-15));
    }

    [Test]
    public void InDegreesAreSplitByTheSourceBlocksShareAndDrivesAndStimuliCoverEveryPart()
    {
        var (spec, _) = ClusteredNetwork.Expand(Base(), Layout);
        Projection P(string from, string to) => spec.Projections.Single(c => c.From == from && c.To == to);
        Assert.That(P("E0", "E1").Indegree, Is.EqualTo(20 * 30 / 101));   // int(K m / N) = 5
        Assert.That(P("E_bg", "E1").Indegree, Is.EqualTo(20 * 11 / 101)); // 2
        Assert.That(P("I2", "E0").Indegree, Is.EqualTo(8 * 12 / 40));     // 2
        Assert.That(P("E0", "E0").Autapses, Is.False);
        Assert.That(spec.Projections, Has.Count.EqualTo(4 * 4 + 4 * 4 + 4 * 4 + 4));
        Assert.That(spec.Drives.Select(d => d.To), Is.EqualTo(new[] { "E0", "E1", "E2", "E_bg" }));
        Assert.That(spec.Stimuli.Select(s => s.To), Is.EqualTo(new[] { "I0", "I1", "I2", "I_bg" }));

        using var sim = LifNetworkSimulation.Single(spec, 9);
        // neuron 0 is in E0: its targets in E1 (ids 30..59) each drew 5 E0 sources, so in total
        // every E1 neuron has exactly 5 sources in E0
        var fromE0 = new int[spec.Neurons];
        for (long s = 0; s < 30; s++)
            foreach (int t in sim.ReadTargets(s)) fromE0[t]++;
        Assert.That(fromE0.Skip(30).Take(30), Is.All.EqualTo(5));
    }

    [Test]
    public void BadLayoutsNameTheKey()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => ClusteredNetwork.Expand(Base(), Layout with { Count = 0 }))!.Message,
            Does.Contain("clusters.count"));
        Assert.That(Assert.Throws<ArgumentException>(() => ClusteredNetwork.Expand(Base(),
            Layout with { Background = new Dictionary<string, int> { ["E"] = 101 } }))!.Message, Does.Contain("clusters.of.E.background"));
        Assert.That(Assert.Throws<ArgumentException>(() => ClusteredNetwork.Expand(Base(),
            Layout with { JPlus = new Dictionary<string, double> { ["EZ"] = 2 } }))!.Message, Does.Contain("clusters.j_plus.EZ"));
        Assert.That(Assert.Throws<ArgumentException>(() => ClusteredNetwork.Expand(Base(),
            Layout with { Background = new Dictionary<string, int> { ["Q"] = 1 } }))!.Message, Does.Contain("unknown population 'Q'"));
    }
}
