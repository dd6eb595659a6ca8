namespace NeuroEngine.Simulation.Network;

/// <summary>Population quantities sampled during a run (sums over the population's neurons; the
/// result gives means and sums). Values in mV, pA and nS.</summary>
public enum NetworkObservable
{
    /// <summary>Membrane potential (mV).</summary>
    V = 0,
    /// <summary>Excitatory (AMPA) synaptic current (pA): the current state of exp_current synapses,
    /// g_exc (E_exc - V) for conductances, 0 for delta synapses.</summary>
    ExcitatoryCurrent = 1,
    /// <summary>Inhibitory (GABA) synaptic current (pA), negative.</summary>
    InhibitoryCurrent = 2,
    /// <summary>Excitatory conductance (nS), conductance synapses only.</summary>
    ExcitatoryConductance = 3,
    /// <summary>Inhibitory conductance (nS), conductance synapses only.</summary>
    InhibitoryConductance = 4,
}
