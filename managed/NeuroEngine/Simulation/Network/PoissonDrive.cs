namespace NeuroEngine.Simulation.Network;

/// <summary>Independent Poisson input to every neuron of <paramref name="To"/>: <paramref name="Inputs"/>
/// sources at <paramref name="RateHz"/> each (drawn as one Poisson count per neuron per step from
/// the network's Philox stream), each event acting like a synapse of <paramref name="Weight"/>.</summary>
public sealed record PoissonDrive(string To, double Inputs, double RateHz, double Weight)
{
    /// <summary>Total event rate per neuron (Hz).</summary>
    public double TotalRateHz => Inputs * RateHz;
}
