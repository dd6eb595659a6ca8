using NeuroEngine.Models;

namespace NeuroEngine.Simulation.Network;

/// <summary>A population's own neuron model (a compiled model file) instead of the built-in LIF, with this
/// population's parameter values and initial states. The population's <see cref="NeuronParameters"/> are then
/// unused; its refractory period is the model's.</summary>
/// <param name="Model">The compiled model.</param>
/// <param name="Parameters">Parameter values replacing the model's defaults (by name), or null.</param>
/// <param name="Init">Initial distributions replacing the model's (by state variable), or null.</param>
public sealed record PopulationModel(NeuronModel Model, IReadOnlyDictionary<string, double>? Parameters = null,
    IReadOnlyDictionary<string, InitialValue>? Init = null)
{
    /// <summary>The native parameter slots at time step <paramref name="dtMs"/> (derived ones computed).</summary>
    public double[] Slots(double dtMs, string where) => Model.Parameters(Parameters, dtMs, where);

    /// <summary>The refractory period (ms).</summary>
    public double RefractoryMs(double dtMs) => Model.RefractoryMs(Slots(dtMs, "neuron"));
}
