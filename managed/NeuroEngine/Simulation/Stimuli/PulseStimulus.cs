namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A rectangular pulse: <see cref="Amplitude"/> in the window, zero outside. With an infinite duration it is
/// a step switched on at the onset.</summary>
public sealed class PulseStimulus(double amplitude, double onsetMs, double durationMs) : Stimulus(onsetMs, durationMs)
{
    /// <summary>Value inside the window.</summary>
    public double Amplitude { get; } = Finite(amplitude, "amplitude");

    protected override IReadOnlyList<string> ShapeParameterNames => ["amplitude"];
    protected override double[] ShapeParameters() => [Amplitude];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new PulseStimulus(p[0], onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs) => Amplitude;
}
