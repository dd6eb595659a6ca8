namespace NeuroEngine.Simulation.Network;

/// <summary>How a projection draws its synapses.</summary>
public enum ConnectionRule
{
    /// <summary>Every target neuron draws exactly <see cref="Projection.Indegree"/> sources.</summary>
    FixedIndegree,
    /// <summary>Every (source, target) pair is connected with <see cref="Projection.Probability"/>.</summary>
    PairwiseBernoulli,
}
