namespace NeuroEngine.Simulation.Network;

/// <summary>The reference networks of docs/lif-network.md (Brunel 2000; COBA, Vogels and Abbott 2005), as specs.</summary>
public static class StandardNetworks
{
    /// <summary>Brunel (2000) model A: N_E = 0.8 N, N_I = 0.2 N, fixed in-degree C_E = 0.1 N_E and
    /// C_I = 0.1 N_I (autapses and multapses allowed, as NEST), delta synapses J and -g J, delay D,
    /// tau_m 20 ms, theta 20 mV, V_reset 10 mV, t_ref 2 ms, V(0) uniform in [0, theta); each neuron gets
    /// C_E Poisson inputs at eta * nu_thr with nu_thr = theta / (J C_E tau_m). g = 5, eta = 2 is the
    /// asynchronous irregular state (about 43 Hz at N = 10,000).</summary>
    public static LifNetworkSpec Brunel(int neurons = 10_000, double g = 5, double eta = 2, double jMv = 0.1,
        double delayMs = 1.5, double dtMs = 0.1)
    {
        if (neurons < 5) throw new ArgumentException($"neurons must be >= 5, got {neurons}", nameof(neurons));
        int nE = (int)Math.Round(0.8 * neurons), nI = neurons - nE;
        int cE = Math.Max(1, (int)Math.Round(0.1 * nE)), cI = Math.Max(1, (int)Math.Round(0.1 * nI));
        var neuron = new NeuronParameters();
        double nuThrHz = neuron.VTh / (jMv * cE * neuron.TauMMs) * 1000.0;
        return new LifNetworkSpec(SynapseType.Delta, dtMs,
            [new Population("E", nE, neuron), new Population("I", nI, neuron)],
            [
                new Projection("E", "E", ConnectionRule.FixedIndegree, jMv, delayMs, cE),
                new Projection("E", "I", ConnectionRule.FixedIndegree, jMv, delayMs, cE),
                new Projection("I", "E", ConnectionRule.FixedIndegree, -g * jMv, delayMs, cI),
                new Projection("I", "I", ConnectionRule.FixedIndegree, -g * jMv, delayMs, cI),
            ],
            [new PoissonDrive("E", cE, eta * nuThrHz, jMv), new PoissonDrive("I", cE, eta * nuThrHz, jMv)],
            []);
    }

    /// <summary>The COBA benchmark (Vogels and Abbott 2005; Brette et al. 2007, benchmark 1): 80% E /
    /// 20% I, pairwise connection probability 0.02, conductance jumps 6 nS (E) and 67 nS (I), tau 5 / 10 ms,
    /// reversal 0 / -80 mV, C_m 200 pF, g_L 10 nS, E_L -60 mV, threshold -50 mV, reset -60 mV, t_ref 5 ms,
    /// delay one step; initial V, g_exc, g_inh random as in Brian2's example.</summary>
    public static LifNetworkSpec Coba(int neurons = 4000, double dtMs = 0.1)
    {
        if (neurons < 5) throw new ArgumentException($"neurons must be >= 5, got {neurons}", nameof(neurons));
        int nE = (int)Math.Round(0.8 * neurons), nI = neurons - nE;
        var neuron = new NeuronParameters
        {
            TauMMs = 20, CmPf = 200, EL = -60, VTh = -50, VReset = -60, TRefMs = 5,
            TauExcMs = 5, TauInhMs = 10, EExc = 0, EInh = -80,
            VInit = new InitialValue.Normal(-65, 5),
            GExcInit = new InitialValue.Normal(40, 15),   // (1.5 randn + 4) g_L
            GInhInit = new InitialValue.Normal(200, 120), // (12 randn + 20) g_L
        };
        return new LifNetworkSpec(SynapseType.ExpConductance, dtMs,
            [new Population("E", nE, neuron), new Population("I", nI, neuron)],
            [
                new Projection("E", "E", ConnectionRule.PairwiseBernoulli, 6, dtMs, Probability: 0.02),
                new Projection("E", "I", ConnectionRule.PairwiseBernoulli, 6, dtMs, Probability: 0.02),
                new Projection("I", "E", ConnectionRule.PairwiseBernoulli, -67, dtMs, Probability: 0.02),
                new Projection("I", "I", ConnectionRule.PairwiseBernoulli, -67, dtMs, Probability: 0.02),
            ],
            [], []);
    }
}
