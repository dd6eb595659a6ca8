using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>OU noise: the stationary mean, variance and autocorrelation e^(-lag/tau) at every step (exact
/// discretisation, started from the stationary law), over independent channels; and reproducibility by seed.</summary>
public class OrnsteinUhlenbeckStimulusTests
{
    private const int Channels = 20000;

    [Test]
    public void EnsembleHasTheStationaryMeanVarianceAndAutocorrelation()
    {
        const double mean = 1.5, sigma = 2.0, tau = 5.0, dt = 0.5;
        const int steps = 12;
        var ou = new OrnsteinUhlenbeckStimulus(mean, sigma, tau, seed: 1234, onsetMs: 0, durationMs: double.PositiveInfinity);
        var x = new double[Channels][];
        for (int c = 0; c < Channels; c++) x[c] = ou.Render(dt, steps, c);
        // 5 standard errors: mean SE = sigma / sqrt(N), variance SE = sigma^2 sqrt(2 / N), correlation SE ~ (1 - rho^2) / sqrt(N)
        double n = Channels;
        foreach (int step in new[] { 0, 5, 11 })
        {
            double m = x.Average(r => r[step]);
            double v = x.Sum(r => (r[step] - m) * (r[step] - m)) / (n - 1);
            Assert.That(m, Is.EqualTo(mean).Within(5 * sigma / Math.Sqrt(n)), $"mean at step {step}");
            Assert.That(v, Is.EqualTo(sigma * sigma).Within(5 * sigma * sigma * Math.Sqrt(2 / n)), $"variance at step {step}");
        }
        foreach (int lag in new[] { 1, 4, 10 })
        {
            double rho = Math.Exp(-lag * dt / tau);
            Assert.That(Pearson(x, 0, lag), Is.EqualTo(rho).Within(5 * (1 - rho * rho) / Math.Sqrt(n)), $"autocorrelation at lag {lag}");
        }
    }

    private static double Pearson(double[][] x, int i, int j)
    {
        double mi = x.Average(r => r[i]), mj = x.Average(r => r[j]);
        double sij = x.Sum(r => (r[i] - mi) * (r[j] - mj)), sii = x.Sum(r => (r[i] - mi) * (r[i] - mi)), sjj = x.Sum(r => (r[j] - mj) * (r[j] - mj));
        return sij / Math.Sqrt(sii * sjj);
    }

    [Test]
    public void SameSeedAndChannelRepeatOtherSeedsAndChannelsDiffer()
    {
        var a = new OrnsteinUhlenbeckStimulus(0, 1, 10, seed: 7, onsetMs: 2, durationMs: 50);
        var b = new OrnsteinUhlenbeckStimulus(0, 1, 10, seed: 7, onsetMs: 2, durationMs: 50);
        var c = new OrnsteinUhlenbeckStimulus(0, 1, 10, seed: 8, onsetMs: 2, durationMs: 50);
        double[] x = a.Render(0.1, 1000, 2);
        Assert.That(b.Render(0.1, 1000, 2), Is.EqualTo(x), "bit-identical for the same seed and channel");
        Assert.That(c.Render(0.1, 1000, 2), Is.Not.EqualTo(x));
        Assert.That(a.Render(0.1, 1000, 3), Is.Not.EqualTo(x));
        Assert.That(x.Take(20), Is.All.EqualTo(0.0), "zero before the onset");
        Assert.That(x.Skip(520), Is.All.EqualTo(0.0), "zero after the window");
        Assert.That(x.Skip(20).Take(500), Has.All.Not.EqualTo(0.0));
        // a longer render starts the same way (the process does not depend on how many steps follow)
        Assert.That(a.Render(0.1, 300, 2), Is.EqualTo(x.Take(300)));
    }

    [Test]
    public void ZeroSigmaIsTheMean()
    {
        Assert.That(new OrnsteinUhlenbeckStimulus(0.25, 0, 3, 1, 0, double.PositiveInfinity).Render(0.1, 50), Is.All.EqualTo(0.25));
    }
}
