namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A rectangular pulse: <see cref="Amplitude"/> in the window, zero outside. With an infinite duration it is
/// a step switched on at the onset.</summary>
public sealed class PulseStimulus(double amplitude, double onsetMs, double durationMs) : Stimulus(onsetMs, durationMs)
{
    /// <summary>Value inside the window.</summary>
    public double Amplitude { get; } = Finite(amplitude, "amplitude");

    protected internal override double ShapeAt(double tauMs) => Amplitude;
}
