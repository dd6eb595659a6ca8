namespace NeuroEngine.Plots;

/// <summary>The frame every x-y plot shares: title, plot area, axes with ticks, light grid lines and
/// axis labels (with units), an optional legend or colour bar at the right.</summary>
public sealed class PlotFrame
{
    public const double DefaultWidth = 640, DefaultHeight = 360;
    private const double Left = 70, Top = 34, Bottom = 50, RightPad = 18;

    public Svg Svg { get; }
    public AxisScale X { get; }
    public AxisScale Y { get; }
    public double PlotLeft => Left;
    public double PlotTop => Top;
    public double PlotRight { get; }
    public double PlotBottom { get; }

    /// <remarks>rightSpace: room at the right for a legend or colour bar (pixels).</remarks>
    public PlotFrame(string title, string xLabel, string yLabel, (double Min, double Max) x, (double Min, double Max) y,
        double width = DefaultWidth, double height = DefaultHeight, double rightSpace = 0, bool niceX = true, bool niceY = true)
    {
        Svg = new Svg(width, height);
        PlotRight = width - RightPad - rightSpace;
        PlotBottom = height - Bottom;
        X = new AxisScale(x.Min, x.Max, Left, PlotRight, nice: niceX);
        Y = new AxisScale(y.Min, y.Max, PlotBottom, Top, nice: niceY);
        Svg.Text(width / 2, 20, title, "middle", 14, weight: "bold", cssClass: "title");
        foreach (double t in X.Ticks)
        {
            double px = X.Map(t);
            Svg.Line(px, Top, px, PlotBottom, "#e6e6e6");
            Svg.Line(px, PlotBottom, px, PlotBottom + 5, "#333333");
            Svg.Text(px, PlotBottom + 18, AxisScale.Label(t), "middle", 11, cssClass: "xtick");
        }
        foreach (double t in Y.Ticks)
        {
            double py = Y.Map(t);
            Svg.Line(Left, py, PlotRight, py, "#e6e6e6");
            Svg.Line(Left - 5, py, Left, py, "#333333");
            Svg.Text(Left - 8, py + 4, AxisScale.Label(t), "end", 11, cssClass: "ytick");
        }
        Svg.Rect(Left, Top, PlotRight - Left, PlotBottom - Top, "none", stroke: "#333333");
        Svg.Text((Left + PlotRight) / 2, height - 12, xLabel, "middle", 12, cssClass: "xlabel");
        Svg.Text(16, (Top + PlotBottom) / 2, yLabel, "middle", 12, rotate: -90, cssClass: "ylabel");
    }

    /// <summary>Clamps a pixel x into the plot area.</summary>
    public double ClampX(double px) => Math.Clamp(px, Left, PlotRight);
    public double ClampY(double py) => Math.Clamp(py, Top, PlotBottom);

    /// <summary>Room a legend of these names needs at the right (names are drawn up to about 22 characters).</summary>
    public static double LegendWidth(IEnumerable<string> names) => 24 + 7 * names.Max(n => Math.Min(n.Length, 22));

    /// <summary>A legend at the right of the plot area (needs rightSpace).</summary>
    public void Legend(IReadOnlyList<(string Name, string Colour)> entries)
    {
        double x = PlotRight + 12, y = Top + 8;
        foreach (var (name, colour) in entries)
        {
            Svg.Rect(x, y - 8, 14, 10, colour);
            Svg.Text(x + 19, y + 1, name, "start", 11, cssClass: "legend");
            y += 17;
        }
    }

    /// <summary>The range of finite values (or (0, 1) when there is none).</summary>
    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
            if (double.IsFinite(v)) { if (v < min) min = v; if (v > max) max = v; }
        return double.IsFinite(min) ? (min, max) : (0, 1);
    }

    public override string ToString() => Svg.ToString();
}
