using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class MeanFieldTests
{
    // Reference values from scipy (Debian python3-scipy): 1000 / (tau_ref + tau_m * quad(lambda u:
    // sqrt(pi) * erfcx(-u), y_r, y_th, epsabs=1e-12, epsrel=1e-12)) with y = (V - mu) / sigma + b_s,
    // b_s = 1.0326265761206856 * sqrt(tau_s / tau_m).
    [TestCase(15.0, 5.0, 20, 0, 2, 20, 10, 9.460799805759127)]
    [TestCase(25.0, 3.0, 20, 0, 2, 20, 10, 44.07059177362892)]
    [TestCase(5.0, 2.0, 20, 0, 2, 20, 10, 7.806233167999056e-23)]
    [TestCase(10.0, 4.0, 20, 5, 5, 15, 0, 1.7319407257837705)]
    [TestCase(1.2, 0.5, 20, 5, 5, 1.5, 0.0, 6.997443273107778)]
    public void TransferFunctionMatchesScipy(double mu, double sigma, double tauM, double tauS, double tauRef, double theta, double reset, double expected)
    {
        double rate = LifTransferFunction.RateHz(mu, sigma, tauM, tauS, tauRef, theta, reset);
        Assert.That(rate, Is.EqualTo(expected).Within(1e-9 * expected));
    }

    [Test]
    public void SaturatedRateApproachesTheRefractoryLimit()
    {
        // mu far above threshold: 1/nu -> tau_ref + tau_m ln((mu - V_r) / (mu - theta)) (noise-free LIF)
        double rate = LifTransferFunction.RateHz(1000, 0.01, 20, 0, 2, 20, 10);
        double expected = 1000 / (2 + 20 * Math.Log((1000 - 10) / (1000 - 20.0)));
        Assert.That(rate, Is.EqualTo(expected).Within(1e-6 * expected));
    }

    public static LifMeanFieldModel Brunel(double g = 5, double nuExt = 25) => new()
    {
        C = new double[,] { { 800, 200 }, { 800, 200 } },
        J = new double[,] { { 0.1, -0.1 * g }, { 0.1, -0.1 * g } },
        JExt = [0.1, 0.1], CExt = [800, 800], NuExtHz = [nuExt, nuExt],
        TauMMs = [20, 20], TauSMs = [0, 0], Threshold = [20, 20], Reset = [10, 10], TauRefMs = [2, 2],
    };

    [Test]
    public void BrunelFixedPointMatchesScipyAndIsStable()
    {
        var points = new MeanFieldSolver(Brunel()).Solve([[0.0, 0.0], [10.0, 10.0], [100.0, 100.0]]);
        var fixedPoint = points.Single(p => p.Converged);
        // scipy brentq on the 1-D reduction (E and I are identical): 43.23319892843266 Hz
        Assert.That(fixedPoint.RatesHz[0], Is.EqualTo(43.23319892843266).Within(1e-7));
        Assert.That(fixedPoint.RatesHz[1], Is.EqualTo(43.23319892843266).Within(1e-7));
        var phi = Brunel().Transfer(fixedPoint.RatesHz);
        Assert.That(phi[0], Is.EqualTo(fixedPoint.RatesHz[0]).Within(1e-8));
        Assert.That(fixedPoint.Label, Is.EqualTo("stable node"));
    }

    [Test]
    public void ReferenceReadmeExampleIsSaturated()
    {
        // specs/meanfield.md: mu ~ 103.8 >> threshold, rates about 188 and 194 Hz
        var model = new LifMeanFieldModel
        {
            C = new double[,] { { 1, 1 }, { 1, 1 } }, J = new double[,] { { 0.1, 0.1 }, { 0.1, 0.1 } },
            JExt = [2.3, 2.3], CExt = [320, 320], NuExtHz = [7, 7], TauMMs = [20, 20], TauSMs = [5, 5],
            Threshold = [1.5, 0.75], Reset = [0, 0], TauRefMs = [5, 5],
        };
        var point = new MeanFieldSolver(model).Solve([[0.0, 0.0], [10.0, 10.0]]).Single(p => p.Converged);
        Assert.That(point.RatesHz[0], Is.EqualTo(188).Within(1));
        Assert.That(point.RatesHz[1], Is.EqualTo(194).Within(1));
        Assert.That(model.Mu(point.RatesHz)[0], Is.EqualTo(103.8).Within(0.1));
    }

    [Test]
    public void NetworkSpecMapsToTheSameMeanField()
    {
        var model = NetworkMeanField.From(StandardNetworks.Brunel(10_000, 5, 2));
        var point = new MeanFieldSolver(model).Solve([[10.0, 10.0]]).Single(p => p.Converged);
        Assert.That(point.RatesHz[0], Is.EqualTo(43.23319892843266).Within(1e-6));
        Assert.Throws<ArgumentException>(() => NetworkMeanField.From(StandardNetworks.Coba()));
    }

    [Test]
    public void LabelRulesFollowTheReferenceOrder()
    {
        System.Numerics.Complex C(double re, double im = 0) => new(re, im);
        Assert.That(FixedPointStability.Label([C(-1, 2), C(-1, -2)]), Is.EqualTo("stable node")); // stable focus called node
        Assert.That(FixedPointStability.Label([C(1), C(2)]), Is.EqualTo("unstable node"));
        Assert.That(FixedPointStability.Label([C(-1), C(2)]), Is.EqualTo("saddle"));
        Assert.That(FixedPointStability.Label([C(0, 1), C(0, -1), C(-1)]), Is.EqualTo("spiral saddle"));
        Assert.That(FixedPointStability.Label([C(0), C(-1)]), Is.EqualTo("neutral / marginal"));
    }

    [Test]
    public void RejectsBadInput()
    {
        var bad = Brunel() with { TauMMs = [20] };
        var ex = Assert.Throws<ArgumentException>(() => new MeanFieldSolver(bad).Solve([[0.0, 0.0]]));
        Assert.That(ex!.Message, Does.Contain("tau_membrane_ms"));
        ex = Assert.Throws<ArgumentException>(() => new MeanFieldSolver(Brunel() with { Reset = [25, 10] }).Solve([[0.0, 0.0]]));
        Assert.That(ex!.Message, Does.Contain("reset_voltage"));
    }

    [Test]
    public void SimulatedBrunelRatesAgreeWithTheMeanFieldWithinTenPercent()
    {
        // N = 10,000, g = 5, eta = 2: the asynchronous irregular state; 1 s after a 200 ms transient
        using var sim = LifNetworkSimulation.Single(StandardNetworks.Brunel(10_000, 5, 2), 3);
        var result = sim.Run(1200)[0];
        double prediction = new MeanFieldSolver(Brunel()).Solve([[10.0, 10.0]]).Single(p => p.Converged).RatesHz[0];
        for (int p = 0; p < 2; p++)
        {
            double rate = SpikeTrainStatistics.Of(result, p, 200).RateHz;
            Assert.That(rate, Is.EqualTo(prediction).Within(0.10 * prediction), $"population {p}");
        }
    }
}
