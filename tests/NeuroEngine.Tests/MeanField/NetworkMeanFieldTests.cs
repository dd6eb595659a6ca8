using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

/// <summary>The mean field of a network spec (NetworkMeanField) against the direct model and a simulation.</summary>
public class NetworkMeanFieldTests
{
    [Test]
    public void NetworkSpecMapsToTheSameMeanField()
    {
        var model = NetworkMeanField.From(StandardNetworks.Brunel(10_000, 5, 2));
        var point = new MeanFieldSolver(model).Solve([[10.0, 10.0]]).Single(p => p.Converged);
        Assert.That(point.RatesHz[0], Is.EqualTo(MeanFieldModels.BrunelRateHz).Within(1e-6));
        Assert.Throws<ArgumentException>(() => NetworkMeanField.From(StandardNetworks.Coba()));
    }

    [Test]
    public void APopulationWithItsOwnNeuronModelIsRefusedNotTreatedAsLif()
    {
        // the Siegert rate is the LIF's; the I population's LIF parameters stay in the spec but it runs Izhikevich's model
        var spec = StandardNetworks.Brunel(2000, 5, 2);
        var izhikevich = NeuroEngine.Models.NeuronModel.Load(RepositoryData.RepoFile("examples/models/izhikevich.yaml"));
        spec = spec with { Populations = [spec.Populations[0], spec.Populations[1] with { Model = new PopulationModel(izhikevich) }] };
        var ex = Assert.Throws<ArgumentException>(() => NetworkMeanField.From(spec))!;
        Assert.That(ex.Message, Does.Contain($"population {spec.Populations[1].Name} runs its own neuron model"));
    }

    [Test]
    public void SimulatedBrunelRatesAgreeWithTheMeanFieldWithinTenPercent()
    {
        // N = 10,000, g = 5, eta = 2: the asynchronous irregular state; 1 s after a 200 ms transient
        using var sim = LifNetworkSimulation.Single(StandardNetworks.Brunel(10_000, 5, 2), 3);
        var result = sim.Run(1200)[0];
        double prediction = new MeanFieldSolver(MeanFieldModels.Brunel()).Solve([[10.0, 10.0]]).Single(p => p.Converged).RatesHz[0];
        for (int p = 0; p < 2; p++)
        {
            double rate = SpikeTrainStatistics.Of(result, p, 200).RateHz;
            Assert.That(rate, Is.EqualTo(prediction).Within(0.10 * prediction), $"population {p}");
        }
    }
}
