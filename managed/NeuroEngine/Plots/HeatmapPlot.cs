namespace NeuroEngine.Plots;

/// <summary>Heatmaps of a matrix (FC matrices, parameter-space maps) with a colour bar. Matrices
/// larger than 200 x 200 cells are averaged in blocks; NaN cells are grey.</summary>
public static class HeatmapPlot
{
    public const int MaxCells = 200;

    /// <remarks>
    /// matrix: [row, column]; row 0 is drawn at the top unless <paramref name="rowsUp"/>.<br/>
    /// range: Colour range; default the finite values' range.<br/>
    /// diverging: The red-white-blue map (correlations) instead of viridis.<br/>
    /// x: Axis range of the columns (default column index).<br/>
    /// y: Axis range of the rows (default row index).<br/>
    /// </remarks>
    public static string Render(string title, string xLabel, string yLabel, double[,] matrix, string colourLabel, (double Min, double Max)? range = null,
        bool diverging = false, (double Min, double Max)? x = null, (double Min, double Max)? y = null, bool rowsUp = false,
        double width = 520, double height = 440)
    {
        var m = Downsample(matrix);
        int rows = m.GetLength(0), columns = m.GetLength(1);
        var (lo, hi) = range ?? PlotFrame.Range(m.Cast<double>());
        if (hi <= lo) hi = lo + 1;
        var xr = x ?? (0, columns);
        var yr = y ?? (0, rows);
        var frame = new PlotFrame(title, xLabel, yLabel, xr, rowsUp ? yr : (yr.Max, yr.Min), width, height, 70, niceX: false, niceY: false);
        double cw = (frame.PlotRight - frame.PlotLeft) / columns, ch = (frame.PlotBottom - frame.PlotTop) / rows;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double t = (m[r, c] - lo) / (hi - lo);
                double top = rowsUp ? frame.PlotBottom - (r + 1) * ch : frame.PlotTop + r * ch;
                frame.Svg.Rect(frame.PlotLeft + c * cw, top, cw + 0.3, ch + 0.3, diverging ? Palette.DivergingAt(t) : Palette.Sequential(t));
            }
        // the colour bar with its own ticks
        double bx = frame.PlotRight + 14, bw = 14;
        var scale = new AxisScale(lo, hi, frame.PlotBottom, frame.PlotTop, nice: false);
        const int steps = 64;
        double sh = (frame.PlotBottom - frame.PlotTop) / steps;
        for (int i = 0; i < steps; i++)
        {
            double t = (i + 0.5) / steps;
            frame.Svg.Rect(bx, frame.PlotBottom - (i + 1) * sh, bw, sh + 0.3, diverging ? Palette.DivergingAt(t) : Palette.Sequential(t));
        }
        frame.Svg.Rect(bx, frame.PlotTop, bw, frame.PlotBottom - frame.PlotTop, "none", stroke: "#333333");
        foreach (double t in scale.Ticks)
        {
            frame.Svg.Line(bx + bw, scale.Map(t), bx + bw + 4, scale.Map(t), "#333333");
            frame.Svg.Text(bx + bw + 6, scale.Map(t) + 4, AxisScale.Label(t), "start", 10, cssClass: "ctick");
        }
        frame.Svg.Text(bx + bw + 48, (frame.PlotTop + frame.PlotBottom) / 2, colourLabel, "middle", 11, rotate: -90);
        return frame.ToString();
    }

    private static double[,] Downsample(double[,] m)
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        if (rows == 0 || columns == 0) throw new ArgumentException("the matrix is empty", nameof(m));
        int fr = (rows + MaxCells - 1) / MaxCells, fc = (columns + MaxCells - 1) / MaxCells;
        if (fr == 1 && fc == 1) return m;
        var d = new double[(rows + fr - 1) / fr, (columns + fc - 1) / fc];
        for (int r = 0; r < d.GetLength(0); r++)
            for (int c = 0; c < d.GetLength(1); c++)
            {
                double sum = 0; int n = 0;
                for (int i = r * fr; i < Math.Min(rows, (r + 1) * fr); i++)
                    for (int j = c * fc; j < Math.Min(columns, (c + 1) * fc); j++)
                        if (double.IsFinite(m[i, j])) { sum += m[i, j]; n++; }
                d[r, c] = n > 0 ? sum / n : double.NaN;
            }
        return d;
    }
}
