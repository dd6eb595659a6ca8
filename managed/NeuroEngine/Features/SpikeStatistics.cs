using NeuroEngine.Signals;

namespace NeuroEngine.Features;

/// <summary>Spike statistics of one population over a recording of <c>DurationMs</c>.</summary>
/// <param name="RateHz">Mean over its neurons of spike count / duration.</param>
/// <param name="CvIsi">Mean over neurons with at least 2 spikes of std(ISI) / mean(ISI) (population std, as
/// neversim); NaN when no neuron has 2 spikes.</param>
/// <param name="Fano">Mean over neurons with spikes of var / mean of their spike counts in bins (ddof 0).</param>
/// <param name="Corr">Mean Pearson correlation of the binned counts of up to 1,000 random pairs of neurons
/// (pairs with a silent or constant member are left out; NaN when none is left).</param>
/// <param name="Synchrony">Golomb's chi: sqrt(var of the population-mean binned count / mean over neurons of
/// the variance of their binned counts); 1 for identical trains, about 1/sqrt(N) for independent ones.</param>
public sealed record SpikeStatistics(double RateHz, double CvIsi, double Fano, double Corr, double Synchrony)
{
    /// <summary>Column names in the order of <c>features --method spikes</c>.</summary>
    public static readonly string[] Names = ["rate_hz", "cv_isi", "fano", "corr", "synchrony"];

    /// <summary>Most random pairs for <see cref="Corr"/>.</summary>
    public const int MaxPairs = 1000;

    /// <summary>The values in the order of <see cref="Names"/>.</summary>
    public double[] ToArray() => [RateHz, CvIsi, Fano, Corr, Synchrony];

    /// <summary>Each neuron's rate (Hz): its spikes in [0, duration] divided by the duration, for the neurons
    /// <paramref name="first"/> .. first + size - 1 (silent ones 0).</summary>
    public static double[] NeuronRatesHz(ReadOnlySpan<int> neurons, ReadOnlySpan<double> timesMs, int first, int size, double durationMs)
    {
        if (neurons.Length != timesMs.Length)
            throw new ArgumentException($"neurons ({neurons.Length}) and times ({timesMs.Length}) must have one entry per spike", nameof(neurons));
        if (size < 1) throw new ArgumentException($"size must be >= 1, got {size}", nameof(size));
        if (!(durationMs > 0) || !double.IsFinite(durationMs)) throw new ArgumentException($"durationMs must be > 0, got {durationMs}", nameof(durationMs));
        var rates = new double[size];
        for (int s = 0; s < neurons.Length; s++)
        {
            int local = neurons[s] - first;
            if ((uint)local >= (uint)size) continue;
            if (!(timesMs[s] >= 0 && timesMs[s] <= durationMs))
                throw new ArgumentException($"spike {s} (neuron {neurons[s]}) at {timesMs[s]} ms lies outside [0, {durationMs}]", nameof(timesMs));
            rates[local]++;
        }
        for (int i = 0; i < size; i++) rates[i] /= durationMs / 1000;
        return rates;
    }

