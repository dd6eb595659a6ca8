namespace NeuroEngine.Inference;

/// <summary>Box bounds of the parameters (the prior's support). Posterior draws outside are
/// rejected and redrawn (see <see cref="InferenceModel.SamplePosterior"/>). Without explicit
/// bounds, the range of the training parameters is used: simulated parameters come from the
/// prior, so their range is the prior's support as far as the data can tell.</summary>
public sealed record PriorBounds(double[] Low, double[] High)
{
    public int Count => Low.Length;

    public void Validate(IReadOnlyList<string> names)
    {
        if (Low.Length != names.Count || High.Length != names.Count)
            throw new ArgumentException($"bounds: {Low.Length} lower and {High.Length} upper bounds for {names.Count} parameters", nameof(Low));
        for (int j = 0; j < Low.Length; j++)
            if (!(Low[j] < High[j]) || double.IsNaN(Low[j]) || double.IsNaN(High[j]))
                throw new ArgumentException($"bounds: parameter '{names[j]}' has bounds [{Low[j]}, {High[j]}]; need low < high", nameof(Low));
    }

    /// <summary>Whether <paramref name="theta"/> lies in the box (bounds included).</summary>
    public bool Contains(ReadOnlySpan<double> theta)
    {
        for (int j = 0; j < Low.Length; j++) if (!(theta[j] >= Low[j] && theta[j] <= High[j])) return false;
        return true;
    }

    /// <summary>The range of each column of <paramref name="theta"/>.</summary>
    public static PriorBounds FromData(double[][] theta)
    {
        int p = theta[0].Length;
        var low = Enumerable.Repeat(double.PositiveInfinity, p).ToArray();
        var high = Enumerable.Repeat(double.NegativeInfinity, p).ToArray();
        foreach (var row in theta) for (int j = 0; j < p; j++) { low[j] = Math.Min(low[j], row[j]); high[j] = Math.Max(high[j], row[j]); }
        for (int j = 0; j < p; j++) if (low[j] == high[j]) { low[j] -= 0.5; high[j] += 0.5; }
        return new PriorBounds(low, high);
    }
}
