using NeuroEngine.Pipelines;
using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests.Pipelines;

/// <summary>Summary features of single LIF traces: finite everywhere, exact on noiseless traces, the AR(1)
/// fluctuation variance of the discretised membrane, determinism and input checks.</summary>
public class LifSummaryFeaturesTests
{
    private static int Col(string name)
    {
        int c = LifSummaryFeatures.Names.ToList().IndexOf(name);
        Assert.That(c, Is.GreaterThanOrEqualTo(0), $"feature {name} missing");
        return c;
    }

    private static LifBatchResult Run(LifParameters[] theta, LifSettings settings, ulong seed = 11) =>
        LifNeuronBatch.Simulate(theta, settings, new LifRunOptions { Seed = seed, VoltageEvery = 1 });

    [Test]
    public void NamesAreUniqueAndMatchTheRowLength()
    {
        Assert.That(LifSummaryFeatures.Names, Is.Unique);
        var row = LifSummaryFeatures.Compute(new float[] { -70, -69.5f, -69 }, [], 0.2);
        Assert.That(row, Has.Length.EqualTo(LifSummaryFeatures.Names.Count));
    }

    [Test]
    public void FeaturesAreFiniteForPriorSamplesAndExtremeNeurons()
    {
        var theta = LifPrior.Default.Sample(600, seed: 45).ToList();
        theta.Add(new LifParameters(-50, 20, 15, -85, -80, -75));     // V_inf = -61.7 < V_th: silent
        theta.Add(new LifParameters(-60, 5, 5, -66, -65.5, -60));     // V_inf = -20: fires as fast as it can
        theta.Add(new LifParameters(-60, 5, 5, -85, -80, -60));       // tau_m and g_L at their lower clip
        theta.Add(new LifParameters(-50, 20, 15, -70, -69, -62));      // both at the upper clip
        var r = Run(theta.ToArray(), new LifSettings());
        var rows = LifSummaryFeatures.Compute(r);
        Assert.That(rows, Has.Length.EqualTo(theta.Count));
        for (int i = 0; i < rows.Length; i++)
            for (int c = 0; c < rows[i].Length; c++)
                Assert.That(double.IsFinite(rows[i][c]), $"neuron {i} ({theta[i]}): {LifSummaryFeatures.Names[c]} = {rows[i][c]}");
        Assert.That(r.SpikeCounts.Count(x => x == 0), Is.GreaterThan(10), "the prior sample should hold silent neurons");
        Assert.That(r.SpikeCounts.Count(x => x == 1), Is.GreaterThan(0), "and neurons with one spike");
        Assert.That(r.SpikeCounts[theta.Count - 3], Is.GreaterThan(40), "the fast neuron should fire fast");
        Assert.That(r.SpikeCounts[theta.Count - 4], Is.Zero);
        Assert.That(rows[theta.Count - 4][Col("first_spike_ms")], Is.EqualTo(200.0), "silent: first spike time falls back to T");
    }

    /// <summary>Hand-made spike trains the simulator rarely or never produces: spikes at the first and last
    /// sample, every sample clamped, one- and two-sample traces, refractory periods of zero and longer than the trace.</summary>
    [Test]
    public void FeaturesAreFiniteForDegenerateTraces()
    {
        var rng = new System.Random(3);
        float[] Noise(int n) => Enumerable.Range(0, n).Select(_ => (float)(-60 + rng.NextDouble())).ToArray();
        var cases = new (float[] V, int[] S, double Tref)[]
        {
            (Noise(1), [], 2), (Noise(1), [0], 2), (Noise(2), [1], 2), (Noise(2), [0, 1], 0),
            (Noise(100), [0], 2), (Noise(100), [99], 2), (Noise(100), [50], 2), (Noise(100), [3, 60], 2),
            (Noise(110), Enumerable.Range(0, 10).Select(k => 11 * k).ToArray(), 2),   // clamped throughout
            (Noise(100), [10, 20], 50), (Noise(100), [10, 11, 12, 13], 0), (new float[300], [], 2),
        };
        foreach (var (v, s, tref) in cases)
        {
            var row = LifSummaryFeatures.Compute(v, s, 0.2, tref);
            for (int c = 0; c < row.Length; c++)
                Assert.That(double.IsFinite(row[c]), $"n = {v.Length}, spikes [{string.Join(",", s)}], tref {tref}: {LifSummaryFeatures.Names[c]} = {row[c]}");
        }
    }

