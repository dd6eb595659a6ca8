using System.Collections.ObjectModel;
using NeuroEngine.Simulation;

namespace NeuroEngine.Pipelines;

/// <summary>Hand-crafted summary features of one observed single-neuron LIF trace (docs/lif-neurons.md) for
/// simulation-based inference of (V_th, tau_m, g_L, V_reset, V_init, E_L).</summary>
/// <remarks>
/// <para>The trace is cut into segments: segment 0 runs from sample 0 to the sample before the first spike and
/// starts at V_init; segment s &gt;= 1 starts at spike s-1 (sample k), is clamped to V_reset for samples
/// k .. k + n_ref (n_ref = ceil(tref/dt)) and then relaxes freely until the sample before the next spike. Under
/// the euler-reference scheme the mean of a segment is V_inf + (S - V_inf) q^j with q = 1 - dt/tau_m,
/// S = V_init (segment 0) or V_reset (later segments), V_inf = E_L + I_mean/g_L and j the samples since the
/// segment's deterministic start (sample 0, or k + n_ref; clamped samples have j = 0). One least-squares fit
/// of (V_inf, V_init, V_reset, tau_m) to all samples — profile over tau_m (log grid, then golden section),
/// linear in the rest — gives the physics features; the residual autocovariance at lags &gt;= 1 is free of the
/// observation noise and measures the membrane fluctuations, whose stationary variance is
/// a sigma_I^2 / (g_L^2 (2 - a)), a = dt/tau_m (the AR(1) of the discretised membrane; docs/lif-neurons.md).</para>
/// <para>Every feature is finite for every finite trace: features that need spikes fall back to stated values
/// (see <see cref="Names"/>). A sample is <i>free</i> when it is not clamped (segment 0, or j &gt;= 1).</para>
/// </remarks>
public static class LifSummaryFeatures
{
    /// <summary>Refractory period assumed by the overloads without one (ms): the BayesFlow LIF project's t_ref.</summary>
    public const double DefaultRefractoryMs = 2.0;

    private const int GridPoints = 24, GoldenIterations = 30, ProjectionSamples = 4, SmoothWindow = 5;
    private const int ShortLagFirst = 1, ShortLagLast = 8, LongLagFirst = 16, LongLagLast = 32;

    private static readonly string[] names =
    [
        "spike_count",      // number of spikes
        "first_spike_ms",   // time of the first spike; duration T = n dt when silent
        "isi_mean_ms",      // mean interspike interval (>= 2 spikes); T otherwise
        "isi_cv",           // sd / mean of the ISIs (ddof 0, >= 3 spikes); 0 otherwise
        "v_first",          // sample 0 (V_init + observation noise)
        "v_init_fit",       // fitted start of segment 0 (V_init)
        "v_reset_clamp",    // mean of the clamped samples (V_reset + noise); v_init_fit when silent
        "v_reset_fit",      // fitted reset level (clamped and relaxing samples); v_init_fit when silent
        "v_inf_fit",        // fitted asymptote E_L + I_mean/g_L
        "tau_fit_ms",       // fitted membrane time constant, in [2 dt, max(T, 4 dt)]
        "fit_resid_sd",     // rms residual of the fit (observation noise and fluctuations)
        "pre_spike_v",      // mean of the free sample right before each spike; smooth_max_v when there is none
        "pre_spike_proj",   // last free samples before each spike projected half a step past it along the fit; smooth_max_v when none
        "vth_from_isi",     // fitted trajectory's value at each spike's crossing step (less half a step), mean over spikes; smooth_max_v when none
        "smooth_max_v",     // max of 5-sample means of free samples within one segment; max sample when no window fits
        "v_free_mean",      // mean of the free samples (all samples when none is free)
        "v_free_sd",        // sd (ddof 0) of the free samples
        "fluct_var",        // stationary membrane fluctuation variance from residual autocovariances at lags 1..8; 0 without pairs
        "acov_short",       // mean residual autocovariance over lags 1..8 within segments; 0 without pairs
        "acov_long",        // mean residual autocovariance over lags 16..32 within segments; 0 without pairs
        "noise_over_gl",    // sqrt(max(fluct_var, 0) (2 - a) / a): the input noise sd over g_L (sigma_I / g_L)
    ];

    private static readonly ReadOnlyCollection<string> namesView = Array.AsReadOnly(names);

