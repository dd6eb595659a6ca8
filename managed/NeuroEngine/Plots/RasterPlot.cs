namespace NeuroEngine.Plots;

/// <summary>Spike rasters. Up to 400 neuron rows are shown (every k-th neuron of larger networks);
/// when more than 30,000 of their spikes remain, the raster is drawn as spike density in cells of
/// 2 pixels by 4 rows (darker = more spikes), so millions of spikes still give a small file.</summary>
public static class RasterPlot
{
    public const int MaxRows = 400, MaxMarks = 30_000;

    /// <remarks>
    /// neurons: Neuron id of each spike.<br/>
    /// timesMs: Time of each spike (ms).<br/>
    /// neuronCount: Neurons in the network (silent ones keep their row).<br/>
    /// groups: Optional population boundaries (name, first neuron, size), coloured in turn.<br/>
    /// </remarks>
    public static string Render(string title, IReadOnlyList<int> neurons, IReadOnlyList<double> timesMs, int neuronCount, (double Start, double End) timeMs,
        IReadOnlyList<(string Name, int First, int Size)>? groups = null, double width = PlotFrame.DefaultWidth, double height = 400)
    {
        if (neurons.Count != timesMs.Count) throw new ArgumentException($"{neurons.Count} neuron ids for {timesMs.Count} spike times", nameof(neurons));
        if (neuronCount < 1) throw new ArgumentOutOfRangeException(nameof(neuronCount), neuronCount, "need at least one neuron");
        int every = Math.Max(1, (neuronCount + MaxRows - 1) / MaxRows);
        int rows = (neuronCount + every - 1) / every;
        groups ??= [("neurons", 0, neuronCount)];
        bool legend = groups.Count > 1;
        var frame = new PlotFrame(title, "time (ms)", every == 1 ? "neuron" : $"neuron (every {every}th shown)", timeMs, (0, neuronCount), width, height,
            legend ? PlotFrame.LegendWidth(groups.Select(g => g.Name)) : 0, niceX: false, niceY: false);
        string ColourOf(int neuron)
        {
            for (int g = 0; g < groups.Count; g++)
                if (neuron >= groups[g].First && neuron < groups[g].First + groups[g].Size) return Palette.Of(g);
            return Palette.Of(0);
        }
        var shown = new List<int>();
        for (int i = 0; i < neurons.Count; i++)
            if (neurons[i] % every == 0 && neurons[i] >= 0 && neurons[i] < neuronCount && timesMs[i] >= timeMs.Start && timesMs[i] <= timeMs.End) shown.Add(i);
        double rowHeight = (frame.PlotBottom - frame.PlotTop) / rows;
        if (shown.Count <= MaxMarks)
            foreach (int i in shown)
            {
                double x = frame.X.Map(timesMs[i]), y = frame.Y.Map(neurons[i]);
                frame.Svg.Rect(x - 0.6, y - Math.Max(0.8, rowHeight) / 2, 1.2, Math.Max(0.8, rowHeight), ColourOf(neurons[i]));
            }
        else
        {
            int cellsX = (int)((frame.PlotRight - frame.PlotLeft) / 2), rowsPerCell = 4, cellsY = (rows + rowsPerCell - 1) / rowsPerCell;
            var counts = new int[cellsY, cellsX];
            var first = new int[cellsY, cellsX];
            foreach (int i in shown)
            {
                int cx = Math.Min(cellsX - 1, (int)((timesMs[i] - timeMs.Start) / (timeMs.End - timeMs.Start) * cellsX));
                int cy = Math.Min(cellsY - 1, neurons[i] / every / rowsPerCell);
                if (counts[cy, cx]++ == 0) first[cy, cx] = neurons[i];
            }
            int max = counts.Cast<int>().Max();
            double cw = (frame.PlotRight - frame.PlotLeft) / cellsX;
            for (int cy = 0; cy < cellsY; cy++)
                for (int cx = 0; cx < cellsX; cx++)
                    if (counts[cy, cx] > 0)
                    {
                        double top = frame.Y.Map(Math.Min(neuronCount, (cy + 1) * rowsPerCell * every));
                        frame.Svg.Rect(frame.PlotLeft + cx * cw, top, cw, frame.Y.Map(cy * rowsPerCell * every) - top, ColourOf(first[cy, cx]),
                            0.15 + 0.85 * counts[cy, cx] / max);
                    }
        }
        if (legend) frame.Legend(groups.Select((g, k) => (g.Name, Palette.Of(k))).ToList());
        return frame.ToString();
    }
}