    [Test]
    public void NoiselessFiringTraceGivesTheParametersBack()
    {
        var p = new LifParameters(VTh: -55, TauM: 10, GL: 10, VReset: -75, VInit: -70, EL: -70);   // V_inf = -50
        var s = new LifSettings { IStd = 0, ObsNoiseStd = 0 };
        var r = Run([p], s);
        Assert.That(r.SpikeCounts[0], Is.GreaterThan(5));
        var f = LifSummaryFeatures.Compute(r.VoltageOf(0), r.SpikeSteps(0), s.DtMs);

        Assert.That(f[Col("v_reset_clamp")], Is.EqualTo((double)(float)p.VReset), "the clamp mean is the reset level exactly");
        Assert.That(f[Col("v_first")], Is.EqualTo((double)(float)p.VInit));
        Assert.That(f[Col("spike_count")], Is.EqualTo(r.SpikeCounts[0]));
        Assert.That(f[Col("first_spike_ms")], Is.EqualTo(r.SpikeSteps(0)[0] * s.DtMs).Within(1e-12));
        // float32 samples: the fit is exact up to their rounding
        Assert.That(f[Col("tau_fit_ms")], Is.EqualTo(p.TauM).Within(1e-3 * p.TauM), "tau_fit within 0.1 %");
        Assert.That(f[Col("v_inf_fit")], Is.EqualTo(p.EL + s.IMean / p.GL).Within(1e-3));
        Assert.That(f[Col("v_init_fit")], Is.EqualTo(p.VInit).Within(1e-3));
        Assert.That(f[Col("v_reset_fit")], Is.EqualTo(p.VReset).Within(1e-3));
        Assert.That(f[Col("fit_resid_sd")], Is.LessThan(1e-3));
        // the crossing lies between the last sample below V_th and the first at or above it
        double step = s.DtMs / p.TauM * (p.EL + s.IMean / p.GL - p.VTh);   // the Euler step near threshold
        Assert.That(f[Col("pre_spike_v")], Is.LessThan(p.VTh).And.GreaterThan(p.VTh - 1.01 * step));
        Assert.That(f[Col("vth_from_isi")], Is.EqualTo(p.VTh).Within(step));
        Assert.That(f[Col("pre_spike_proj")], Is.EqualTo(p.VTh).Within(step));
        Assert.That(f[Col("fluct_var")], Is.EqualTo(0).Within(1e-6));
    }

    [Test]
    public void NoiselessSilentTraceRelaxesFromVInitWithTauM()
    {
        var p = new LifParameters(VTh: -50, TauM: 14, GL: 12, VReset: -78, VInit: -74, EL: -72);   // V_inf = -55.3
        var s = new LifSettings { IStd = 0, ObsNoiseStd = 0 };
        var r = Run([p], s);
        Assert.That(r.SpikeCounts[0], Is.Zero);
        var f = LifSummaryFeatures.Compute(r.VoltageOf(0), r.SpikeSteps(0), s.DtMs);
        Assert.That(f[Col("v_first")], Is.EqualTo((double)(float)p.VInit));
        Assert.That(f[Col("tau_fit_ms")], Is.EqualTo(p.TauM).Within(1e-3 * p.TauM));
        Assert.That(f[Col("v_inf_fit")], Is.EqualTo(p.EL + s.IMean / p.GL).Within(1e-3));
        Assert.That(f[Col("v_init_fit")], Is.EqualTo(p.VInit).Within(1e-3));
        Assert.That(f[Col("v_reset_clamp")], Is.EqualTo(f[Col("v_init_fit")]), "no spike: reset falls back to the V_init fit");
        Assert.That(f[Col("isi_mean_ms")], Is.EqualTo(200.0));
        Assert.That(f[Col("isi_cv")], Is.Zero);
    }

