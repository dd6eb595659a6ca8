namespace NeuroEngine.Plots;

/// <summary>Scatter plots of named point groups (true vs predicted with the identity line, Pareto
/// fronts joined in order, parameter projections). At most 5,000 points per group are drawn
/// (every k-th beyond that).</summary>
public static class ScatterPlot
{
    public const int MaxPoints = 5_000;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> groups, bool identityLine = false,
        bool joinPoints = false, double width = PlotFrame.DefaultWidth, double height = PlotFrame.DefaultHeight)
    {
        foreach (var g in groups)
            if (g.X.Count != g.Y.Count) throw new ArgumentException($"group '{g.Name}' has {g.X.Count} x values and {g.Y.Count} y values", nameof(groups));
        var x = PlotFrame.Range(groups.SelectMany(g => g.X));
        var y = PlotFrame.Range(groups.SelectMany(g => g.Y));
        if (identityLine) x = y = (Math.Min(x.Min, y.Min), Math.Max(x.Max, y.Max));
        bool legend = groups.Count > 1;
        double legendWidth = legend ? PlotFrame.LegendWidth(groups.Select(g => g.Name)) : 0;
        var frame = new PlotFrame(title, xLabel, yLabel, x, y, width, height, legendWidth);
        if (identityLine)
            frame.Svg.Line(frame.X.Map(frame.X.Min), frame.Y.Map(frame.X.Min), frame.X.Map(frame.X.Max), frame.Y.Map(frame.X.Max), "#888888", 1, "4 3");
        for (int k = 0; k < groups.Count; k++)
        {
            var g = groups[k];
            int every = Math.Max(1, (g.X.Count + MaxPoints - 1) / MaxPoints);
            var points = new List<(double, double)>();
            for (int i = 0; i < g.X.Count; i += every)
                if (double.IsFinite(g.X[i]) && double.IsFinite(g.Y[i]))
                    points.Add((frame.ClampX(frame.X.Map(g.X[i])), frame.ClampY(frame.Y.Map(g.Y[i]))));
            if (joinPoints && points.Count > 1) frame.Svg.Polyline(points.OrderBy(p => p.Item1), Palette.Of(k), 1, "series");
            double radius = points.Count > 2000 ? 1.5 : 3;
            foreach (var (px, py) in points) frame.Svg.Circle(px, py, radius, Palette.Of(k), points.Count > 2000 ? 0.5 : 0.85);
        }
        if (legend) frame.Legend(groups.Select((g, k) => (g.Name, Palette.Of(k))).ToList());
        return frame.ToString();
    }
}
