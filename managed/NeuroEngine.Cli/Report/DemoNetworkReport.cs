using System.Text.Json;
using NeuroEngine.Cli.Commands;
using NeuroEngine.Plots;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Cli.Report;

/// <summary>The network part of the demo's report (network.json and network_*.csv beside the
/// lif-neurons files): simulated against mean-field rates, spike raster, population rates with the
/// mean-field rates as flat lines, and the histogram of the neurons' ISI CVs.</summary>
internal static class DemoNetworkReport
{
    private const int CvBins = 40;
    private const double RasterWindowMs = 200, Width = 560;

    public static void Add(HtmlReport report, string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, DemoNetwork.JsonFile)));
        var json = doc.RootElement;
        double duration = json.GetProperty("duration_ms").GetDouble(), warmup = json.GetProperty("warmup_ms").GetDouble();
        var groups = NetworkReport.Groups(folder, DemoNetwork.PopulationsFile);
        var meanField = json.GetProperty("mean_field");
        bool converged = meanField.GetProperty("converged").GetBoolean();
        double? Of(JsonElement rates, string name) => rates.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        string Show(double? v, string unit = "") => v is { } x ? RunReport.F(x) + unit : "-";

        report.Section($"Brunel network (N = {json.GetProperty("neurons").GetInt32():N0}, g = {RunReport.F(json.GetProperty("g").GetDouble())}, eta = {RunReport.F(json.GetProperty("eta").GetDouble())})")
            .Paragraph($"{json.GetProperty("network").GetString()}, {RunReport.F(duration)} ms at dt = {RunReport.F(json.GetProperty("dt_ms").GetDouble())} ms, " +
                $"{json.GetProperty("synapses").GetInt64():N0} synapses, seed {json.GetProperty("seed").GetUInt64()}; statistics over {RunReport.F(warmup)}-{RunReport.F(duration)} ms. " +
                "The mean field is the self-consistent solution of the Siegert rate equations (diffusion approximation) for the same network.")
            .Table(["population", "neurons", "rate simulated (Hz)", "rate mean field (Hz)", "CV of ISI", "Fano factor"], groups.Select(g => (IReadOnlyList<string>)
            [
                g.Name, g.Size.ToString("N0"), Show(Of(json.GetProperty("rates_hz"), g.Name)),
                converged ? Show(Of(meanField.GetProperty("rates_hz"), g.Name)) : "no fixed point",
                Show(Of(json.GetProperty("cv_isi"), g.Name)), Show(Of(json.GetProperty("fano"), g.Name)),
            ]));
        if (converged) report.Paragraph($"mean-field fixed point: {meanField.GetProperty("label").GetString()}");

        var spikes = RunReport.Csv(folder, DemoNetwork.SpikesFile)!;
        var neurons = spikes.Rows.Select(r => (int)r[0]).ToArray();
        var times = RunReport.Column(spikes, 1);
        int n = groups.Sum(g => g.Size);
        var rates = RunReport.Csv(folder, DemoNetwork.RatesFile)!;
        var t = RunReport.Column(rates, 0);
        var lines = new List<Series>();
        for (int j = 1; j < rates.Columns.Length; j++) lines.Add(new Series(rates.Columns[j], t, RunReport.Column(rates, j)));
        if (converged)
            foreach (var g in groups)
                if (Of(meanField.GetProperty("rates_hz"), g.Name) is { } mf) lines.Add(new Series($"{g.Name} mean field", [t[0], t[^1]], [mf, mf]));
        // the last 200 ms: a whole second of 10,000 neurons at 40 Hz is a uniform texture
        double from = Math.Max(0, duration - RasterWindowMs);
        report.Plots([
            RasterPlot.Render($"Spike raster, {RunReport.F(from)}-{RunReport.F(duration)} ms", neurons, times, n, (from, duration), groups, width: Width, height: 400),
            LinePlot.Render($"Population rates ({RunReport.F(json.GetProperty("rates_bin_ms").GetDouble())} ms bins) and mean field", "time (ms)", "rate (Hz)", lines,
                width: Width, height: 400),
            .. groups.Select(g =>
            {
                var cvs = CvPerNeuron(neurons, times, g.First, g.Size, warmup);
                return HistogramPlot.Render($"ISI CV of {cvs.Length:N0} {g.Name} neurons (mean {RunReport.F(cvs.DefaultIfEmpty(double.NaN).Average())})",
                    "CV of the interspike intervals", cvs, CvBins, (0, Math.Max(1, Math.Ceiling(cvs.DefaultIfEmpty(1).Max() * 10) / 10)), width: Width);
            }),
        ]);
        report.Paragraph($"ISI CV: neurons with at least 3 spikes after {RunReport.F(warmup)} ms; the histograms' means are the table's CV of ISI.");
    }

    /// <summary>Each neuron's CV of ISI after startMs (neurons with at least 3 spikes there), by
    /// SpikeTrainStatistics' definition, so their mean is the CV of the table.</summary>
    private static double[] CvPerNeuron(IReadOnlyList<int> neurons, IReadOnlyList<double> times, int first, int size, double startMs)
    {
        var trains = new List<double>[size];
        for (int i = 0; i < size; i++) trains[i] = [];
        for (int s = 0; s < neurons.Count; s++)
            if (neurons[s] >= first && neurons[s] < first + size && times[s] > startMs) trains[neurons[s] - first].Add(times[s]);
        return trains.Where(train => train.Count >= 3).Select(train =>
        {
            train.Sort();
            return SpikeTrainStatistics.CvOfIsi(train);
        }).ToArray();
    }
}
