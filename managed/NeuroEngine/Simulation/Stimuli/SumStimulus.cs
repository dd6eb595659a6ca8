namespace NeuroEngine.Simulation.Stimuli;

/// <summary>The sum of several stimuli, each with its own window (times are absolute, as for any stimulus), gated by
/// the sum's own window (by default the whole run).</summary>
public sealed class SumStimulus : Stimulus
{
    public SumStimulus(IReadOnlyList<Stimulus> components, double onsetMs = 0, double durationMs = double.PositiveInfinity)
        : base(onsetMs, durationMs)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Count == 0) throw new ArgumentException("a sum needs at least one component", nameof(components));
        if (components.Any(c => c is null)) throw new ArgumentException("a component is null", nameof(components));
        Components = components.ToArray();
    }

    /// <summary>The summed stimuli.</summary>
    public IReadOnlyList<Stimulus> Components { get; }

    protected internal override void RenderWindow(double dtMs, int firstStep, int channel, Span<double> destination)
    {
        int end = firstStep + destination.Length;
        foreach (var c in Components)
        {
            // each component renders from t = 0 so its own window and its noise's start are the same as alone
            double[] part = c.Render(dtMs, end, channel);
            for (int i = 0; i < destination.Length; i++) destination[i] += part[firstStep + i];
        }
    }

    protected internal override double ShapeAt(double tauMs) => throw new NotSupportedException("a sum is rendered as a whole window");
}
