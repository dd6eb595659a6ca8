using NeuroEngine.Native;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Bad input gets an ArgumentException naming the field, never a crash.</summary>
public class LifNetworkValidationTests
{
    private static LifNetworkSpec Base => StandardNetworks.Brunel(100);

    private static void Rejects(LifNetworkSpec spec, string field)
    {
        var ex = Assert.Throws<ArgumentException>(() => LifNetworkSimulation.Single(spec, 1).Dispose());
        Assert.That(ex!.Message, Does.Contain(field));
    }

    [Test]
    public void NegativeIndegree() =>
        Rejects(Base with { Projections = [Base.Projections[0] with { Indegree = -1 }] }, "indegree");

    [Test]
    public void IndegreeAboveThePopulationWithoutMultapses() =>
        Rejects(Base with { Projections = [Base.Projections[0] with { Indegree = 81, Multapses = false }] }, "indegree");

    [Test]
    public void DelayBelowDt() =>
        Rejects(Base with { Projections = [Base.Projections[0] with { DelayMs = 0.05 }] }, "delay_ms");

    [Test]
    public void NanWeight() =>
        Rejects(Base with { Projections = [Base.Projections[0] with { Weight = double.NaN }] }, "weight");

    [Test]
    public void UnknownPopulation() =>
        Rejects(Base with { Projections = [Base.Projections[0] with { To = "X" }] }, "unknown population 'X'");

    [Test]
    public void ResetAboveThreshold() =>
        Rejects(Base with { Populations = [Base.Populations[0] with { Neuron = new NeuronParameters { VReset = 25 } }, Base.Populations[1]] }, "V_reset");

    [Test]
    public void MemoryCapExceeded()
    {
        var ex = Assert.Throws<NativeOutOfMemoryException>(() =>
            LifNetworkSimulation.Single(StandardNetworks.Brunel(10_000), 1, maxMemoryBytes: 1_000_000).Dispose());
        Assert.That(ex!.Message, Does.Contain("max_memory_bytes"));
    }

    [Test]
    public void BatchWithDifferentStructure()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new LifNetworkSimulation([Base, StandardNetworks.Brunel(200)], 1, [1, 2]).Dispose());
        Assert.That(ex!.Message, Does.Contain("structure"));
    }
}
