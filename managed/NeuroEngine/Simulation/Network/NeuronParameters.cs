namespace NeuroEngine.Simulation.Network;

/// <summary>Parameters of the LIF neurons of one population. Defaults are Brunel (2000) model A.
/// Units: ms, mV, pF, pA, nS.</summary>
public sealed record NeuronParameters
{
    /// <summary>Membrane time constant (ms), &gt; 0.</summary>
    public double TauMMs { get; init; } = 20;
    /// <summary>Threshold (mV).</summary>
    public double VTh { get; init; } = 20;
    /// <summary>Reset potential (mV), below the threshold.</summary>
    public double VReset { get; init; } = 10;
    /// <summary>Resting potential (mV).</summary>
    public double EL { get; init; }
    /// <summary>Refractory period (ms), rounded to whole steps.</summary>
    public double TRefMs { get; init; } = 2;
    /// <summary>Membrane capacitance (pF) for current and conductance synapses (g_L = C_m / tau_m).</summary>
    public double CmPf { get; init; } = 250;
    /// <summary>Excitatory synaptic time constant (ms).</summary>
    public double TauExcMs { get; init; } = 5;
    /// <summary>Inhibitory synaptic time constant (ms).</summary>
    public double TauInhMs { get; init; } = 10;
    /// <summary>Excitatory reversal potential (mV), conductance synapses.</summary>
    public double EExc { get; init; }
    /// <summary>Inhibitory reversal potential (mV), conductance synapses.</summary>
    public double EInh { get; init; } = -80;
    /// <summary>Constant input: mV/ms for delta synapses, pA otherwise.</summary>
    public double IDc { get; init; }
    /// <summary>Initial membrane potential (mV).</summary>
    public InitialValue VInit { get; init; } = new InitialValue.Uniform(0, 20);
    /// <summary>Initial excitatory conductance (nS), conductance synapses.</summary>
    public InitialValue GExcInit { get; init; } = new InitialValue.Constant(0);
    /// <summary>Initial inhibitory conductance (nS), conductance synapses.</summary>
    public InitialValue GInhInit { get; init; } = new InitialValue.Constant(0);
}
