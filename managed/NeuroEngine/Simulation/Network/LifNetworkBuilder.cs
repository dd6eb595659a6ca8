namespace NeuroEngine.Simulation.Network;

/// <summary>Builds a <see cref="LifNetworkSpec"/> in code:
/// <code>
/// var spec = new LifNetworkBuilder(SynapseType.Delta, dtMs: 0.1)
///     .AddPopulation("E", 800).AddPopulation("I", 200)
///     .ConnectFixedIndegree("E", "E", indegree: 80, weight: 0.1, delayMs: 1.5)
///     .AddPoissonDrive("E", inputs: 80, rateHz: 25, weight: 0.1)
///     .Build();
/// </code></summary>
public sealed class LifNetworkBuilder(SynapseType synapse, double dtMs)
{
    private readonly List<Population> _populations = [];
    private readonly List<Projection> _projections = [];
    private readonly List<PoissonDrive> _drives = [];
    private readonly List<Stimulus> _stimuli = [];

    /// <summary>Adds a population (neuron parameters default to Brunel's).</summary>
    public LifNetworkBuilder AddPopulation(string name, int size, NeuronParameters? neuron = null, int recordSpikes = -1)
    {
        _populations.Add(new Population(name, size, neuron ?? new NeuronParameters(), recordSpikes));
        return this;
    }

    /// <summary>Each neuron of <paramref name="to"/> draws exactly <paramref name="indegree"/> sources from <paramref name="from"/>.</summary>
    public LifNetworkBuilder ConnectFixedIndegree(string from, string to, int indegree, double weight, double delayMs,
        bool autapses = true, bool multapses = true)
    {
        _projections.Add(new Projection(from, to, ConnectionRule.FixedIndegree, weight, delayMs, indegree, 0, autapses, multapses));
        return this;
    }

    /// <summary>Each (source, target) pair is connected with probability <paramref name="p"/>.</summary>
    public LifNetworkBuilder ConnectPairwiseBernoulli(string from, string to, double p, double weight, double delayMs,
        bool autapses = true)
    {
        _projections.Add(new Projection(from, to, ConnectionRule.PairwiseBernoulli, weight, delayMs, 0, p, autapses));
        return this;
    }

    /// <summary>Independent Poisson input per neuron of <paramref name="to"/>.</summary>
    public LifNetworkBuilder AddPoissonDrive(string to, double inputs, double rateHz, double weight)
    {
        _drives.Add(new PoissonDrive(to, inputs, rateHz, weight));
        return this;
    }

    /// <summary>Constant input to every neuron of <paramref name="population"/> (mV/ms for delta synapses, pA otherwise).</summary>
    public LifNetworkBuilder SetDc(string population, double amplitude)
    {
        int i = _populations.FindIndex(p => p.Name == population);
        if (i < 0) throw new ArgumentException($"unknown population '{population}'", nameof(population));
        _populations[i] = _populations[i] with { Neuron = _populations[i].Neuron with { IDc = amplitude } };
        return this;
    }

    /// <summary>Adds a time-limited stimulus.</summary>
    public LifNetworkBuilder AddStimulus(Stimulus stimulus)
    {
        _stimuli.Add(stimulus);
        return this;
    }

    /// <summary>The validated spec.</summary>
    public LifNetworkSpec Build()
    {
        var spec = new LifNetworkSpec(synapse, dtMs, _populations.ToArray(), _projections.ToArray(), _drives.ToArray(), _stimuli.ToArray());
        spec.Validate();
        return spec;
    }
}
