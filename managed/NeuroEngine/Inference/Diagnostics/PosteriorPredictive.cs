namespace NeuroEngine.Inference.Diagnostics;

/// <summary>Summary of a light posterior predictive check of one observed voltage trace.</summary>
/// <param name="Coverage90">Fraction of time samples where the observed voltage lies within the pointwise
/// 5th..95th percentile band of the predictive traces (about 0.9 when the predictive spread is right).</param>
/// <param name="SpikePercentile">Fraction of predictive spike counts &lt;= the observed count (near 0 or 1
/// means the observed count is extreme under the posterior).</param>
/// <param name="SubthresholdMae">Mean |observed - pointwise predictive median| over the samples where the
/// observed voltage is below the threshold; NaN when there are no such samples.</param>
/// <param name="SpikeMidPercentile">Mid-rank percentile of the observed count: the fraction of predictive
/// counts below it plus half the fraction equal to it. Counts are integers and tie often (a neuron that
/// never fires ties every draw that does not either), and a tie counts fully in
/// <paramref name="SpikePercentile"/>, which so sits above 0.5 even for an exact posterior; the mid-rank
/// counts a tie as half, so it is centred on 0.5 (not part of the BayesFlow project's PPC-lite).</param>
public sealed record PpcLite(double Coverage90, double SpikePercentile, double SubthresholdMae, double SpikeMidPercentile);

/// <summary>Posterior predictive checks: simulate from posterior draws and ask whether the observation looks
/// like one of the simulations.</summary>
public static class PosteriorPredictive
{
    /// <summary>The BayesFlow LIF project's "PPC-lite": a pointwise predictive band, the spike count's
    /// percentile and the subthreshold error against the predictive median.</summary>
    /// <remarks>Percentiles and the median are taken per time sample over the K predictive traces with
    /// numpy's default linear interpolation (<see cref="Quantiles.Linear"/>); band ends are included.
    /// <see cref="PpcLite.SubthresholdMae"/> is double.NaN, the one NaN this layer returns, when no observed
    /// sample lies below <paramref name="medianVTh"/> (there is nothing subthreshold to compare); check it
    /// with double.IsNaN before averaging over observations.</remarks>
    /// <param name="observedVoltage">Observed trace, T &gt;= 1 finite samples.</param>
    /// <param name="observedSpikeCount">Spikes in the observed trace (&gt;= 0).</param>
    /// <param name="predictiveVoltages">K &gt;= 1 simulated traces from posterior draws, each T finite samples.</param>
    /// <param name="predictiveSpikeCounts">Spike counts of predictive simulations (&gt;= 1 of them, each
    /// &gt;= 0); may come from more simulations than the traces kept.</param>
    /// <param name="medianVTh">Threshold voltage (the posterior median of V_th) separating subthreshold samples.</param>
    /// <exception cref="ArgumentException">Empty input, traces of different lengths, non-finite values or
    /// negative counts.</exception>
    public static PpcLite Lite(ReadOnlySpan<float> observedVoltage, int observedSpikeCount, IReadOnlyList<float[]> predictiveVoltages,
        IReadOnlyList<int> predictiveSpikeCounts, double medianVTh)
    {
        ArgumentNullException.ThrowIfNull(predictiveVoltages);
        ArgumentNullException.ThrowIfNull(predictiveSpikeCounts);
        int t = observedVoltage.Length;
        if (t == 0) throw new ArgumentException("observedVoltage is empty", nameof(observedVoltage));
        for (int s = 0; s < t; s++)
            if (!float.IsFinite(observedVoltage[s]))
                throw new ArgumentException($"observedVoltage[{s}] is {observedVoltage[s]}; values must be finite", nameof(observedVoltage));
        if (observedSpikeCount < 0)
            throw new ArgumentException($"observedSpikeCount must be >= 0, got {observedSpikeCount}", nameof(observedSpikeCount));
        if (!double.IsFinite(medianVTh)) throw new ArgumentException($"medianVTh must be finite, got {medianVTh}", nameof(medianVTh));
        int k = predictiveVoltages.Count;
        if (k == 0) throw new ArgumentException("predictiveVoltages is empty (no traces)", nameof(predictiveVoltages));
        for (int m = 0; m < k; m++)
        {
            var trace = predictiveVoltages[m] ?? throw new ArgumentException($"predictiveVoltages[{m}] is null", nameof(predictiveVoltages));
            if (trace.Length != t)
                throw new ArgumentException($"predictiveVoltages[{m}] has {trace.Length} samples, the observed trace {t}", nameof(predictiveVoltages));
            for (int s = 0; s < t; s++)
                if (!float.IsFinite(trace[s]))
                    throw new ArgumentException($"predictiveVoltages[{m}][{s}] is {trace[s]}; values must be finite", nameof(predictiveVoltages));
        }
        if (predictiveSpikeCounts.Count == 0)
            throw new ArgumentException("predictiveSpikeCounts is empty", nameof(predictiveSpikeCounts));

        int below = 0, equal = 0;
        for (int m = 0; m < predictiveSpikeCounts.Count; m++)
        {
            int c = predictiveSpikeCounts[m];
            if (c < 0) throw new ArgumentException($"predictiveSpikeCounts[{m}] is {c}; counts must be >= 0", nameof(predictiveSpikeCounts));
            if (c < observedSpikeCount) below++;
            else if (c == observedSpikeCount) equal++;
        }

        var column = new double[k];
        int covered = 0, subthreshold = 0;
        double absError = 0;
        for (int s = 0; s < t; s++)
        {
            for (int m = 0; m < k; m++) column[m] = predictiveVoltages[m][s];
            Array.Sort(column);
            double v = observedVoltage[s];
            double lo = Quantiles.LinearUnchecked(column, 0.05), hi = Quantiles.LinearUnchecked(column, 0.95);
            if (v >= lo && v <= hi) covered++;
            if (v < medianVTh)
            {
                subthreshold++;
                absError += Math.Abs(v - Quantiles.LinearUnchecked(column, 0.5));
            }
        }
        double draws = predictiveSpikeCounts.Count;
        return new PpcLite((double)covered / t, (below + equal) / draws, subthreshold > 0 ? absError / subthreshold : double.NaN,
            (below + 0.5 * equal) / draws);
    }
}
