namespace NeuroEngine.Simulation.Network;

/// <summary>A group of identical neurons. Neuron ids are global, populations contiguous in the
/// order they are listed.</summary>
/// <param name="Name">Unique name (used in configs and output columns).</param>
/// <param name="Size">Number of neurons, &gt;= 1.</param>
/// <param name="Neuron">Neuron parameters.</param>
/// <param name="RecordSpikes">Spikes of the first n neurons are recorded: -1 all, 0 none.</param>
public sealed record Population(string Name, int Size, NeuronParameters Neuron, int RecordSpikes = -1);