    /// <summary>Statistics of the neurons <paramref name="first"/> .. first + size - 1 of a spike list.</summary>
    /// <param name="neurons">Neuron id of every spike.</param>
    /// <param name="timesMs">Spike times (ms), in [0, duration] (a network run stamps a spike at the end of
    /// its step, so the last step's spikes lie at the duration).</param>
    /// <param name="first">First neuron id of the population.</param>
    /// <param name="size">Neurons in the population (silent ones count).</param>
    /// <param name="durationMs">Length of the recording (ms).</param>
    /// <param name="binMs">Bin width for Fano, correlations and synchrony (ms).</param>
    /// <param name="seed">Seed of the random pair choice.</param>
    /// <param name="minSpikesForCv">Fewest spikes of a neuron whose CV enters the mean (2 as neversim;
    /// the search metric <c>cv</c> of docs/search.md uses 3).</param>
    public static SpikeStatistics Compute(ReadOnlySpan<int> neurons, ReadOnlySpan<double> timesMs, int first, int size, double durationMs,
        double binMs = 50, ulong seed = 1, int minSpikesForCv = 2)
    {
        if (minSpikesForCv < 2) throw new ArgumentOutOfRangeException(nameof(minSpikesForCv), minSpikesForCv, "a CV needs at least 2 spikes");
        if (neurons.Length != timesMs.Length)
            throw new ArgumentException($"neurons ({neurons.Length}) and times ({timesMs.Length}) must have one entry per spike", nameof(neurons));
        if (size < 1) throw new ArgumentException($"size must be >= 1, got {size}", nameof(size));
        if (!(durationMs > 0) || !double.IsFinite(durationMs)) throw new ArgumentException($"durationMs must be > 0, got {durationMs}", nameof(durationMs));
        if (!(binMs > 0) || binMs > durationMs) throw new ArgumentException($"binMs must be in (0, durationMs = {durationMs}], got {binMs}", nameof(binMs));
        int bins = (int)Math.Floor(durationMs / binMs + 1e-9);
        var trains = new List<double>[size];
        for (int i = 0; i < size; i++) trains[i] = [];
        for (int s = 0; s < neurons.Length; s++)
        {
            int local = neurons[s] - first;
            if ((uint)local >= (uint)size) continue;
            double t = timesMs[s];
            if (!double.IsFinite(t) || t < 0 || t > durationMs)
                throw new ArgumentException($"spike {s} (neuron {neurons[s]}) at {t} ms lies outside [0, {durationMs}]", nameof(timesMs));
            trains[local].Add(t);
        }
        var counts = new double[size][];
        double rateSum = 0, cvSum = 0, fanoSum = 0;
        int cvN = 0, fanoN = 0;
        for (int i = 0; i < size; i++)
        {
            var train = trains[i];
            train.Sort();
            rateSum += train.Count / (durationMs / 1000);
            if (train.Count >= minSpikesForCv)
            {
                double mean = 0, sq = 0;
                for (int k = 1; k < train.Count; k++) mean += train[k] - train[k - 1];
                mean /= train.Count - 1;
                for (int k = 1; k < train.Count; k++) sq += Square(train[k] - train[k - 1] - mean);
                if (mean > 0) { cvSum += Math.Sqrt(sq / (train.Count - 1)) / mean; cvN++; }
            }
            var c = new double[bins];
            foreach (double t in train)
            {
                int b = (int)(t / binMs);
                if (b == bins && t <= bins * binMs) b = bins - 1; // a spike at the end of the last bin
                if (b < bins) c[b]++;                             // spikes after the last whole bin are not binned
            }
            counts[i] = c;
            var (m, v) = Descriptive.MeanVariance(c);
            if (m > 0) { fanoSum += v / m; fanoN++; }
        }
        var populationMean = new double[bins];
        double varianceSum = 0;
        for (int i = 0; i < size; i++)
        {
            for (int b = 0; b < bins; b++) populationMean[b] += counts[i][b] / size;
            varianceSum += Descriptive.MeanVariance(counts[i]).Variance;
        }
        double synchrony = varianceSum > 0 ? Math.Sqrt(Descriptive.MeanVariance(populationMean).Variance / (varianceSum / size)) : double.NaN;
        return new SpikeStatistics(rateSum / size, cvN > 0 ? cvSum / cvN : double.NaN, fanoN > 0 ? fanoSum / fanoN : double.NaN,
            PairCorrelation(counts, seed), synchrony);
    }

    // mean Pearson correlation over up to MaxPairs distinct random pairs (all pairs when there are fewer)
    private static double PairCorrelation(double[][] counts, ulong seed)
    {
        int n = counts.Length;
        long all = (long)n * (n - 1) / 2;
        if (all == 0) return double.NaN;
        var pairs = new List<(int, int)>();
        if (all <= MaxPairs)
        {
            for (int a = 0; a < n; a++)
                for (int b = a + 1; b < n; b++) pairs.Add((a, b));
        }
        else
        {
            var rng = new System.Random(unchecked((int)seed));
            var seen = new HashSet<long>();
            while (pairs.Count < MaxPairs)
            {
                int a = rng.Next(n), b = rng.Next(n);
                if (a == b) continue;
                if (a > b) (a, b) = (b, a);
                if (seen.Add((long)a * n + b)) pairs.Add((a, b));
            }
        }
        double sum = 0;
        int used = 0;
        foreach (var (a, b) in pairs)
        {
            double r = Pearson(counts[a], counts[b]);
            if (double.IsFinite(r)) { sum += r; used++; }
        }
        return used > 0 ? sum / used : double.NaN;
    }
    // Pearson correlation, NaN when either series is constant (FunctionalConnectivity.Pearson gives 0 there)
    private static double Pearson(double[] x, double[] y) =>
        Descriptive.MeanVariance(x).Variance == 0 || Descriptive.MeanVariance(y).Variance == 0 ? double.NaN : FunctionalConnectivity.Pearson(x, y);

    private static double Square(double x) => x * x;
}