    /// <summary>Feature names, in the order of the values <see cref="Compute(ReadOnlySpan{float}, ReadOnlySpan{int}, double)"/> returns.</summary>
    public static IReadOnlyList<string> Names => namesView;

    /// <summary>Features of one observation, with the default refractory period (<see cref="DefaultRefractoryMs"/>).</summary>
    /// <param name="voltage">Observed voltage (mV), one value per sample (noise included).</param>
    /// <param name="spikeSteps">Sample indices of the spikes, strictly increasing, within the trace.</param>
    /// <param name="dtMs">Sample interval (ms), &gt; 0.</param>
    public static double[] Compute(ReadOnlySpan<float> voltage, ReadOnlySpan<int> spikeSteps, double dtMs) =>
        Compute(voltage, spikeSteps, dtMs, DefaultRefractoryMs);

    /// <summary>Features of one observation with a given refractory period (ms, &gt;= 0).</summary>
    public static double[] Compute(ReadOnlySpan<float> voltage, ReadOnlySpan<int> spikeSteps, double dtMs, double trefMs)
    {
        if (voltage.IsEmpty) throw new ArgumentException("voltage must have at least one sample", nameof(voltage));
        if (!(dtMs > 0) || !double.IsFinite(dtMs)) throw new ArgumentException($"dtMs must be finite and > 0, got {dtMs}", nameof(dtMs));
        if (!(trefMs >= 0) || !double.IsFinite(trefMs)) throw new ArgumentException($"trefMs must be finite and >= 0, got {trefMs}", nameof(trefMs));
        for (int i = 0; i < voltage.Length; i++)
            if (!float.IsFinite(voltage[i])) throw new ArgumentException($"voltage[{i}] is not finite ({voltage[i]})", nameof(voltage));
        for (int s = 0; s < spikeSteps.Length; s++)
        {
            if ((uint)spikeSteps[s] >= (uint)voltage.Length)
                throw new ArgumentException($"spikeSteps[{s}] = {spikeSteps[s]} lies outside the trace of {voltage.Length} samples", nameof(spikeSteps));
            if (s > 0 && spikeSteps[s] <= spikeSteps[s - 1])
                throw new ArgumentException($"spikeSteps must be strictly increasing: [{s - 1}] = {spikeSteps[s - 1]}, [{s}] = {spikeSteps[s]}", nameof(spikeSteps));
        }
        int nRef = (int)Math.Ceiling(trefMs / dtMs - 1e-9);
        return new Trace(voltage, spikeSteps, dtMs, nRef).Features();
    }

    /// <summary>Features of every neuron of a batch recorded with <c>VoltageEvery = 1</c>, rows in neuron order,
    /// with the default refractory period. Computed in parallel over neurons; each row equals the single-trace call.</summary>
    public static double[][] Compute(LifBatchResult result) => Compute(result, DefaultRefractoryMs);

