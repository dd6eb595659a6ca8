namespace NeuroEngine.Inference;

/// <summary>(features, parameters) pairs, validated: the same number of rows, rectangular,
/// finite parameters. Rows whose features are not all finite (a feature that failed, e.g. catch22
/// on a constant series) are dropped, and <see cref="DroppedRows"/> says how many: a model cannot
/// learn from a NaN, and imputing would invent data.</summary>
public sealed class TrainingData
{
    public string[] FeatureNames { get; }
    public string[] ParameterNames { get; }
    /// <summary>Kept rows, [row][feature].</summary>
    public double[][] Features { get; }
    /// <summary>Kept rows, [row][parameter].</summary>
    public double[][] Parameters { get; }
    /// <summary>Indices (into the input) of the rows kept.</summary>
    public int[] KeptRows { get; }
    public int DroppedRows { get; }
    public int Count => Features.Length;

    private TrainingData(string[] featureNames, string[] parameterNames, double[][] x, double[][] y, int[] kept, int dropped)
    {
        FeatureNames = featureNames; ParameterNames = parameterNames; Features = x; Parameters = y; KeptRows = kept; DroppedRows = dropped;
    }

    /// <summary>Validates and keeps the rows with finite features.</summary>
    /// <exception cref="ArgumentException">Empty data, mismatched rows, ragged rows, or a non-finite parameter (named by row and column).</exception>
    public static TrainingData Create(double[][] features, double[][] parameters, IReadOnlyList<string>? featureNames = null,
        IReadOnlyList<string>? parameterNames = null)
    {
        ArgumentNullException.ThrowIfNull(features); ArgumentNullException.ThrowIfNull(parameters);
        if (features.Length == 0) throw new ArgumentException("features: no rows", nameof(features));
        if (parameters.Length != features.Length)
            throw new ArgumentException($"parameters: {parameters.Length} rows but features have {features.Length}; rows must correspond", nameof(parameters));
        int d = CheckRectangular(features, nameof(features));
        int p = CheckRectangular(parameters, nameof(parameters));
        string[] fNames = Names(featureNames, d, "feature", nameof(featureNames));
        string[] pNames = Names(parameterNames, p, "parameter", nameof(parameterNames));
        var kept = new List<int>(features.Length);
        for (int i = 0; i < features.Length; i++)
        {
            for (int j = 0; j < p; j++)
                if (!double.IsFinite(parameters[i][j]))
                    throw new ArgumentException($"parameters: row {i}, column '{pNames[j]}' is {parameters[i][j]}; parameters must be finite", nameof(parameters));
            if (IsFinite(features[i])) kept.Add(i);
        }
        if (kept.Count == 0) throw new ArgumentException($"features: all {features.Length} rows contain NaN or infinite values", nameof(features));
        var x = kept.Select(i => features[i]).ToArray();
        var y = kept.Select(i => parameters[i]).ToArray();
        return new TrainingData(fNames, pNames, x, y, kept.ToArray(), features.Length - kept.Count);
    }

    /// <summary>The rows at <paramref name="rows"/> (indices into this data).</summary>
    public (double[][] Features, double[][] Parameters) Take(IReadOnlyList<int> rows) =>
        (rows.Select(i => Features[i]).ToArray(), rows.Select(i => Parameters[i]).ToArray());

    /// <summary>Whether every value is finite.</summary>
    public static bool IsFinite(ReadOnlySpan<double> row)
    {
        foreach (double v in row) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>Checks equal row lengths (at least one column) and returns the width.</summary>
    public static int CheckRectangular(double[][] rows, string name)
    {
        if (rows.Length == 0) throw new ArgumentException($"{name}: no rows", name);
        int width = rows[0]?.Length ?? 0;
        if (width == 0) throw new ArgumentException($"{name}: no columns", name);
        for (int i = 0; i < rows.Length; i++)
            if (rows[i] is null || rows[i].Length != width)
                throw new ArgumentException($"{name}: row {i} has {rows[i]?.Length ?? 0} columns, expected {width}", name);
        return width;
    }

    private static string[] Names(IReadOnlyList<string>? names, int count, string prefix, string parameter)
    {
        if (names is null) return Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();
        if (names.Count != count) throw new ArgumentException($"{parameter}: {names.Count} names for {count} columns", parameter);
        return names.ToArray();
    }
}
