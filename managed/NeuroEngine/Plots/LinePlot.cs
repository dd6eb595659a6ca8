namespace NeuroEngine.Plots;

/// <summary>One named series of a line plot.</summary>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>Line plots of several series with a legend. Series longer than twice the plot's width
/// in pixels are drawn by their minimum and maximum per pixel column, which keeps their envelope.</summary>
public static class LinePlot
{
    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        double width = PlotFrame.DefaultWidth, double height = PlotFrame.DefaultHeight, (double Min, double Max)? yRange = null)
    {
        foreach (var s in series)
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values and {s.Y.Count} y values", nameof(series));
        var x = PlotFrame.Range(series.SelectMany(s => s.X));
        var y = yRange ?? PlotFrame.Range(series.SelectMany(s => s.Y));
        bool legend = series.Count > 1;
        double legendWidth = legend ? PlotFrame.LegendWidth(series.Select(s => s.Name)) : 0;
        var frame = new PlotFrame(title, xLabel, yLabel, x, y, width, height, legendWidth);
        for (int k = 0; k < series.Count; k++)
            frame.Svg.Polyline(Points(frame, series[k]), Palette.Of(k), cssClass: "series");
        if (legend) frame.Legend(series.Select((s, k) => (s.Name, Palette.Of(k))).ToList());
        return frame.ToString();
    }

    // pixel points, min/max per pixel column when the series is long; gaps (NaN) skipped
    private static List<(double, double)> Points(PlotFrame f, Series s)
    {
        var points = new List<(double, double)>();
        int columns = (int)(f.PlotRight - f.PlotLeft);
        if (s.X.Count <= 2 * columns)
        {
            for (int i = 0; i < s.X.Count; i++)
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])) points.Add((f.X.Map(s.X[i]), f.ClampY(f.Y.Map(s.Y[i]))));
            return points;
        }
        int column = int.MinValue;
        double lo = 0, hi = 0;
        int loAt = 0, hiAt = 0;
        void Flush(int c)
        {
            if (c == int.MinValue) return;
            var (first, second) = loAt <= hiAt ? (lo, hi) : (hi, lo);
            points.Add((f.PlotLeft + c, f.ClampY(f.Y.Map(first))));
            if (hi != lo) points.Add((f.PlotLeft + c, f.ClampY(f.Y.Map(second))));
        }
        for (int i = 0; i < s.X.Count; i++)
        {
            if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
            int c = (int)Math.Clamp(f.X.Map(s.X[i]) - f.PlotLeft, 0, columns);
            if (c != column) { Flush(column); column = c; lo = hi = s.Y[i]; loAt = hiAt = i; continue; }
            if (s.Y[i] < lo) { lo = s.Y[i]; loAt = i; }
            if (s.Y[i] > hi) { hi = s.Y[i]; hiAt = i; }
        }
        Flush(column);
        return points;
    }
}
