namespace NeuroEngine.Simulation.Network;

/// <summary>What a network run records besides per-step population spike counts and per-neuron
/// spike totals (always kept). Which neurons' spikes are kept is set per population
/// (<see cref="Population.RecordSpikes"/>).</summary>
public sealed record NetworkRecording
{
    /// <summary>Keep individual spikes (neuron, time).</summary>
    public bool Spikes { get; init; } = true;
    /// <summary>Sample population sums of V, currents and conductances every this many ms (rounded to
    /// whole steps, at the end of the step); 0 = do not sample.</summary>
    public double SampleMs { get; init; }
}
