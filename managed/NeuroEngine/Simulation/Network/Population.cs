namespace NeuroEngine.Simulation.Network;

/// <summary>A group of identical neurons. Neuron ids are global, populations contiguous in the
/// order they are listed.</summary>
/// <param name="Name">Unique name (used in configs and output columns).</param>
/// <param name="Size">Number of neurons, &gt;= 1.</param>
/// <param name="Neuron">Neuron parameters.</param>
/// <param name="RecordSpikes">Spikes of the first n neurons are recorded: -1 all, 0 none.</param>
/// <param name="Model">A user neuron model run instead of the built-in LIF (then <paramref name="Neuron"/> is unused), or null.</param>
public sealed record Population(string Name, int Size, NeuronParameters Neuron, int RecordSpikes = -1, PopulationModel? Model = null)
{
    /// <summary>The refractory period (ms): the model's, or the LIF's.</summary>
    public double RefractoryMs(double dtMs) => Model is null ? Neuron.TRefMs : Model.RefractoryMs(dtMs);
}
