using NeuroEngine.Cli.Config;
using NeuroEngine.Models;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>User neuron models in the network engine, through the whole managed path: model file, generated C,
/// compiled library, native populations. The built-in delta LIF written as a model file
/// (examples/models/lif-delta.yaml) gives the built-in network's spikes, V and population sums bit for bit.</summary>
public class NeuronModelTests
{
    internal static NeuronModel Example(string name) => NeuronModel.Load(RepositoryData.RepoFile($"examples/models/{name}.yaml"));

    /// <summary>Brunel's network (delta synapses, Poisson drive, delays) plus a DC input and a stimulus window,
    /// so every term of the update (leak, constant input, stimulus, synaptic jumps, refractory hold) is used.</summary>
    private static LifNetworkSpec Brunel()
    {
        var spec = StandardNetworks.Brunel(2000, 5, 2);
        return spec with
        {
            Populations = [spec.Populations[0] with { Neuron = spec.Populations[0].Neuron with { IDc = 0.2 } }, spec.Populations[1]],
            Stimuli = [new Stimulus("E", StimulusShape.Box, 50, 40, 0.3, 0, 0)],
        };
    }

    private static LifNetworkSpec AsModel(LifNetworkSpec spec, NeuronModel lif) => spec with
    {
        Populations = spec.Populations.Select(p => p with
        {
            Model = new PopulationModel(lif,
                new Dictionary<string, double>
                {
                    ["tau_m"] = p.Neuron.TauMMs, ["E_L"] = p.Neuron.EL, ["V_th"] = p.Neuron.VTh, ["V_reset"] = p.Neuron.VReset,
                    ["t_ref"] = p.Neuron.TRefMs, ["I_dc"] = p.Neuron.IDc,
                },
                new Dictionary<string, InitialValue> { ["v"] = p.Neuron.VInit }),
        }).ToList(),
    };

    [Test]
    public void DeltaLifAsEquationsEqualsTheBuiltInSpikeForSpike()
    {
        var builtIn = Brunel();
        var model = AsModel(builtIn, Example("lif-delta"));
        var recording = new NetworkRecording { SampleMs = 1 };
        using var a = LifNetworkSimulation.Single(builtIn, 7, recording, threads: 1);
        using var b = LifNetworkSimulation.Single(model, 7, recording, threads: 3);
        var ra = a.Run(300)[0];
        var rb = b.Run(300)[0];
        Assert.That(ra.SpikeNeurons.Length, Is.GreaterThan(10_000), "the network is active");
        Assert.That(rb.SpikeNeurons, Is.EqualTo(ra.SpikeNeurons), "spiking neurons");
        Assert.That(rb.SpikeSteps, Is.EqualTo(ra.SpikeSteps), "spike steps");
        Assert.That(rb.SampleSums, Is.EqualTo(ra.SampleSums), "population sums of V, bit for bit");
        Assert.That(b.ReadState(NetworkStateVariable.V), Is.EqualTo(a.ReadState(NetworkStateVariable.V)), "final V");
        Assert.That(b.ReadModelState(0), Is.EqualTo(a.ReadState(NetworkStateVariable.V)), "model state 0 is V");
    }

    [Test]
    public void BatchOfModelNetworksEqualsSingleRuns()
    {
        var lif = Example("lif-delta");
        var one = AsModel(Brunel(), lif);
        var two = one with { Projections = one.Projections.Select(p => p with { Weight = p.Weight * 1.1 }).ToList() };
        using var batch = new LifNetworkSimulation([one, two], 3, [11, 12], threads: 2);
        var results = batch.Run(100);
        using var single = new LifNetworkSimulation([two], 3, [12], threads: 1);
        var alone = single.Run(100)[0];
        Assert.That(results[1].SpikeSteps, Is.EqualTo(alone.SpikeSteps));
        Assert.That(results[1].SpikeNeurons, Is.EqualTo(alone.SpikeNeurons));
        Assert.That(results[0].SpikeNeurons.Length, Is.Not.EqualTo(results[1].SpikeNeurons.Length));
    }

