using NeuroEngine.Simulation;

namespace NeuroEngine.Pipelines;

/// <summary>Hand-crafted summary features of one observed single-neuron LIF trace (specs/sbi_lif.md:
/// noisy voltage, noise-free spike steps), chosen from the model's physics so that neural posterior
/// estimation can recover the six parameters. (The BayesFlow LIF project learns a summary network
/// instead; a fixed feature set is cheaper and easier to audit.) Every feature is finite for every
/// trace: where a quantity does not exist (no spike, one spike, no ISI long enough) a stated
/// fallback from the trace itself is used, and spike_count tells the estimator which case it is.</summary>
/// <remarks>
/// Physics used: after a spike at sample k the record holds V_reset at k..k+10 (refractory), then
/// free Euler evolution v[t+1] = v[t] + (dt/tau_m)(E_L - v[t] + I/g_L) toward V_inf = E_L + I_mean/g_L;
/// a spike is detected when v crosses V_th, so the sample before a spike lies just below V_th;
/// sample 0 is V_init. The regression of free increments on the voltage estimates -dt/tau_m (slope)
/// and dt/tau_m V_inf (intercept), biased by the 1 mV observation noise but monotone in both.
/// </remarks>
public static class LifSummaryFeatures
{
    /// <summary>Samples after a spike at which the spike-triggered average is taken (refractory ends at +11).</summary>
    public static readonly int[] TriggeredLags = [12, 14, 17, 22, 30, 45];
    private const int Clamped = 11;

    public static IReadOnlyList<string> Names { get; } =
    [
        "spike_count", "first_spike_ms", "isi_mean_ms", "isi_cv", "v_first", "v_start_mean", "v_reset_level", "v_reset_precision",
        "v_prespike_mean", "v_prespike_max",
        .. TriggeredLags.Select(l => $"v_after_spike_{l}"),
        "free_mean", "free_sd", "free_tail_mean", "free_max", "increment_slope", "increment_intercept", "increment_residual_sd",
    ];

