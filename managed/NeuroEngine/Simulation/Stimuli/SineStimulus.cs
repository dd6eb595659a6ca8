namespace NeuroEngine.Simulation.Stimuli;

/// <summary>amplitude x sin(2 pi f tau / 1000 + phase) + offset, f in Hz, local time tau in ms (the phase is the
/// one at the onset).</summary>
public sealed class SineStimulus(double amplitude, double frequencyHz, double phase, double offset, double onsetMs, double durationMs)
    : Stimulus(onsetMs, durationMs)
{
    public double Amplitude { get; } = Finite(amplitude, "amplitude");

    /// <summary>Frequency (Hz, &gt;= 0; 0 gives the constant amplitude x sin(phase) + offset).</summary>
    public double FrequencyHz { get; } = double.IsFinite(frequencyHz) && frequencyHz >= 0 ? frequencyHz
        : throw new ArgumentOutOfRangeException(nameof(frequencyHz), frequencyHz, "frequency_hz must be finite and >= 0");

    /// <summary>Phase at the onset (radians).</summary>
    public double Phase { get; } = Finite(phase, "phase");

    /// <summary>Constant added inside the window.</summary>
    public double Offset { get; } = Finite(offset, "offset");

    protected override IReadOnlyList<string> ShapeParameterNames => ["amplitude", "frequency_hz", "phase", "offset"];
    protected override double[] ShapeParameters() => [Amplitude, FrequencyHz, Phase, Offset];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new SineStimulus(p[0], p[1], p[2], p[3], onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs) => Amplitude * Math.Sin(2 * Math.PI * FrequencyHz * tauMs / 1000.0 + Phase) + Offset;
}
