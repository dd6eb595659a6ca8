using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Noiseless LIF runs against closed forms of the two schemes and against a transliteration
/// of the BayesFlow LIF project's loop (docs/lif-neurons.md).</summary>
public class LifNeuronBatchAnalyticTests
{
    /// <summary>(VTh, TauM, GL, VReset, VInit, EL, IMean, DtMs, TrefMs, TMs), all with V_inf &gt; V_th.</summary>
    private static readonly object[] Suprathreshold =
    [
        new object[] { -55.0, 10.0, 10.0, -75.0, -70.0, -70.0, 200.0, 0.2, 2.0, 200.0 },
        new object[] { -52.0, 5.0, 8.0, -68.0, -60.0, -65.0, 150.0, 0.1, 1.5, 150.0 },
        new object[] { -50.0, 20.0, 12.0, -80.0, -49.0, -60.0, 300.0, 0.25, 0.0, 300.0 }, // V_init above V_th, no refractoriness
        new object[] { -54.0, 7.3, 9.1, -71.0, -66.0, -68.0, 250.0, 0.2, 2.05, 400.0 },  // tref/dt not an integer
        new object[] { -51.5, 15.0, 6.0, -73.0, -72.5, -72.0, 140.0, 0.5, 3.0, 1000.0 },
    ];

    private static LifSettings Noiseless(LifScheme scheme, double iMean, double dt, double tref, double t) => new()
    {
        Scheme = scheme, IMean = iMean, IStd = 0, ObsNoiseStd = 0, DtMs = dt, TrefMs = tref, TMs = t,
    };

    /// <summary>ceil(x) where x is asserted not to lie within 1e-6 of an integer, so that floating-point
    /// rounding of the closed form cannot move the answer.</summary>
    private static int SafeCeil(double x)
    {
        double frac = x - Math.Floor(x);
        Assert.That(frac, Is.GreaterThan(1e-6).And.LessThan(1 - 1e-6), $"test case too close to a step boundary: {x}");
        return (int)Math.Ceiling(x);
    }

    [TestCaseSource(nameof(Suprathreshold))]
    public void EulerReferenceSpikeTimesFollowTheGeometricClosedForm(double vTh, double tau, double gL, double vReset,
        double vInit, double eL, double iMean, double dt, double tref, double t)
    {
        var p = new LifParameters(vTh, tau, gL, vReset, vInit, eL);
        var s = Noiseless(LifScheme.EulerReference, iMean, dt, tref, t);
        double vInf = eL + iMean / gL, a = dt / tau;
        int nRef = (int)Math.Ceiling(tref / dt);
        long lt = (long)Math.Ceiling(t / dt);
        // V_{k+n_ref+j} - V_inf = (1 - a)^j (V_reset - V_inf); first j with V >= V_th
        int j = SafeCeil(Math.Log((vInf - vTh) / (vInf - vReset)) / Math.Log(1 - a));
        int first = vInit >= vTh ? 0 : SafeCeil(Math.Log((vInf - vTh) / (vInf - vInit)) / Math.Log(1 - a));
        var expected = LifTestSupport.PeriodicSpikes(first, nRef + j, lt);
        Assert.That(expected.Count, Is.GreaterThan(2));

        foreach (int simd in new[] { 1, 0 })
        {
            var r = LifNeuronBatch.Simulate([p], s, new LifRunOptions { Seed = 3, Simd = simd });
            Assert.That(r.Samples, Is.EqualTo(lt));
            Assert.That(r.SpikeCounts[0], Is.EqualTo(expected.Count), $"simd {simd}");
            Assert.That(r.SpikeSteps(0).ToArray(), Is.EqualTo(expected.ToArray()), $"simd {simd}");
            Assert.That(r.SpikeTimesMs(0), Is.EqualTo(expected.Select(k => k * dt).ToArray()), $"simd {simd}");
            Assert.That(r.SpikeTimesOverflowed[0], Is.False);
        }
    }