    /// <summary>A silent neuron observed for 20 s: the membrane is the AR(1) of the discretised membrane,
    /// stationary variance a sigma_I^2 / (g_L^2 (2 - a)) with a = dt / tau_m; the observation noise (1 mV, four
    /// times that variance) must not leak into the estimate. With 1e5 samples and a correlation time of
    /// tau_m/dt = 50 samples the estimate's relative sd is about 3 %; the tolerance is 10 %.</summary>
    [Test]
    public void FluctuationVarianceMatchesTheAr1ClosedForm()
    {
        var p = new LifParameters(VTh: -40, TauM: 10, GL: 10, VReset: -75, VInit: -70, EL: -70);
        var s = new LifSettings { TMs = 20_000 };
        double a = s.DtMs / p.TauM, expected = a * s.IStd * s.IStd / (p.GL * p.GL * (2 - a));
        var r = Run([p], s, seed: 5);
        Assert.That(r.SpikeCounts[0], Is.Zero);
        var f = LifSummaryFeatures.Compute(r.VoltageOf(0), r.SpikeSteps(0), s.DtMs);
        TestContext.Out.WriteLine($"fluct_var {f[Col("fluct_var")]:F4} (closed form {expected:F4}), noise_over_gl {f[Col("noise_over_gl")]:F3}");
        Assert.That(f[Col("fluct_var")], Is.EqualTo(expected).Within(0.10 * expected));
        Assert.That(f[Col("noise_over_gl")], Is.EqualTo(s.IStd / p.GL).Within(0.05 * s.IStd / p.GL));
        Assert.That(f[Col("v_inf_fit")], Is.EqualTo(p.EL + s.IMean / p.GL).Within(0.05));
        // residual = observation noise plus the fluctuations
        Assert.That(f[Col("fit_resid_sd")], Is.EqualTo(Math.Sqrt(s.ObsNoiseStd * s.ObsNoiseStd + expected)).Within(0.02));
        // the same neuron at tau_m = 5: the closed form changes with a
        var p5 = p with { TauM = 5 };
        double a5 = s.DtMs / p5.TauM, expected5 = a5 * s.IStd * s.IStd / (p5.GL * p5.GL * (2 - a5));
        var r5 = Run([p5], s, seed: 6);
        var f5 = LifSummaryFeatures.Compute(r5.VoltageOf(0), r5.SpikeSteps(0), s.DtMs);
        TestContext.Out.WriteLine($"tau_m 5: fluct_var {f5[Col("fluct_var")]:F4} (closed form {expected5:F4})");
        Assert.That(f5[Col("fluct_var")], Is.EqualTo(expected5).Within(0.10 * expected5));
    }

    [Test]
    public void DeterministicAndBatchRowsEqualSingleTraces()
    {
        var theta = LifPrior.Default.Sample(200, seed: 7);
        var r = Run(theta, new LifSettings(), seed: 7);
        var rows = LifSummaryFeatures.Compute(r);
        var again = LifSummaryFeatures.Compute(r);
        for (int i = 0; i < theta.Length; i++)
        {
            Assert.That(again[i], Is.EqualTo(rows[i]), $"neuron {i}");
            Assert.That(LifSummaryFeatures.Compute(r.VoltageOf(i), r.SpikeSteps(i), r.DtMs), Is.EqualTo(rows[i]), $"neuron {i}");
        }
    }

    [Test]
    public void BadInputIsRejectedNamingTheParameter()
    {
        var v = new float[] { -70, -69, -68, -67 };
        Assert.That(() => LifSummaryFeatures.Compute([], [], 0.2), Throws.ArgumentException.With.Property("ParamName").EqualTo("voltage"));
        Assert.That(() => LifSummaryFeatures.Compute(new float[] { -70, float.NaN }, [], 0.2),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("voltage"));
        foreach (double dt in new[] { 0.0, -0.2, double.NaN, double.PositiveInfinity })
            Assert.That(() => LifSummaryFeatures.Compute(v, [], dt), Throws.ArgumentException.With.Property("ParamName").EqualTo("dtMs"), $"dt {dt}");
        foreach (var s in new[] { new[] { -1 }, new[] { 4 }, new[] { 2, 2 }, new[] { 3, 1 } })
            Assert.That(() => LifSummaryFeatures.Compute(v, s, 0.2), Throws.ArgumentException.With.Property("ParamName").EqualTo("spikeSteps"),
                $"spikes [{string.Join(",", s)}]");
        Assert.That(() => LifSummaryFeatures.Compute(v, [], 0.2, -1), Throws.ArgumentException.With.Property("ParamName").EqualTo("trefMs"));

        var noVoltage = LifNeuronBatch.Simulate(LifPrior.Default.Sample(2, 1), new LifSettings(), new LifRunOptions());
        Assert.That(() => LifSummaryFeatures.Compute(noVoltage), Throws.ArgumentException.With.Property("ParamName").EqualTo("result"));
        var sparse = LifNeuronBatch.Simulate(LifPrior.Default.Sample(2, 1), new LifSettings(), new LifRunOptions { VoltageEvery = 2 });
        Assert.That(() => LifSummaryFeatures.Compute(sparse), Throws.ArgumentException.With.Property("ParamName").EqualTo("result"));
        var truncated = LifNeuronBatch.Simulate([new LifParameters(-60, 5, 5, -66, -65.5, -60)], new LifSettings(),
            new LifRunOptions { VoltageEvery = 1, MaxSpikesPerNeuron = 2 });
        Assert.That(() => LifSummaryFeatures.Compute(truncated), Throws.ArgumentException.With.Property("ParamName").EqualTo("result"));
        Assert.That(() => LifSummaryFeatures.Compute(null!), Throws.ArgumentNullException);
    }
}