    /// <summary>The same through configs: a Brunel config with the built-in LIF and one whose populations use
    /// the model file (with the LIF's values as overrides) give the same spikes.</summary>
    [Test]
    public void ConfigWithTheLifModelFileEqualsTheBuiltInConfig()
    {
        const string common = """
            model: lif-network
            seed: 3
            dt_ms: 0.1
            duration_ms: 200
            connections:
              - {from: E, to: [E, I], rule: fixed_indegree, indegree: 80, weight: 0.1, delay_ms: 1.5}
              - {from: I, to: [E, I], rule: fixed_indegree, indegree: 20, weight: -0.5, delay_ms: 1.5}
            drive:
              - {to: [E, I], type: poisson, inputs: 80, rate_hz: 250, weight: 0.1}
            stimuli:
              - {to: E, onset_ms: 50, duration_ms: 50, amplitude: 0.4}
            """;
        string builtIn = common + """

            neuron: {tau_m_ms: 20, V_th: 20, V_reset: 10, E_L: 0, t_ref_ms: 2, V_init: {uniform: [0, 20]}}
            populations:
              E: {size: 800}
              I: {size: 200}
            """;
        string model = common + $$"""

            neuron: {file: {{RepositoryData.RepoFile("examples/models/lif-delta.yaml")}}, tau_m: 20, V_th: 20, V_reset: 10, E_L: 0, t_ref: 2}
            populations:
              E: {size: 800}
              I: {size: 200}
            """;
        var a = LifNetworkConfig.Parse(builtIn, "builtin.yaml");
        var b = LifNetworkConfig.Parse(model, "model.yaml");
        Assert.That(b.Spec.Synapse, Is.EqualTo(SynapseType.Delta));
        using var simA = LifNetworkSimulation.Single(a.Spec, a.Seed);
        using var simB = LifNetworkSimulation.Single(b.Spec, b.Seed);
        var ra = simA.Run(a.DurationMs)[0];
        var rb = simB.Run(b.DurationMs)[0];
        Assert.That(ra.SpikeNeurons.Length, Is.GreaterThan(1000));
        Assert.That(rb.SpikeNeurons, Is.EqualTo(ra.SpikeNeurons));
        Assert.That(rb.SpikeSteps, Is.EqualTo(ra.SpikeSteps));
    }

    /// <summary>A model that diverges (v' = v^2 from v = 1 reaches infinity near 1 ms) stops the run with an error
    /// naming the variable, the model and the time; no result is returned.</summary>
    [Test]
    public void DivergingModelFailsNamingTheVariable()
    {
        var model = NeuronModel.Compile(NeuronModelFile.Parse("""
            kind: neuron
            name: blowup
            state:
              v: {init: 1}
            equations: |
              d v/dt = v^2
            threshold: v > 1e300
            """, "blowup.yaml"));
        var spec = new LifNetworkSpec(SynapseType.Delta, 0.1, [new Population("P", 3, new NeuronParameters(), Model: new PopulationModel(model))], [], [], []);
        using var sim = LifNetworkSimulation.Single(spec, 1, threads: 1);
        var ex = Assert.Catch(() => sim.Run(50))!;
        Assert.That(ex.Message, Does.Contain("state variable v of neuron model blowup is"));
        Assert.That(ex.Message, Does.Contain("diverged"));
    }

    /// <summary>The AdEx example (two input rings, conductance inputs, four state variables, a refractory period)
    /// at a fifth of its size: the same spikes and adaptation currents on 1 and 3 threads, and network 1 of a
    /// batch equals its single run.</summary>
    [Test]
    public void AdexIsIndependentOfThreadsAndBatch()
    {
        var config = LifNetworkConfig.Load(RepositoryData.RepoFile("examples/lif-network-adex.yaml"));
        var spec = config.Spec with { Populations = config.Spec.Populations.Select(p => p with { Size = p.Size / 5 }).ToList() };
        spec = spec with { Projections = spec.Projections.Select(p => p with { Probability = 0.1 }).ToList() };
        using var one = LifNetworkSimulation.Single(spec, 4, threads: 1);
        using var three = LifNetworkSimulation.Single(spec, 4, threads: 3);
        var a = one.Run(300)[0];
        var b = three.Run(300)[0];
        Assert.That(a.SpikeNeurons.Length, Is.GreaterThan(500), "the network is active");
        Assert.That(b.SpikeNeurons, Is.EqualTo(a.SpikeNeurons));
        Assert.That(b.SpikeSteps, Is.EqualTo(a.SpikeSteps));
        Assert.That(three.ReadModelState(1), Is.EqualTo(one.ReadModelState(1)), "adaptation current w");
        Assert.That(one.ReadModelState(1).Take(640).Average(), Is.GreaterThan(1), "w builds up in E (pA)");
        var other = spec with { Populations = spec.Populations.Select(p => p with { Model = p.Model! with { Parameters = new Dictionary<string, double>(p.Model.Parameters!) { ["I_e"] = 20 } } }).ToList() };
        using var batch = new LifNetworkSimulation([other, spec], 4, [9, 4], threads: 2);
        var r = batch.Run(300);
        Assert.That(r[1].SpikeNeurons, Is.EqualTo(a.SpikeNeurons));
        Assert.That(r[1].SpikeSteps, Is.EqualTo(a.SpikeSteps));
        Assert.That(r[0].SpikeNeurons.Length, Is.Not.EqualTo(a.SpikeNeurons.Length));
    }
}