    [TestCaseSource(nameof(Suprathreshold))]
    public void ExactSchemeInterspikeIntervalIsRefractoryPlusLogTime(double vTh, double tau, double gL, double vReset,
        double vInit, double eL, double iMean, double dt, double tref, double t)
    {
        var p = new LifParameters(vTh, tau, gL, vReset, vInit, eL);
        var s = Noiseless(LifScheme.Exact, iMean, dt, tref, t);
        double mu = eL + iMean / gL;
        int nRef = (int)Math.Ceiling(tref / dt);
        long lt = (long)Math.Ceiling(t / dt);
        double tCross = tau * Math.Log((vReset - mu) / (vTh - mu)); // ms from V_reset to V_th
        int j = SafeCeil(tCross / dt);
        int first = vInit >= vTh ? 0 : SafeCeil(tau * Math.Log((vInit - mu) / (vTh - mu)) / dt);
        var expected = LifTestSupport.PeriodicSpikes(first, nRef + j, lt);
        Assert.That(expected.Count, Is.GreaterThan(2));

        var r = LifNeuronBatch.Simulate([p], s, new LifRunOptions { Seed = 3 });
        Assert.That(r.SpikeCounts[0], Is.EqualTo(expected.Count));
        var steps = r.SpikeSteps(0).ToArray();
        Assert.That(steps, Is.EqualTo(expected.ToArray()));
        for (int i = 1; i < steps.Length; i++)
        {
            double isiMs = (steps[i] - steps[i - 1]) * dt;
            // within one step (plus the rounding of tref up to whole steps) of tref + tau ln(...)
            Assert.That(isiMs - (tref + tCross), Is.GreaterThanOrEqualTo(-1e-9).And.LessThan(2 * dt + 1e-9));
        }
    }

    private static readonly object[] Subthreshold =
    [
        new object[] { -50.0, 10.0, 10.0, -75.0, -70.0, -70.0, 150.0 }, // V_inf = -55, rising from V_init
        new object[] { -45.0, 6.0, 14.0, -80.0, -66.0, -62.0, -100.0 }, // V_inf below E_L, falling
        new object[] { -52.0, 18.0, 5.0, -70.0, -68.0, -65.0, 60.0 },   // V_inf = -53
    ];

    [TestCaseSource(nameof(Subthreshold))]
    public void BelowThresholdTraceFollowsEachSchemesClosedForm(double vTh, double tau, double gL, double vReset,
        double vInit, double eL, double iMean)
    {
        var p = new LifParameters(vTh, tau, gL, vReset, vInit, eL);
        double vInf = eL + iMean / gL;
        Assert.That(vInf, Is.LessThan(vTh - 0.5));
        foreach (var scheme in new[] { LifScheme.EulerReference, LifScheme.Exact })
        {
            var s = Noiseless(scheme, iMean, 0.2, 2.0, 200.0);
            var r = LifNeuronBatch.Simulate([p], s, new LifRunOptions { VoltageEvery = 1, Seed = 9 });
            Assert.That(r.SpikeCounts[0], Is.Zero, scheme.ToString());
            Assert.That(r.VoltageSamples, Is.EqualTo(1000));
            double factor = scheme == LifScheme.EulerReference ? 1 - 0.2 / tau : Math.Exp(-0.2 / tau);
            var v = r.VoltageOf(0);
            double sum = 0;
            for (int k = 0; k < 1000; k++)
            {
                double closed = vInf + Math.Pow(factor, k) * (vInit - vInf);
                sum += closed;
                Assert.That((double)v[k], Is.EqualTo(closed).Within(1e-5), $"{scheme} sample {k}");
            }
            Assert.That(r.MeanV[0], Is.EqualTo(sum / 1000).Within(1e-9).Percent, scheme.ToString());
        }
    }

    [TestCase(1)]
    [TestCase(0)]
    public void EulerReferenceMatchesTheSeedLoopExactlyForPriorNeurons(int simd)
    {
        var theta = LifPrior.Default.Sample(200, seed: 45);
        var s = new LifSettings { IStd = 0, ObsNoiseStd = 0 };
        var r = LifNeuronBatch.Simulate(theta, s, new LifRunOptions { VoltageEvery = 1, Seed = 1, Simd = simd, Threads = 2 });
        int spiking = 0;
        for (int i = 0; i < theta.Length; i++)
        {
            var (trace, spikes) = LifTestSupport.SeedLoopNoiseless(theta[i], s);
            if (spikes.Count > 0) spiking++;
            Assert.That(r.SpikeCounts[i], Is.EqualTo(spikes.Count), $"neuron {i}");
            Assert.That(r.SpikeSteps(i).ToArray(), Is.EqualTo(spikes.ToArray()), $"neuron {i}");
            var v = r.VoltageOf(i);
            for (int k = 0; k < trace.Length; k++)
                if ((float)trace[k] != v[k])
                    Assert.Fail($"neuron {i} sample {k}: seed loop {trace[k]:R} (float {(float)trace[k]:R}), engine {v[k]:R}");
            double sum = 0;
            foreach (double x in trace) sum += x;
            Assert.That(r.MeanV[i], Is.EqualTo(sum / trace.Length), $"neuron {i} mean_v");
        }
        // the prior gives both firing and silent neurons under the default drive
        Assert.That(spiking, Is.GreaterThan(20).And.LessThan(200));
    }
}