    /// <summary>As <see cref="Compute(LifBatchResult)"/> with a given refractory period (ms).</summary>
    public static double[][] Compute(LifBatchResult result, double trefMs)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Voltage is null || result.VoltageEvery != 1 || result.VoltageSamples != result.Samples)
            throw new ArgumentException("the batch must record every voltage sample (LifRunOptions.VoltageEvery = 1)", nameof(result));
        if (result.OverflowedCount > 0)
            throw new ArgumentException($"{result.OverflowedCount} neurons lost spike times (raise LifRunOptions.MaxSpikesPerNeuron)", nameof(result));
        var rows = new double[result.Count][];
        Parallel.For(0, result.Count, i => rows[i] = Compute(result.VoltageOf(i), result.SpikeSteps(i), result.DtMs, trefMs));
        return rows;
    }

    /// <summary>One trace cut into segments, and the work on it.</summary>
    private sealed class Trace
    {
        private readonly int[] spikes;
        private readonly float[] voltage;
        private readonly double dt;
        private readonly int n, nRef;
        private readonly double center;        // y = voltage - center (the model is translation-equivariant)
        private readonly double[] y;
        private readonly int[] j, seg;          // samples since the deterministic start; segment index
        private readonly int maxJ0, maxJ1;
        private readonly double[] count0, sum0, count1, sum1; // per j: samples and sum of y, segment 0 / later segments
        private readonly double[] pw;
        private readonly double total;          // sum of y^2
        private readonly double w0, w1, ySum0, ySum1; // samples and sum of y per segment group

        public Trace(ReadOnlySpan<float> voltage, ReadOnlySpan<int> spikeSteps, double dtMs, int refractorySteps)
        {
            spikes = spikeSteps.ToArray(); this.voltage = voltage.ToArray(); dt = dtMs; n = voltage.Length; nRef = refractorySteps;
            double m = 0;
            for (int i = 0; i < n; i++) m += voltage[i];
            center = m / n;
            y = new double[n]; j = new int[n]; seg = new int[n];
            int s = 0, start = 0;                // start: sample with j = 0 of the current segment (spike + nRef)
            for (int i = 0; i < n; i++)
            {
                if (s < spikes.Length && i == spikes[s]) { s++; start = i + nRef; }
                y[i] = voltage[i] - center;
                seg[i] = s;
                j[i] = s == 0 ? i : Math.Max(0, i - start);
            }
            for (int i = 0; i < n; i++) if (seg[i] == 0) maxJ0 = j[i]; else maxJ1 = Math.Max(maxJ1, j[i]);
            count0 = new double[maxJ0 + 1]; sum0 = new double[maxJ0 + 1];
            count1 = new double[maxJ1 + 1]; sum1 = new double[maxJ1 + 1];
            for (int i = 0; i < n; i++)
                if (seg[i] == 0) { count0[j[i]]++; sum0[j[i]] += y[i]; }
                else { count1[j[i]]++; sum1[j[i]] += y[i]; }
            pw = new double[Math.Max(maxJ0, maxJ1) + 1];
            for (int i = 0; i < n; i++) total += y[i] * y[i];
            for (int k = 0; k <= maxJ0; k++) { w0 += count0[k]; ySum0 += sum0[k]; }
            for (int k = 0; k <= maxJ1; k++) { w1 += count1[k]; ySum1 += sum1[k]; }
        }

        private bool HasSegment0 => spikes.Length == 0 || spikes[0] > 0;
        private bool IsFree(int i) => seg[i] == 0 || j[i] >= 1;

        /// <summary>Least squares at q = 1 - a: returns the residual sum of squares and (V_inf, V_init, V_reset), centred.</summary>
        private double Fit(double q, out double vInf, out double s0, out double s1)
        {
            // per segment group: P = sum w p, Q = sum w p^2, T = sum y p over samples, p = q^j
            double p0 = 0, q0 = 0, t0 = 0, p1 = 0, q1 = 0, t1 = 0, p = 1;
            for (int k = 0; k <= maxJ0 && HasSegment0; k++, p *= q)
            {
                double wp = count0[k] * p;
                p0 += wp; q0 += wp * p; t0 += sum0[k] * p;
            }
            p = 1;
            for (int k = 0; k <= maxJ1 && spikes.Length > 0; k++, p *= q)
            {
                double wp = count1[k] * p;
                p1 += wp; q1 += wp * p; t1 += sum1[k] * p;
            }
            // normal equations of y = V_inf (1 - p) + S_g p
            double a0 = q0, b0 = p0 - q0, y0 = t0, a1 = q1, b1 = p1 - q1, y1 = t1;
            double c = (w0 - 2 * p0 + q0) + (w1 - 2 * p1 + q1), yInf = (ySum0 - t0) + (ySum1 - t1);
            double denom = c, rhs = yInf;
            if (a0 > 0) { denom -= b0 * b0 / a0; rhs -= b0 * y0 / a0; }
            if (a1 > 0) { denom -= b1 * b1 / a1; rhs -= b1 * y1 / a1; }
            double explained;
            if (denom > 1e-12 * c)
            {
                vInf = rhs / denom;
                s0 = a0 > 0 ? (y0 - b0 * vInf) / a0 : 0;
                s1 = a1 > 0 ? (y1 - b1 * vInf) / a1 : 0;
                explained = vInf * yInf + s0 * y0 + s1 * y1;
            }
            else
            {
                // every sample at j = 0: no relaxation to see; levels are the segment means
                s0 = a0 > 0 ? y0 / a0 : 0;
                s1 = a1 > 0 ? y1 / a1 : 0;
                vInf = a1 > 0 ? s1 : s0;
                explained = s0 * y0 + s1 * y1;
            }
            return total - explained;
        }

        public double[] Features()
        {
            double duration = n * dt;
            var f = new double[names.Length];

            // --- least-squares fit, profile over log tau
            double tauLo = 2 * dt, tauHi = Math.Max(duration, 4 * dt);
            double uLo = Math.Log(tauLo), uHi = Math.Log(tauHi);
            double Rss(double u) => Fit(1 - dt / Math.Exp(u), out _, out _, out _);
            int best = 0; double bestRss = double.PositiveInfinity;
            var grid = new double[GridPoints];
            for (int g = 0; g < GridPoints; g++)
            {
                grid[g] = uLo + (uHi - uLo) * g / (GridPoints - 1);
                double rg = Rss(grid[g]);
                if (rg < bestRss) { bestRss = rg; best = g; }
            }
            double lo = grid[Math.Max(0, best - 1)], hi = grid[Math.Min(GridPoints - 1, best + 1)];
            double invPhi = (Math.Sqrt(5) - 1) / 2;
            double x1 = hi - invPhi * (hi - lo), x2 = lo + invPhi * (hi - lo);
            double f1 = Rss(x1), f2 = Rss(x2);
            for (int it = 0; it < GoldenIterations; it++)
            {
                if (f1 <= f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - invPhi * (hi - lo); f1 = Rss(x1); }
                else { lo = x1; x1 = x2; f1 = f2; x2 = lo + invPhi * (hi - lo); f2 = Rss(x2); }
            }
            double uBest = f1 <= f2 ? x1 : x2, rssBest = Math.Min(f1, f2);
            if (bestRss < rssBest) { uBest = grid[best]; rssBest = bestRss; }
            double tau = Math.Exp(uBest), a = dt / tau, q = 1 - a;
            Fit(q, out double vInfC, out double s0C, out double s1C);
            pw[0] = 1;
            for (int k = 1; k < pw.Length; k++) pw[k] = pw[k - 1] * q;
            double vInf = vInfC + center;
            double vInit = HasSegment0 ? s0C + center : vInfC + center;
            bool spiking = spikes.Length > 0;
            double vResetFit = spiking ? s1C + center : vInit;

            // --- residuals of the fit
            var r = new double[n];
            for (int i = 0; i < n; i++)
            {
                double level = seg[i] == 0 ? s0C : s1C;
                r[i] = y[i] - (vInfC + (level - vInfC) * pw[j[i]]);
            }

            // --- membrane fluctuations from residual autocovariances (lag >= 1: observation noise drops out)
            var qLag = new double[LongLagLast + 1];
            qLag[0] = 1;
            for (int lag = 1; lag <= LongLagLast; lag++) qLag[lag] = qLag[lag - 1] * q;
            // pairs (i, i + lag) inside one segment with i free and past its deterministic start (j_i >= 1);
            // E[r_i r_(i+lag)] = s2 (1 - q^(2 j_i)) q^lag, s2 the stationary variance
            double num = 0, den = 0, shortSum = 0, longSum = 0; long shortPairs = 0, longPairs = 0;
            for (int sg = 0; sg <= spikes.Length; sg++)
            {
                int begin = sg == 0 ? 1 : spikes[sg - 1] + nRef + 1;       // the row with j = 1
                int end = sg < spikes.Length ? spikes[sg] : n;
                for (int lag = ShortLagFirst; lag <= LongLagLast; lag++)
                {
                    int cnt = end - begin - lag;
                    if (cnt <= 0) break;
                    if (lag > ShortLagLast && lag < LongLagFirst) continue;
                    double dot = 0;
                    for (int i = begin; i < begin + cnt; i++) dot += r[i] * r[i + lag];
                    if (lag <= ShortLagLast)
                    {
                        // sum over j = 1..cnt of (1 - q^(2j)) = cnt - q^2 (1 - q^(2 cnt)) / (1 - q^2)
                        double built = cnt - q * q * (1 - pw[cnt] * pw[cnt]) / (1 - q * q);
                        num += dot; den += built * qLag[lag];
                        shortSum += dot; shortPairs += cnt;
                    }
                    else { longSum += dot; longPairs += cnt; }
                }
            }
            double fluctVar = den > 0 ? num / den : 0;

            // --- smoothed maximum of free samples within one segment
            double smoothMax = double.NegativeInfinity, window = 0; int run = 0;
            for (int i = 0; i < n; i++)
            {
                if (!IsFree(i) || (i > 0 && seg[i] != seg[i - 1])) { run = 0; window = 0; }
                if (!IsFree(i)) continue;
                window += y[i]; run++;
                if (run > SmoothWindow) window -= y[i - SmoothWindow];
                if (run >= SmoothWindow) smoothMax = Math.Max(smoothMax, window / SmoothWindow);
            }
            if (double.IsNegativeInfinity(smoothMax)) { smoothMax = y[0]; for (int i = 1; i < n; i++) smoothMax = Math.Max(smoothMax, y[i]); }
            smoothMax += center;

            // --- free-sample moments
            double freeSum = 0; int freeCount = 0;
            for (int i = 0; i < n; i++) if (IsFree(i)) { freeSum += y[i]; freeCount++; }
            bool anyFree = freeCount > 0;
            if (!anyFree) { freeCount = n; for (int i = 0; i < n; i++) freeSum += y[i]; }
            double freeMean = freeSum / freeCount, freeSs = 0;
            for (int i = 0; i < n; i++) if (!anyFree || IsFree(i)) freeSs += (y[i] - freeMean) * (y[i] - freeMean);

            // --- clamped samples: reset level
            double vResetClamp = vInit;
            if (spikes.Length > 0)
            {
                // deviations from the first spike's sample, so that equal samples give their value exactly
                double anchor = voltage[spikes[0]], clampSum = 0; int clampCount = 0;
                for (int i = 0; i < n; i++) if (!IsFree(i)) { clampSum += voltage[i] - anchor; clampCount++; }
                vResetClamp = anchor + clampSum / clampCount;
            }

            // --- spike timing
            int count = spikes.Length;
            double firstSpike = count > 0 ? spikes[0] * dt : duration;
            double isiMean = duration, isiCv = 0;
            if (count >= 2)
            {
                isiMean = (spikes[count - 1] - spikes[0]) * dt / (count - 1);
                if (count >= 3)
                {
                    double ss = 0;
                    for (int s = 1; s < count; s++) { double d = (spikes[s] - spikes[s - 1]) * dt - isiMean; ss += d * d; }
                    isiCv = Math.Sqrt(ss / (count - 1)) / isiMean;
                }
            }

            // --- threshold-side features
            double preSum = 0, projSum = 0, crossSum = 0; int preCount = 0, projCount = 0, crossCount = 0;
            for (int s = 0; s < count; s++)
            {
                int k = spikes[s];
                if (k >= 1 && IsFree(k - 1) && seg[k - 1] == s) { preSum += y[k - 1]; preCount++; }
                double acc = 0; int used = 0;
                for (int i = k - 1; i >= Math.Max(0, k - ProjectionSamples); i--)
                {
                    if (seg[i] != s || !IsFree(i)) break;
                    acc += vInfC + (y[i] - vInfC) * Math.Pow(q, k - 0.5 - i); used++;
                }
                if (used > 0) { projSum += acc / used; projCount++; }
                int jCross = s == 0 ? k : k - spikes[s - 1] - nRef;
                if (jCross >= 1)
                {
                    double level = s == 0 ? (HasSegment0 ? s0C : vInfC) : s1C;
                    crossSum += vInfC + (level - vInfC) * Math.Pow(q, jCross - 0.5); crossCount++;
                }
            }
            double preSpike = preCount > 0 ? preSum / preCount + center : smoothMax;
            double preProj = projCount > 0 ? projSum / projCount + center : smoothMax;
            double vthIsi = crossCount > 0 ? crossSum / crossCount + center : smoothMax;

            int c = 0;
            f[c++] = count;
            f[c++] = firstSpike;
            f[c++] = isiMean;
            f[c++] = isiCv;
            f[c++] = voltage[0];
            f[c++] = vInit;
            f[c++] = vResetClamp;
            f[c++] = vResetFit;
            f[c++] = vInf;
            f[c++] = tau;
            f[c++] = Math.Sqrt(Math.Max(rssBest, 0) / n);
            f[c++] = preSpike;
            f[c++] = preProj;
            f[c++] = vthIsi;
            f[c++] = smoothMax;
            f[c++] = freeMean + center;
            f[c++] = Math.Sqrt(freeSs / freeCount);
            f[c++] = fluctVar;
            f[c++] = shortPairs > 0 ? shortSum / shortPairs : 0;
            f[c++] = longPairs > 0 ? longSum / longPairs : 0;
            f[c++] = Math.Sqrt(Math.Max(fluctVar, 0) * (2 - a) / a);
            return f;
        }
    }
}
