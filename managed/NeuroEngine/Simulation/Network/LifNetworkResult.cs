namespace NeuroEngine.Simulation.Network;

/// <summary>What one network of a run produced. Steps and times count from the start of the run
/// (<see cref="LifNetworkSimulation.Run"/>). Times: a spike in step n has t = (n + 1) dt (the end
/// of the step, as NEST reports it); samples are taken at the end of every
/// <see cref="SampleEvery"/>-th step counted from the network's creation (for a run that starts
/// right after creation: at t = (m + 1) SampleEvery dt).</summary>
public sealed class LifNetworkResult
{
    // steps from the run start to the start of sample 0's interval, in (-SampleEvery, 0]: negative
    // when the run began between two samples (after LifNetworkSimulation.Advance)
    private readonly long _sampleOffset;

    internal LifNetworkResult(LifNetworkSpec spec, int networkIndex, ulong seed, long steps, int sampleEvery,
        long sampleOffset, int[] spikeNeurons, long[] spikeSteps, int[] populationCounts, double[] sampleSums, long[] neuronSpikeCounts,
        long synapses, double wallSeconds)
    {
        Spec = spec;
        NetworkIndex = networkIndex;
        Seed = seed;
        Steps = steps;
        SampleEvery = sampleEvery;
        _sampleOffset = sampleOffset;
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
    /// <summary>Total spikes per neuron since the network was created (all neurons, recorded or not).</summary>
    public long[] NeuronSpikeCounts { get; }
    /// <summary>Synapses of the network (shared by a batch).</summary>
    public long Synapses { get; }
    /// <summary>Wall time of the whole batch run (s).</summary>
    public double WallSeconds { get; }

    /// <summary>Simulated seconds per wall-clock second of the simulation loop.</summary>
    public double RealtimeFactor => DurationMs / 1000.0 / Math.Max(WallSeconds, 1e-9);

    /// <summary>Number of samples.</summary>
    public int SampleCount => (int)(SampleSums.LongLength / (Spec.Populations.Count * 5L));

    /// <summary>Time of a spike (ms): the end of its step.</summary>
    public double SpikeTimeMs(int index) => (SpikeSteps[index] + 1) * Spec.DtMs;

    /// <summary>Times of all recorded spikes (ms), in the order of <see cref="SpikeNeurons"/>.</summary>
    public double[] SpikeTimesMs()
    {
        var times = new double[SpikeSteps.Length];
        for (int i = 0; i < times.Length; i++) times[i] = (SpikeSteps[i] + 1) * Spec.DtMs;
        return times;
    }

    /// <summary>Time of sample <paramref name="sample"/> (ms): the end of the step it was taken in.</summary>
    public double SampleTimeMs(int sample) => (_sampleOffset + (long)(sample + 1) * SampleEvery) * Spec.DtMs;

    /// <summary>Sum over the population's neurons of an observable at a sample.</summary>
    public double SampleSum(int sample, int population, NetworkObservable observable) =>
        SampleSums[((long)sample * Spec.Populations.Count + population) * 5 + (int)observable];

    /// <summary>Population mean of an observable at a sample.</summary>
    public double SampleMean(int sample, int population, NetworkObservable observable) =>
        SampleSum(sample, population, observable) / Spec.Populations[population].Size;

    /// <summary>Population means of an observable at every sample (mV, pA or nS).</summary>
    public double[] SampleMeans(int population, NetworkObservable observable)
    {
        var values = new double[SampleCount];
        for (int m = 0; m < values.Length; m++) values[m] = SampleMean(m, population, observable);
        return values;
    }

    /// <summary>The firing-rate proxy input of a population at a sample (Hz, summed over neurons):
    /// the population's spike count in the sample interval (the <see cref="SampleEvery"/> steps that
    /// end with the sample) divided by the interval's length in s; divide by the population size for
    /// the mean rate per neuron (docs/lif-network.md, FR_&lt;pop&gt; of proxy_inputs.csv). When the run
    /// began between two samples, the first interval is the part that lies in the run.</summary>
    public double SampleSpikeRateHz(int sample, int population)
    {
        if ((uint)sample >= (uint)SampleCount) throw new ArgumentOutOfRangeException(nameof(sample), sample, $"there are {SampleCount} samples");
        int p = Spec.Populations.Count;
        long end = _sampleOffset + (long)(sample + 1) * SampleEvery, start = Math.Max(0, end - SampleEvery), count = 0;
        for (long s = start; s < end; s++) count += PopulationCounts[s * p + population];
        return count / ((end - start) * Spec.DtMs / 1000.0);
    }

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
