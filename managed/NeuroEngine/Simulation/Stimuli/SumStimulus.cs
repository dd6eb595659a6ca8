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

    /// <summary>Component parameters as <c>components[i].NAME</c>.</summary>
    protected override IReadOnlyList<string> ShapeParameterNames =>
        Components.SelectMany((c, i) => c.ParameterNames.Select(n => $"components[{i}].{n}")).ToArray();

    protected override double[] ShapeParameters() =>
        Components.SelectMany(c => c.ParameterNames.Select(c.Get)).ToArray();

    protected override Stimulus Create(double[] p, double onsetMs, double durationMs)
    {
        var parts = new Stimulus[Components.Count];
        int k = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            var c = Components[i];
            parts[i] = c;
            foreach (string n in c.ParameterNames)
            {
                // only rebuild a component whose value changed, so unchanged ones stay bit-identical
                if (p[k].CompareTo(c.Get(n)) != 0) parts[i] = parts[i].With(n, p[k]);
                k++;
            }
        }
        return new SumStimulus(parts, onsetMs, durationMs);
    }

    protected internal override double ShapeAt(double tauMs) => throw new NotSupportedException("a sum is rendered as a whole window");
}
