namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A time-varying external input: a shape switched on in a time window [<see cref="OnsetMs"/>,
/// <see cref="OnsetMs"/> + <see cref="DurationMs"/>) and zero outside it. The shape sees local time
/// tau = t - onset, so a shape's phase and decay start at the onset. A window edge within 1e-9 dt of a step's time
/// counts as on that step (so an onset of 0.3 ms with dt 0.1 ms starts at step 3 whatever the rounding of 3 x 0.1).</summary>
public abstract class Stimulus
{
    /// <param name="onsetMs">Start of the window (ms, &gt;= 0).</param>
    /// <param name="durationMs">Length of the window (ms, &gt; 0; +inf = to the end of the run).</param>
    protected Stimulus(double onsetMs, double durationMs)
    {
        if (!double.IsFinite(onsetMs) || onsetMs < 0) throw new ArgumentOutOfRangeException(nameof(onsetMs), onsetMs, "onset_ms must be finite and >= 0");
        if (double.IsNaN(durationMs) || durationMs <= 0) throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "duration_ms must be > 0 (or infinite)");
        OnsetMs = onsetMs;
        DurationMs = durationMs;
    }

    /// <summary>Start of the window (ms).</summary>
    public double OnsetMs { get; }

    /// <summary>Length of the window (ms); +inf when it lasts to the end of the run.</summary>
    public double DurationMs { get; }

    /// <summary>The input at the start of each step, t = n x <paramref name="dtMs"/>, n = 0 .. steps-1 (zero outside the window).</summary>
    /// <param name="dtMs">Time step (ms, &gt; 0).</param>
    /// <param name="steps">Number of steps.</param>
    /// <param name="channel">Which independent realisation a random shape draws (the region index when one stimulus
    /// targets several regions); deterministic shapes ignore it.</param>
    public double[] Render(double dtMs, int steps, int channel = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        if (!double.IsFinite(dtMs) || dtMs <= 0) throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "dt must be finite and > 0");
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var values = new double[steps];
        // window edges that fall on a step count as on it even when n x dt rounds just below them
        double slack = 1e-9 * dtMs;
        int first = 0;
        while (first < steps && first * dtMs < OnsetMs - slack) first++;
        int end = first;
        while (end < steps && end * dtMs - OnsetMs < DurationMs - slack) end++;
        if (end > first) RenderWindow(dtMs, first, channel, values.AsSpan(first, end - first));
        return values;
    }

    /// <summary>Writes the shape at steps <paramref name="firstStep"/> .. + destination.Length, all inside the window.
    /// The default evaluates <see cref="ShapeAt"/> at each step's local time; stateful shapes (noise) override it.</summary>
    protected internal virtual void RenderWindow(double dtMs, int firstStep, int channel, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = ShapeAt(Math.Max(0, (firstStep + i) * dtMs - OnsetMs));
    }

    /// <summary>The shape's value at local time <paramref name="tauMs"/> = t - onset (&gt;= 0, inside the window).</summary>
    protected internal abstract double ShapeAt(double tauMs);

    /// <summary>The numeric parameters a batch may vary (config key names): the shape's, then onset_ms and duration_ms.</summary>
    public IReadOnlyList<string> ParameterNames => [.. ShapeParameterNames, "onset_ms", "duration_ms"];

    /// <summary>The value of parameter <paramref name="name"/> (one of <see cref="ParameterNames"/>).</summary>
    public double Get(string name) => name switch
    {
        "onset_ms" => OnsetMs,
        "duration_ms" => DurationMs,
        _ => ShapeParameters()[IndexOf(name)],
    };

    /// <summary>A copy with parameter <paramref name="name"/> set to <paramref name="value"/> (e.g. one member of a
    /// batch sweeping a stimulus' amplitude or frequency); the value is checked as the constructor checks it.</summary>
    public Stimulus With(string name, double value)
    {
        double onset = OnsetMs, duration = DurationMs;
        double[] shape = ShapeParameters();
        if (name == "onset_ms") onset = value;
        else if (name == "duration_ms") duration = value;
        else shape[IndexOf(name)] = value;
        return Create(shape, onset, duration);
    }

    /// <summary>Names of the shape's own numeric parameters.</summary>
    protected abstract IReadOnlyList<string> ShapeParameterNames { get; }

    /// <summary>The shape's own parameter values, in <see cref="ShapeParameterNames"/> order (a fresh array).</summary>
    protected abstract double[] ShapeParameters();

    /// <summary>A new stimulus of this shape from parameter values in <see cref="ShapeParameterNames"/> order and a window.</summary>
    protected abstract Stimulus Create(double[] shape, double onsetMs, double durationMs);

    private int IndexOf(string name)
    {
        int i = ShapeParameterNames.ToList().IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"a {GetType().Name} has no parameter '{name}' (allowed: {string.Join(", ", ParameterNames)})", nameof(name));
    }

    /// <summary>Throws unless <paramref name="value"/> is finite (constructor arguments).</summary>
    protected static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite");

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    protected static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0");
}
