using NeuroEngine.Plots;

namespace NeuroEngine.Cli.Report;

/// <summary>Plots of a lif-neurons batch: spike counts and their dependence on the threshold.</summary>
internal static class LifNeuronsReport
{
    public static void Add(HtmlReport report, string folder)
    {
        var summary = RunReport.Csv(folder, "summary.csv");
        if (summary is null || summary.Rows.Length == 0) return;
        int count = summary.IndexOf("spike_count"), threshold = summary.IndexOf("V_th");
        var counts = RunReport.Column(summary, count);
        report.Section("Spike counts").Plots([
            // one bin per count up to 60 distinct counts, centred on the integers
            HistogramPlot.Render($"Spike counts of {summary.Rows.Length:N0} neurons", "spikes per neuron", counts, Math.Clamp((int)counts.Max() + 1, 1, 60),
                (-0.5, counts.Max() + 0.5), width: 560),
            ScatterPlot.Render("Spike count against threshold", "V_th (mV)", "spikes", [new Series("neurons", RunReport.Column(summary, threshold), counts)], width: 560),
        ]);
    }
}
