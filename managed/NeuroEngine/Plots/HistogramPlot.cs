namespace NeuroEngine.Plots;

/// <summary>Histograms with an optional shaded band of expected counts (e.g. the 99% band of a
/// uniform histogram of SBC ranks).</summary>
public static class HistogramPlot
{
    /// <remarks>
    /// bins: Number of equal-width bins over [min, max] of the values (or <paramref name="range"/>).<br/>
    /// band: Counts per bin expected under a reference, drawn as a grey band (lo, hi).<br/>
    /// </remarks>
    public static string Render(string title, string xLabel, IReadOnlyList<double> values, int bins, (double Min, double Max)? range = null,
        (double Lo, double Hi)? band = null, double width = PlotFrame.DefaultWidth, double height = PlotFrame.DefaultHeight)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "need at least one bin");
        var (min, max) = range ?? PlotFrame.Range(values);
        if (max <= min) max = min + 1;
        var counts = new double[bins];
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v < min || v > max) continue;
            counts[Math.Min(bins - 1, (int)((v - min) / (max - min) * bins))]++;
        }
        double top = Math.Max(counts.DefaultIfEmpty(0).Max(), band?.Hi ?? 0);
        var frame = new PlotFrame(title, xLabel, "count", (min, max), (0, Math.Max(1, top * 1.05)), width, height, niceX: false);
        if (band is { } b)
            frame.Svg.Rect(frame.PlotLeft, frame.Y.Map(b.Hi), frame.PlotRight - frame.PlotLeft, frame.Y.Map(b.Lo) - frame.Y.Map(b.Hi), "#999999", 0.25);
        double w = (max - min) / bins;
        for (int i = 0; i < bins; i++)
        {
            double x0 = frame.X.Map(min + i * w), x1 = frame.X.Map(min + (i + 1) * w);
            frame.Svg.Rect(x0 + 0.5, frame.Y.Map(counts[i]), Math.Max(0.5, x1 - x0 - 1), frame.Y.Map(0) - frame.Y.Map(counts[i]), Palette.Of(0), 0.85);
        }
        return frame.ToString();
    }
}
