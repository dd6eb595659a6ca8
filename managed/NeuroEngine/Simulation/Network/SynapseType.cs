namespace NeuroEngine.Simulation.Network;

/// <summary>How a presynaptic spike acts on its targets (docs/lif-network.md).</summary>
public enum SynapseType
{
    /// <summary>V jumps by the weight (mV) when the spike arrives (NEST iaf_psc_delta, Brunel 2000).</summary>
    Delta,
    /// <summary>Exponentially decaying excitatory (AMPA) and inhibitory (GABA) currents that jump by the
    /// weight (pA); leak and currents integrated exactly (NEST iaf_psc_exp, the ncpi network).</summary>
    ExpCurrent,
    /// <summary>Exponentially decaying conductances that jump by |weight| (nS), Euler on V
    /// (the COBA benchmark of Vogels and Abbott 2005, as Brian2's example integrates it).</summary>
    ExpConductance,
}
