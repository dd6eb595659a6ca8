namespace NeuroEngine.Simulation.Network;

/// <summary>What one network of a run produced. Times: a spike in step n has t = (n + 1) dt (the end
/// of the step, as NEST reports it); samples are taken at the end of steps n with (n + 1) a multiple
/// of <see cref="SampleEvery"/>.</summary>
public sealed class LifNetworkResult
{
    internal LifNetworkResult(LifNetworkSpec spec, int networkIndex, ulong seed, long steps, int sampleEvery,
        int[] spikeNeurons, long[] spikeSteps, int[] populationCounts, double[] sampleSums, long[] neuronSpikeCounts,
        long synapses, double wallSeconds)
    {
        Spec = spec;
        NetworkIndex = networkIndex;
        Seed = seed;
        Steps = steps;
        SampleEvery = sampleEvery;
        SpikeNeurons = spikeNeurons;
        SpikeSteps = spikeSteps;
        PopulationCounts = populationCounts;
        SampleSums = sampleSums;
        NeuronSpikeCounts = neuronSpikeCounts;
        Synapses = synapses;
        WallSeconds = wallSeconds;
        FirstNeuron = spec.FirstNeurons();
    }

    /// <summary>The network that ran.</summary>
    public LifNetworkSpec Spec { get; }
    /// <summary>Index of this network in its batch.</summary>
    public int NetworkIndex { get; }
    /// <summary>Seed of the initial state and the Poisson drive.</summary>
    public ulong Seed { get; }
    /// <summary>Steps simulated.</summary>
    public long Steps { get; }
    /// <summary>Time step (ms).</summary>
    public double DtMs => Spec.DtMs;
    /// <summary>Simulated time (ms).</summary>
    public double DurationMs => Steps * Spec.DtMs;
    /// <summary>First global neuron id of each population, then the total.</summary>
    public long[] FirstNeuron { get; }
    /// <summary>Recorded spikes: neuron ids (global within the network), ordered by time then id.</summary>
    public int[] SpikeNeurons { get; }
    /// <summary>Step of each recorded spike.</summary>
    public long[] SpikeSteps { get; }
    /// <summary>Spikes of every neuron (recorded or not) per step and population, [step * P + population].</summary>
    public int[] PopulationCounts { get; }
    /// <summary>Steps between population samples (0 = none).</summary>
    public int SampleEvery { get; }
    /// <summary>Population sums per sample, [(sample * P + population) * 5 + observable].</summary>
    public double[] SampleSums { get; }
    /// <summary>Total spikes per neuron.</summary>
    public long[] NeuronSpikeCounts { get; }
    /// <summary>Synapses of the network (shared by a batch).</summary>
    public long Synapses { get; }
    /// <summary>Wall time of the whole batch run (s).</summary>
    public double WallSeconds { get; }

    /// <summary>Number of samples.</summary>
    public int SampleCount => SampleEvery > 0 ? (int)(Steps / SampleEvery) : 0;

    /// <summary>Time of a spike (ms).</summary>
    public double SpikeTimeMs(int index) => (SpikeSteps[index] + 1) * Spec.DtMs;

    /// <summary>Time of sample <paramref name="sample"/> (ms).</summary>
    public double SampleTimeMs(int sample) => (long)(sample + 1) * SampleEvery * Spec.DtMs;

    /// <summary>Sum over the population's neurons of an observable at a sample.</summary>
    public double SampleSum(int sample, int population, NetworkObservable observable) =>
        SampleSums[((long)sample * Spec.Populations.Count + population) * 5 + (int)observable];

    /// <summary>Population mean of an observable at a sample.</summary>
    public double SampleMean(int sample, int population, NetworkObservable observable) =>
        SampleSum(sample, population, observable) / Spec.Populations[population].Size;

    /// <summary>Population index of a neuron id.</summary>
    public int PopulationOf(long neuron)
    {
        int p = Array.BinarySearch(FirstNeuron, neuron);
        return p >= 0 ? Math.Min(p, Spec.Populations.Count - 1) : ~p - 1;
    }

    /// <summary>Mean rate of a population over the whole run (Hz), from all its neurons.</summary>
    public double MeanRateHz(int population)
    {
        int p = Spec.Populations.Count;
        long total = 0;
        for (long s = 0; s < Steps; s++) total += PopulationCounts[s * p + population];
        return total / (Spec.Populations[population].Size * DurationMs / 1000.0);
    }

    /// <summary>Population rates in bins of <paramref name="binMs"/> (rounded to whole steps): bin start
    /// times (ms) and [bin, population] rates in Hz = spikes in the bin / (bin width x size). A last
    /// partial bin is dropped.</summary>
    public (double[] TimesMs, double[,] RatesHz) Rates(double binMs)
    {
        if (!double.IsFinite(binMs) || binMs <= 0) throw new ArgumentException($"binMs must be > 0, got {binMs}", nameof(binMs));
        long width = Math.Max(1, (long)Math.Round(binMs / Spec.DtMs));
        int p = Spec.Populations.Count;
        int bins = (int)(Steps / width);
        var times = new double[bins];
        var rates = new double[bins, p];
        for (int b = 0; b < bins; b++)
        {
            times[b] = b * width * Spec.DtMs;
            for (long s = b * width; s < (b + 1) * width; s++)
                for (int q = 0; q < p; q++) rates[b, q] += PopulationCounts[s * p + q];
            for (int q = 0; q < p; q++) rates[b, q] /= width * Spec.DtMs / 1000.0 * Spec.Populations[q].Size;
        }
        return (times, rates);
    }
}
