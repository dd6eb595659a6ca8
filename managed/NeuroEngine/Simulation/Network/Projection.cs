namespace NeuroEngine.Simulation.Network;

/// <summary>Synapses from population <paramref name="From"/> to <paramref name="To"/> (one projection per pair).</summary>
/// <param name="From">Source population.</param>
/// <param name="To">Target population.</param>
/// <param name="Rule">Connection rule.</param>
/// <param name="Weight">mV (delta), pA (current) or nS (conductance); the sign picks the receptor
/// (negative = inhibitory; for conductances the magnitude is the increment).</param>
/// <param name="DelayMs">Transmission delay, &gt;= dt; rounded to the nearest whole number of steps.</param>
/// <param name="Indegree">Sources per target neuron (fixed in-degree).</param>
/// <param name="Probability">Connection probability per pair (pairwise Bernoulli).</param>
/// <param name="Autapses">Whether a neuron may connect to itself (From == To).</param>
/// <param name="Multapses">Whether a pair may be connected more than once (fixed in-degree).</param>
/// <param name="DelayMaxMs">When above <paramref name="DelayMs"/>, every synapse draws its own delay
/// uniformly from [DelayMs, DelayMaxMs] (rounded to steps; stored as 2 more bytes per synapse);
/// otherwise all synapses share DelayMs.</param>
public sealed record Projection(string From, string To, ConnectionRule Rule, double Weight, double DelayMs,
    int Indegree = 0, double Probability = 0, bool Autapses = true, bool Multapses = true, double DelayMaxMs = 0)
{
    /// <summary>Whether the synapses have their own delays.</summary>
    public bool SpreadDelays => DelayMaxMs > DelayMs;
}
