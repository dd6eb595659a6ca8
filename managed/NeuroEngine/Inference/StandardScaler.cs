namespace NeuroEngine.Inference;

/// <summary>z-scoring per column, as sklearn's StandardScaler: mean and population standard
/// deviation (ddof 0) of the training rows only; a constant column gets scale 1 (left centred,
/// not divided by zero).</summary>
public sealed class StandardScaler
{
    public double[] Mean { get; }
    public double[] Scale { get; }
    public int Width => Mean.Length;

    public StandardScaler(double[] mean, double[] scale)
    {
        if (mean.Length != scale.Length) throw new ArgumentException($"scaler: {mean.Length} means but {scale.Length} scales", nameof(scale));
        for (int j = 0; j < scale.Length; j++)
            if (!(scale[j] > 0) || !double.IsFinite(scale[j]) || !double.IsFinite(mean[j]))
                throw new ArgumentException($"scaler: column {j} has mean {mean[j]} and scale {scale[j]}; need finite values and a positive scale", nameof(scale));
        Mean = mean; Scale = scale;
    }

    /// <summary>Fits on <paramref name="rows"/> (two-pass mean and variance for accuracy).</summary>
    public static StandardScaler Fit(double[][] rows)
    {
        int d = TrainingData.CheckRectangular(rows, nameof(rows));
        var mean = new double[d];
        var scale = new double[d];
        foreach (var r in rows) for (int j = 0; j < d; j++) mean[j] += r[j];
        for (int j = 0; j < d; j++) mean[j] /= rows.Length;
        foreach (var r in rows) for (int j = 0; j < d; j++) { double e = r[j] - mean[j]; scale[j] += e * e; }
        for (int j = 0; j < d; j++)
        {
            double sd = Math.Sqrt(scale[j] / rows.Length);
            scale[j] = sd > 1e-300 * Math.Max(1, Math.Abs(mean[j])) && double.IsFinite(sd) ? sd : 1.0;
        }
        return new StandardScaler(mean, scale);
    }

    /// <summary>(x - mean) / scale, new rows.</summary>
    public double[][] Transform(double[][] rows) => rows.Select(Transform).ToArray();

    /// <summary>(x - mean) / scale of one row.</summary>
    public double[] Transform(double[] row)
    {
        if (row.Length != Width) throw new ArgumentException($"scaler: row has {row.Length} columns, fitted on {Width}", nameof(row));
        var z = new double[Width];
        for (int j = 0; j < Width; j++) z[j] = (row[j] - Mean[j]) / Scale[j];
        return z;
    }

    /// <summary>z * scale + mean, in place.</summary>
    public void InverseInPlace(Span<double> z)
    {
        for (int j = 0; j < Width; j++) z[j] = z[j] * Scale[j] + Mean[j];
    }
}
