namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A train of rectangular pulses: pulse k (k = 0, 1, ...) is <see cref="Amplitude"/> for local times
/// [k x period, k x period + width), zero between pulses; <see cref="Count"/> pulses, or pulses until the window ends.</summary>
public sealed class PulseTrainStimulus : Stimulus
{
    /// <param name="amplitude">Value during a pulse.</param>
    /// <param name="periodMs">Start-to-start time of pulses (ms).</param>
    /// <param name="widthMs">Length of a pulse (ms, &lt;= period).</param>
    /// <param name="onsetMs">Start of the window (ms).</param>
    /// <param name="durationMs">Length of the window (ms; +inf = to the end of the run).</param>
    /// <param name="count">Number of pulses, or null for pulses until the end of the window.</param>
    public PulseTrainStimulus(double amplitude, double periodMs, double widthMs, int? count, double onsetMs, double durationMs)
        : base(onsetMs, durationMs)
    {
        Amplitude = Finite(amplitude, "amplitude");
        PeriodMs = Positive(periodMs, "period_ms");
        WidthMs = Positive(widthMs, "width_ms");
        if (WidthMs > PeriodMs) throw new ArgumentOutOfRangeException(nameof(widthMs), widthMs, $"width_ms must be <= period_ms ({periodMs})");
        if (count is <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be > 0");
        Count = count;
    }

    public double Amplitude { get; }

    /// <summary>Time from one pulse's start to the next's (ms).</summary>
    public double PeriodMs { get; }

    /// <summary>Length of each pulse (ms, &lt;= period).</summary>
    public double WidthMs { get; }

    /// <summary>Number of pulses; null = until the window ends.</summary>
    public int? Count { get; }

    protected override IReadOnlyList<string> ShapeParameterNames => ["amplitude", "period_ms", "width_ms"];
    protected override double[] ShapeParameters() => [Amplitude, PeriodMs, WidthMs];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new PulseTrainStimulus(p[0], p[1], p[2], Count, onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs)
    {
        double k = Math.Floor(tauMs / PeriodMs);
        if (Count is { } n && k >= n) return 0;
        return tauMs - k * PeriodMs < WidthMs ? Amplitude : 0;
    }
}
