namespace NeuroEngine.Simulation.Stimuli;

/// <summary>amplitude x exp(-tau / tau_ms) + offset from the onset: e.g. a synaptic-like kick.</summary>
public sealed class ExponentialDecayStimulus(double amplitude, double tauMs, double offset, double onsetMs, double durationMs)
    : Stimulus(onsetMs, durationMs)
{
    public double Amplitude { get; } = Finite(amplitude, "amplitude");

    /// <summary>Decay time constant (ms, &gt; 0).</summary>
    public double TauMs { get; } = Positive(tauMs, "tau_ms");

    /// <summary>Constant added inside the window.</summary>
    public double Offset { get; } = Finite(offset, "offset");

    protected override IReadOnlyList<string> ShapeParameterNames => ["amplitude", "tau_ms", "offset"];
    protected override double[] ShapeParameters() => [Amplitude, TauMs, Offset];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new ExponentialDecayStimulus(p[0], p[1], p[2], onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs) => Amplitude * Math.Exp(-tauMs / TauMs) + Offset;
}
