using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Without a threshold the membrane potential is a Gaussian AR(1) process (euler-reference)
/// or an exactly sampled Ornstein-Uhlenbeck process (exact); the stationary moments and the lag-1
/// correlation across 20,000 independent neurons must match the closed forms.</summary>
public class LifNeuronBatchNoiseTests
{
    private const int Neurons = 20_000;

    [TestCase(LifScheme.EulerReference, 10.0, 0.2, 10.0, 200.0, 50.0, -70.0)]
    [TestCase(LifScheme.EulerReference, 5.0, 0.5, 8.0, 120.0, 80.0, -65.0)]
    [TestCase(LifScheme.Exact, 10.0, 0.2, 10.0, 200.0, 50.0, -70.0)]
    [TestCase(LifScheme.Exact, 10.0, 1.0, 10.0, 200.0, 50.0, -70.0)]
    [TestCase(LifScheme.Exact, 4.0, 0.05, 12.0, -60.0, 30.0, -60.0)]
    public void StationaryMomentsMatchClosedForm(LifScheme scheme, double tau, double dt, double gL, double iMean,
        double iStd, double eL)
    {
        // burn-in > 12 tau, then two recorded samples at the end of the run
        long lt = (long)Math.Ceiling(12 * tau / dt) + 2;
        var s = new LifSettings
        {
            Scheme = scheme, TMs = lt * dt - dt / 2, DtMs = dt, IMean = iMean, IStd = iStd, ObsNoiseStd = 0,
            VClipLo = -1e4, VClipHi = 1e4, TrefMs = 2,
        };
        Assert.That(s.Samples, Is.EqualTo(lt));
        var p = new LifParameters(1000, tau, gL, -80, -75, eL);
        var theta = Enumerable.Repeat(p, Neurons).ToArray();
        var r = LifNeuronBatch.Simulate(theta, s, new LifRunOptions { Seed = 2024, VoltageEvery = 1, Threads = 2 });
        Assert.That(r.SpikeCounts.Sum(), Is.Zero);

        double mean = eL + iMean / gL, c = iStd / gL, h = dt / tau;
        double variance, rho;
        if (scheme == LifScheme.EulerReference)
        {
            // v' - m = (1 - a)(v - m) + a c z: var = a^2 c^2 / (1 - (1-a)^2) = a c^2 / (2 - a)
            variance = h * c * c / (2 - h);
            rho = 1 - h;
        }
        else
        {
            variance = c * c / 2; // independent of dt
            rho = Math.Exp(-h);
        }
        var x = LifTestSupport.Column(r, lt - 2);
        var y = LifTestSupport.Column(r, lt - 1);
        foreach (var col in new[] { x, y })
        {
            var (m, v) = LifTestSupport.MeanVar(col);
            double seMean = Math.Sqrt(variance / Neurons), seVar = variance * Math.Sqrt(2.0 / (Neurons - 1));
            Assert.That(m, Is.EqualTo(mean).Within(3 * seMean), "stationary mean");
            Assert.That(v, Is.EqualTo(variance).Within(3 * seVar), "stationary variance");
        }
        double seRho = (1 - rho * rho) / Math.Sqrt(Neurons);
        Assert.That(LifTestSupport.Correlation(x, y), Is.EqualTo(rho).Within(3 * seRho + 1e-6), "lag-1 correlation");
    }

    [Test]
    public void ObservationNoiseIsAddedOnlyToTheRecordedVoltage()
    {
        // noiseless dynamics held at rest: recorded = E_L + N(0, obs^2); mean_v and spikes unaffected
        const double obs = 2.5;
        var p = new LifParameters(-50, 10, 10, -80, -70, -70);
        var theta = Enumerable.Repeat(p, Neurons).ToArray();
        var s = new LifSettings { IMean = 0, IStd = 0, ObsNoiseStd = obs, TMs = 2.0, DtMs = 0.2 };
        var r = LifNeuronBatch.Simulate(theta, s, new LifRunOptions { Seed = 5, VoltageEvery = 1 });
        Assert.That(r.MeanV.All(m => m == -70.0), Is.True);
        Assert.That(r.SpikeCounts.Sum(), Is.Zero);
        for (int k = 0; k < r.VoltageSamples; k += 3)
        {
            var (m, v) = LifTestSupport.MeanVar(LifTestSupport.Column(r, k));
            Assert.That(m, Is.EqualTo(-70).Within(3 * obs / Math.Sqrt(Neurons)), $"sample {k}");
            Assert.That(v, Is.EqualTo(obs * obs).Within(3 * obs * obs * Math.Sqrt(2.0 / (Neurons - 1))), $"sample {k}");
        }
        // independent across samples
        double corr = LifTestSupport.Correlation(LifTestSupport.Column(r, 3), LifTestSupport.Column(r, 4));
        Assert.That(corr, Is.EqualTo(0).Within(3 / Math.Sqrt(Neurons)));
    }

    [Test]
    public void VoltageEveryRecordsEveryKthSample()
    {
        var theta = LifPrior.Default.Sample(64, seed: 45);
        var s = new LifSettings { ObsNoiseStd = 0 };
        var full = LifNeuronBatch.Simulate(theta, s, new LifRunOptions { Seed = 8, VoltageEvery = 1 });
        var sub = LifNeuronBatch.Simulate(theta, s, new LifRunOptions { Seed = 8, VoltageEvery = 7 });
        Assert.That(sub.VoltageSamples, Is.EqualTo((1000 + 6) / 7));
        for (int i = 0; i < theta.Length; i++)
            for (int c = 0; c < sub.VoltageSamples; c++)
                Assert.That(sub.VoltageOf(i)[c], Is.EqualTo(full.VoltageOf(i)[c * 7]), $"neuron {i} column {c}");
        Assert.That(sub.SpikeCounts, Is.EqualTo(full.SpikeCounts));
    }
}