    /// <summary>Features of every neuron of a batch recorded with VoltageEvery = 1, in neuron order.</summary>
    public static double[][] Compute(LifBatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Voltage is null || result.VoltageEvery != 1)
            throw new ArgumentException($"the batch must record the voltage at every sample (VoltageEvery = 1), got {result.VoltageEvery}", nameof(result));
        var rows = new double[result.Count][];
        Parallel.For(0, result.Count, i => rows[i] = Compute(result.VoltageOf(i), result.SpikeSteps(i), result.DtMs));
        return rows;
    }

    /// <summary>Features of one observation: voltage trace, spike sample indices (ascending), dt in ms.</summary>
    public static double[] Compute(ReadOnlySpan<float> voltage, ReadOnlySpan<int> spikeSteps, double dtMs)
    {
        int n = voltage.Length;
        if (n < 2) throw new ArgumentException($"voltage: need at least 2 samples, got {n}", nameof(voltage));
        if (!(dtMs > 0) || !double.IsFinite(dtMs)) throw new ArgumentException($"dtMs must be positive, got {dtMs}", nameof(dtMs));
        for (int s = 0; s < spikeSteps.Length; s++)
            if (spikeSteps[s] < 0 || spikeSteps[s] >= n || (s > 0 && spikeSteps[s] <= spikeSteps[s - 1]))
                throw new ArgumentException($"spikeSteps: entry {s} = {spikeSteps[s]} is outside the trace [0, {n}) or not ascending", nameof(spikeSteps));
        foreach (float v in voltage) if (!float.IsFinite(v)) throw new ArgumentException("voltage: contains NaN or infinite values", nameof(voltage));

        double tMs = n * dtMs;
        int count = spikeSteps.Length;
        var clamped = new bool[n];
        foreach (int k in spikeSteps) for (int t = k; t < Math.Min(n, k + Clamped); t++) clamped[t] = true;

        // spike timing
        double firstSpike = count > 0 ? spikeSteps[0] * dtMs : tMs;
        double isiMean = tMs, isiCv = 0;
        if (count >= 2)
        {
            double sum = 0, sq = 0;
            for (int s = 1; s < count; s++) { double d = (spikeSteps[s] - spikeSteps[s - 1]) * dtMs; sum += d; sq += d * d; }
            isiMean = sum / (count - 1);
            double var = Math.Max(0, sq / (count - 1) - isiMean * isiMean);
            isiCv = Math.Sqrt(var) / isiMean;
        }

        // reset level and the approach to threshold
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float v in voltage) { min = Math.Min(min, v); max = Math.Max(max, v); }
        double resetSum = 0; int resetN = 0;
        double preSum = 0, preMax = double.NegativeInfinity; int preN = 0;
        foreach (int k in spikeSteps)
        {
            for (int t = k; t < Math.Min(n, k + Clamped); t++) { resetSum += voltage[t]; resetN++; }
            if (k > 0 && !clamped[k - 1]) { preSum += voltage[k - 1]; preMax = Math.Max(preMax, voltage[k - 1]); preN++; }
        }
        double resetLevel = resetN > 0 ? resetSum / resetN : min;         // fallback: lowest sample
        // how well the reset level is known (1/standard error in units of the noise): lets the estimator
        // scale the posterior width of V_reset, which spans two orders of magnitude across neurons
        double resetPrecision = Math.Sqrt(resetN);
        int startN = 0; double startSum = 0;
        for (int t = 0; t < Math.Min(n, 5) && !clamped[t]; t++) { startSum += voltage[t]; startN++; }
        double startMean = startN > 0 ? startSum / startN : voltage[0];
        double preMean = preN > 0 ? preSum / preN : max;                  // fallback: highest sample (V_th lies above)
        if (preN == 0) preMax = max;

        // spike-triggered average of the free relaxation; silent neurons: the relaxation from V_init
        var triggered = new double[TriggeredLags.Length];
        for (int l = 0; l < TriggeredLags.Length; l++)
        {
            int lag = TriggeredLags[l];
            double sum = 0; int m = 0;
            for (int s = 0; s < count; s++)
            {
                int t = spikeSteps[s] + lag, next = s + 1 < count ? spikeSteps[s + 1] : n;
                if (t < next) { sum += voltage[t]; m++; }
            }
            if (m > 0) triggered[l] = sum / m;
            else if (count == 0) triggered[l] = voltage[Math.Min(n - 1, lag - Clamped)];
            else triggered[l] = preMean;                                   // every ISI shorter than the lag: the trace reached threshold
        }

        // free samples: mean, spread, tail, and the regression of increments on the voltage
        double fSum = 0, fSq = 0, fMax = double.NegativeInfinity; int fN = 0;
        for (int t = 0; t < n; t++) if (!clamped[t]) { fSum += voltage[t]; fSq += voltage[t] * (double)voltage[t]; fMax = Math.Max(fMax, voltage[t]); fN++; }
        double freeMean = fN > 0 ? fSum / fN : resetLevel;
        double freeSd = fN > 1 ? Math.Sqrt(Math.Max(0, fSq / fN - freeMean * freeMean)) : 0;
        if (fN == 0) fMax = resetLevel;
        double tailSum = 0; int tailN = 0;
        for (int t = n - 1; t >= 0 && tailN < Math.Max(1, fN / 4); t--) if (!clamped[t]) { tailSum += voltage[t]; tailN++; }
        double tailMean = tailN > 0 ? tailSum / tailN : freeMean;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0; int pairs = 0;
        for (int t = 0; t + 1 < n; t++)
        {
            if (clamped[t] || clamped[t + 1]) continue;
            double x = voltage[t], y = voltage[t + 1] - (double)voltage[t];
            sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y; pairs++;
        }
        double slope = 0, intercept = 0, residual = 0;
        if (pairs >= 3)
        {
            double mx = sx / pairs, my = sy / pairs, vx = sxx / pairs - mx * mx, cxy = sxy / pairs - mx * my, vy = syy / pairs - my * my;
            if (vx > 1e-12) { slope = cxy / vx; intercept = my - slope * mx; residual = Math.Sqrt(Math.Max(0, vy - slope * cxy)); }
            else { intercept = my; residual = Math.Sqrt(Math.Max(0, vy)); }
        }
        return
        [
            count, firstSpike, isiMean, isiCv, voltage[0], startMean, resetLevel, resetPrecision, preMean, preMax, .. triggered,
            freeMean, freeSd, tailMean, fMax, slope, intercept, residual,
        ];
    }
}
