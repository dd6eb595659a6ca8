namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A linear ramp from <see cref="From"/> at the onset to <see cref="To"/> at the end of the window
/// (value = from + (to - from) x tau / duration); the window must be finite.</summary>
public sealed class RampStimulus : Stimulus
{
    public RampStimulus(double from, double to, double onsetMs, double durationMs) : base(onsetMs, durationMs)
    {
        if (!double.IsFinite(durationMs)) throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "a ramp needs a finite duration_ms");
        From = Finite(from, "from");
        To = Finite(to, "to");
    }

    /// <summary>Value at the onset.</summary>
    public double From { get; }

    /// <summary>Value the ramp reaches at the end of the window (the last step inside the window is just short of it).</summary>
    public double To { get; }

    protected override IReadOnlyList<string> ShapeParameterNames => ["from", "to"];
    protected override double[] ShapeParameters() => [From, To];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new RampStimulus(p[0], p[1], onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs) => From + (To - From) * (tauMs / DurationMs);
}
