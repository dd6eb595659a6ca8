namespace NeuroEngine.Simulation.Network;

/// <summary>Distribution of an initial state variable, drawn per neuron from the network's seed.</summary>
public abstract record InitialValue
{
    /// <summary>Every neuron starts at <paramref name="Value"/>.</summary>
    public sealed record Constant(double Value) : InitialValue;
    /// <summary>Uniform on [<paramref name="Low"/>, <paramref name="High"/>).</summary>
    public sealed record Uniform(double Low, double High) : InitialValue;
    /// <summary>Normal with <paramref name="Mean"/> and standard deviation <paramref name="Sd"/>.</summary>
    public sealed record Normal(double Mean, double Sd) : InitialValue;

    internal (uint Kind, double A, double B) ToNative() => this switch
    {
        Constant c => (0u, c.Value, 0.0),
        Uniform u => (1u, u.Low, u.High),
        Normal n => (2u, n.Mean, n.Sd),
        _ => throw new InvalidOperationException("unknown initial value"),
    };

    internal void Validate(string name)
    {
        switch (this)
        {
            case Constant c when !double.IsFinite(c.Value):
                throw new ArgumentException($"{name} must be finite, got {c.Value}", name);
            case Uniform u when !double.IsFinite(u.Low) || !double.IsFinite(u.High) || u.Low > u.High:
                throw new ArgumentException($"{name} uniform bounds must be finite with low <= high, got [{u.Low}, {u.High})", name);
            case Normal n when !double.IsFinite(n.Mean) || !double.IsFinite(n.Sd) || n.Sd < 0:
                throw new ArgumentException($"{name} normal needs a finite mean and sd >= 0, got ({n.Mean}, {n.Sd})", name);
        }
    }
}
