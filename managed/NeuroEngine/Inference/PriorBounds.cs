namespace NeuroEngine.Inference;

/// <summary>Box bounds of the parameters (the prior's support), each handled the way the prior
/// makes it: a truncated parameter (default) has no mass outside, so posterior draws outside are
/// rejected and redrawn; a clipped parameter (<see cref="Clip"/>, e.g. the LIF prior's tau_m and
/// g_L, log-normals clipped to [5, 20] and [5, 15]) has point masses at its bounds, so draws outside
/// are clamped onto them (see <see cref="InferenceModel.SamplePosterior"/>). Without explicit
/// bounds, the range of the training parameters is used, truncated: simulated parameters come from
/// the prior, so their range is the prior's support as far as the data can tell.</summary>
/// <remarks>A prior whose support is not a box (the LIF prior draws V_reset below V_init - 0.5 and
/// V_init below E_L - 0.5) adds linear <see cref="Constraints"/>: draws that break one are rejected
/// like draws outside a truncated bound.</remarks>
public sealed record PriorBounds(double[] Low, double[] High, bool[]? Clip = null, IReadOnlyList<LinearConstraint>? Constraints = null)
{
    public int Count => Low.Length;

    public void Validate(IReadOnlyList<string> names)
    {
        if (Low.Length != names.Count || High.Length != names.Count || (Clip is not null && Clip.Length != names.Count))
            throw new ArgumentException($"bounds: {Low.Length} lower and {High.Length} upper bounds for {names.Count} parameters", nameof(Low));
        for (int j = 0; j < Low.Length; j++)
            if (!(Low[j] < High[j]) || double.IsNaN(Low[j]) || double.IsNaN(High[j]))
                throw new ArgumentException($"bounds: parameter '{names[j]}' has bounds [{Low[j]}, {High[j]}]; need low < high", nameof(Low));
        foreach (var c in Constraints ?? [])
            if (c.Coefficients.Length != names.Count || c.Coefficients.All(v => v == 0) || !double.IsFinite(c.Max) || c.Coefficients.Any(v => !double.IsFinite(v)))
                throw new ArgumentException($"constraints: {c.Describe(names)} needs {names.Count} finite coefficients, not all zero, and a finite max", nameof(Constraints));
    }

    /// <summary>Whether parameter <paramref name="j"/> is clipped (clamped) rather than truncated (rejected).</summary>
    public bool IsClipped(int j) => Clip is not null && Clip[j];

    /// <summary>Whether <paramref name="theta"/> lies in the box (bounds included).</summary>
    public bool Contains(ReadOnlySpan<double> theta)
    {
        for (int j = 0; j < Low.Length; j++) if (!(theta[j] >= Low[j] && theta[j] <= High[j])) return false;
        return true;
    }

    /// <summary>Clamps the clipped parameters onto their bounds; then whether the truncated ones are
    /// inside and every constraint holds.</summary>
    public bool Admit(Span<double> theta)
    {
        for (int j = 0; j < Low.Length; j++)
        {
            if (IsClipped(j)) theta[j] = Math.Clamp(theta[j], Low[j], High[j]);
            else if (!(theta[j] >= Low[j] && theta[j] <= High[j])) return false;
        }
        foreach (var c in Constraints ?? []) if (!c.Holds(theta)) return false;
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

/// <summary>sum_j Coefficients[j] theta_j &lt;= Max: a linear part of a prior's support.</summary>
public sealed record LinearConstraint(double[] Coefficients, double Max)
{
    public bool Holds(ReadOnlySpan<double> theta)
    {
        double s = 0;
        for (int j = 0; j < Coefficients.Length; j++) s += Coefficients[j] * theta[j];
        return s <= Max;
    }

    /// <summary>Readable form, e.g. "1 V_reset - 1 V_init &lt;= -0.5".</summary>
    public string Describe(IReadOnlyList<string> names) =>
        string.Join(" + ", Coefficients.Select((c, j) => (c, j)).Where(t => t.c != 0 && t.j < names.Count)
            .Select(t => $"{t.c.ToString(System.Globalization.CultureInfo.InvariantCulture)} {names[t.j]}")) +
        $" <= {Max.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
