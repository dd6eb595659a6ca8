namespace NeuroEngine.Simulation.Stimuli;

/// <summary>An arbitrary series given at sample times (ms, local: 0 = the onset), resampled to the run's steps by
/// this rule: linear interpolation between the two samples around a step's local time (exact at a sample time);
/// before the first sample the first value and after the last sample the last value are held (still only inside
/// the window). A series of one sample is a constant.</summary>
public sealed class SeriesStimulus : Stimulus
{
    private readonly double[] _times, _values;

    /// <param name="timesMs">Sample times relative to the onset, finite and strictly increasing.</param>
    /// <param name="values">Finite values, one per sample time.</param>
    /// <param name="onsetMs">Start of the window (ms).</param>
    /// <param name="durationMs">Length of the window (ms; +inf = to the end of the run).</param>
    public SeriesStimulus(IReadOnlyList<double> timesMs, IReadOnlyList<double> values, double onsetMs, double durationMs)
        : base(onsetMs, durationMs)
    {
        ArgumentNullException.ThrowIfNull(timesMs);
        ArgumentNullException.ThrowIfNull(values);
        if (timesMs.Count == 0) throw new ArgumentException("a series needs at least one sample", nameof(values));
        if (timesMs.Count != values.Count)
            throw new ArgumentException($"{timesMs.Count} sample times but {values.Count} values", nameof(values));
        _times = timesMs.ToArray();
        _values = values.ToArray();
        for (int i = 0; i < _times.Length; i++)
        {
            if (!double.IsFinite(_times[i])) throw new ArgumentException($"sample time {i} is {_times[i]}, must be finite", nameof(timesMs));
            if (!double.IsFinite(_values[i])) throw new ArgumentException($"value {i} (t = {_times[i]} ms) is {_values[i]}, must be finite", nameof(values));
            if (i > 0 && _times[i] <= _times[i - 1])
                throw new ArgumentException($"sample times must increase: t[{i}] = {_times[i]} after t[{i - 1}] = {_times[i - 1]}", nameof(timesMs));
        }
    }

    /// <summary>Sample times (ms after the onset).</summary>
    public IReadOnlyList<double> TimesMs => _times;

    /// <summary>Sample values.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>A series has no numeric parameters of its own (only its window).</summary>
    protected override IReadOnlyList<string> ShapeParameterNames => [];
    protected override double[] ShapeParameters() => [];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new SeriesStimulus(_times, _values, onsetMs, durationMs);

    protected internal override double ShapeAt(double tauMs)
    {
        if (tauMs <= _times[0]) return _values[0];
        int last = _times.Length - 1;
        if (tauMs >= _times[last]) return _values[last];
        int hi = Array.BinarySearch(_times, tauMs);
        if (hi >= 0) return _values[hi];
        hi = ~hi; // first sample after tau; hi - 1 is the one before
        double w = (tauMs - _times[hi - 1]) / (_times[hi] - _times[hi - 1]);
        return _values[hi - 1] + w * (_values[hi] - _values[hi - 1]);
    }
}
