namespace NeuroEngine.Simulation.Network;

/// <summary>Spike-train statistics of a population, with the definitions the Brian2 reference
/// script (benchmarks/reference/network_stats.py) uses, over the window after a warm-up:
/// rate = spikes / (neurons x seconds); CV of ISI = mean over neurons with at least 3 spikes of
/// std(ISI) / mean(ISI) (population std); Fano factor = mean over neurons with at least one spike
/// of var / mean of the neuron's spike counts in 100 ms bins (population variance).</summary>
public sealed record SpikeTrainStatistics(double RateHz, double CvIsi, double Fano, int NeuronsWithIsi)
{
    /// <summary>Bin of the Fano factor (ms).</summary>
    public const double FanoBinMs = 100;

    /// <summary>Statistics of population <paramref name="population"/> of a result, over recorded
    /// spikes after <paramref name="warmupMs"/>. The population's spikes must all be recorded.</summary>
    public static SpikeTrainStatistics Of(LifNetworkResult result, int population, double warmupMs = 200)
    {
        var pop = result.Spec.Populations[population];
        if (pop.RecordSpikes != -1 && pop.RecordSpikes < pop.Size)
            throw new ArgumentException($"population {pop.Name} records only {pop.RecordSpikes} of {pop.Size} neurons' spikes", nameof(population));
        long first = result.FirstNeuron[population];
        var times = new List<double>[pop.Size];
        for (int i = 0; i < pop.Size; i++) times[i] = [];
        for (int s = 0; s < result.SpikeNeurons.Length; s++)
        {
            long local = result.SpikeNeurons[s] - first;
            if (local < 0 || local >= pop.Size) continue;
            double t = result.SpikeTimeMs(s);
            if (t > warmupMs) times[local].Add(t);
        }
        return FromTrains(times, warmupMs, result.DurationMs);
    }

    /// <summary>Statistics of spike trains (times in ms, ascending) observed on (startMs, endMs].</summary>
    public static SpikeTrainStatistics FromTrains(IReadOnlyList<IReadOnlyList<double>> trains, double startMs, double endMs)
    {
        double window = endMs - startMs;
        if (!(window > 0)) throw new ArgumentException($"the window ({startMs}, {endMs}] is empty", nameof(endMs));
        long spikes = 0;
        double cvSum = 0, fanoSum = 0;
        int cvCount = 0, fanoCount = 0;
        int bins = (int)Math.Floor(window / FanoBinMs);
        var counts = new double[Math.Max(bins, 0)];
        foreach (var train in trains)
        {
            spikes += train.Count;
            if (train.Count >= 3)
            {
                cvSum += CvOfIsi(train);
                cvCount++;
            }
            if (bins > 0 && train.Count > 0)
            {
                Array.Clear(counts);
                foreach (double t in train)
                {
                    int b = (int)((t - startMs) / FanoBinMs);
                    if (b >= 0 && b < bins) counts[b]++;
                }
                double mean = counts.Average();
                if (mean > 0)
                {
                    double var = counts.Sum(c => (c - mean) * (c - mean)) / bins;
                    fanoSum += var / mean;
                    fanoCount++;
                }
            }
        }
        return new SpikeTrainStatistics(spikes / (trains.Count * window / 1000.0),
            cvCount > 0 ? cvSum / cvCount : double.NaN, fanoCount > 0 ? fanoSum / fanoCount : double.NaN, cvCount);
    }

    /// <summary>One train's std(ISI) / mean(ISI) (population std); times ascending, at least 3 spikes.</summary>
    public static double CvOfIsi(IReadOnlyList<double> train)
    {
        double mean = 0, m2 = 0;
        int n = train.Count - 1;
        for (int i = 1; i < train.Count; i++) mean += train[i] - train[i - 1];
        mean /= n;
        for (int i = 1; i < train.Count; i++) { double d = train[i] - train[i - 1] - mean; m2 += d * d; }
        return Math.Sqrt(m2 / n) / mean;
    }
}
