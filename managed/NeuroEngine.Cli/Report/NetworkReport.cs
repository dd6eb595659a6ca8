using System.Text.Json;
using NeuroEngine.Plots;

namespace NeuroEngine.Cli.Report;

/// <summary>Plots of a lif-network run: raster, population rates, mean currents and membrane potentials.</summary>
internal static class NetworkReport
{
    public static void Add(HtmlReport report, string folder, JsonElement json)
    {
        double duration = json.TryGetProperty("duration_ms", out var d) ? d.GetDouble() : double.NaN;
        var groups = File.Exists(Path.Combine(folder, "populations.csv")) ? Groups(folder, "populations.csv") : null;
        if (groups is not null)
            report.Section("Populations").Table(["population", "first neuron", "size", "rate (Hz)"], groups!.Select(g => (IReadOnlyList<string>)
                [g.Name, g.First.ToString(), g.Size.ToString(), json.TryGetProperty("rates_hz", out var rates) && rates.TryGetProperty(g.Name, out var rate) ? RunReport.F(rate.GetDouble()) : "-"]));
        var spikes = RunReport.Csv(folder, "spikes.csv");
        if (spikes is not null && groups is not null)
        {
            int n = groups.Sum(g => g.Size);
            var times = RunReport.Column(spikes, 1);
            double end = double.IsFinite(duration) ? duration : times.DefaultIfEmpty(1).Max();
            report.Section("Spikes").Plot(RasterPlot.Render("Spike raster", spikes.Rows.Select(r => (int)r[0]).ToArray(), times, n, (0, end), groups),
                $"{spikes.Rows.Length:N0} spikes of {n:N0} neurons");
        }
        Lines(report, folder, "rates.csv", "Population rates", "rate (Hz)");
        Lines(report, folder, "currents.csv", "Population mean synaptic currents", "current (pA) / conductance (nS)");
        Lines(report, folder, "vm.csv", "Population mean membrane potential", "V (mV)");
    }

    /// <summary>The populations of a populations.csv (name, first neuron, size).</summary>
    public static List<(string Name, int First, int Size)> Groups(string folder, string file)
    {
        var populations = RunReport.Csv(folder, file, ["population"])!;
        // the names are its first (text) column, which NumericCsv drops: read them once
        var names = File.ReadLines(Path.Combine(folder, file)).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        return populations.Rows.Select((r, i) => (names[i], (int)r[0], (int)r[1])).ToList();
    }

    private static void Lines(HtmlReport report, string folder, string file, string title, string yLabel)
    {
        var csv = RunReport.Csv(folder, file);
        if (csv is null || csv.Rows.Length == 0) return;
        var t = RunReport.Column(csv, 0);
        var series = Enumerable.Range(1, csv.Columns.Length - 1).Select(j => new Series(csv.Columns[j], t, RunReport.Column(csv, j))).ToList();
        report.Section(title).Plot(LinePlot.Render(title, "time (ms)", yLabel, series), $"{file}: {csv.Rows.Length:N0} samples");
    }
}
