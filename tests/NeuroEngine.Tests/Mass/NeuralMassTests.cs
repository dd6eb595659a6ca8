using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>Noise-free single nodes against properties of their equations, delays, reproducibility.</summary>
public class NeuralMassTests
{
    private static NeuralMassResult Single(NeuralMassParameters p, double x0, double y0, double dt, double duration, double sample) =>
        NeuralMassNetwork.Run([p], new double[1, 1], null, [[x0, y0]], dt, duration, sample, 1);

    [Test]
    public void HopfSettlesOnItsLimitCycleWithRadiusSqrtAAndFrequencyW()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Hopf); // a = 0.25, w = 0.2 rad/ms
        var r = Single(p, 0.1, 0.0, 0.001, 400, 0.01);
        int n = r.TimesMs.Length;
        // radius over the last 100 ms
        for (int s = n - 10_000; s < n; s += 97)
        {
            double radius = Math.Sqrt(r.Values[0][0][s, 0] * r.Values[0][0][s, 0] + r.Values[0][1][s, 0] * r.Values[0][1][s, 0]);
            Assert.That(radius, Is.EqualTo(0.5).Within(1e-3), "radius sqrt(a)");
        }
        // angular frequency from upward zero crossings of x in the last 300 ms
        var crossings = new List<double>();
        for (int s = n - 30_000; s < n; s++)
            if (r.Values[0][0][s - 1, 0] < 0 && r.Values[0][0][s, 0] >= 0)
            {
                double a = r.Values[0][0][s - 1, 0], b = r.Values[0][0][s, 0];
                crossings.Add(r.TimesMs[s - 1] + 0.01 * (-a / (b - a)));
            }
        double period = (crossings[^1] - crossings[0]) / (crossings.Count - 1);
        Assert.That(2 * Math.PI / period, Is.EqualTo(0.2).Within(0.002), "angular frequency w (rad/ms)");
    }

    [Test]
    public void FitzHughNagumoSettlesOnTheNullclineIntersection()
    {
        // x_ext = 0.2: y-nullcline y = (x - delta)/epsilon = 2x; x-nullcline -3x^3 + 4x^2 - 1.5x - y + 0.2 = 0
        var p = NeuralMassParameters.Defaults(NeuralMassModel.FitzHughNagumo).With("x_ext", 0.2);
        double lo = 0, hi = 1;
        for (int i = 0; i < 100; i++)
        {
            double mid = (lo + hi) / 2, f = -3 * mid * mid * mid + 4 * mid * mid - 1.5 * mid - 2 * mid + 0.2;
            if (f > 0) lo = mid; else hi = mid;
        }
        var r = Single(p, 0.4, 0.1, 0.05, 4000, 1);
        int last = r.TimesMs.Length - 1;
        Assert.That(r.Values[0][0][last, 0], Is.EqualTo(lo).Within(1e-6));
        Assert.That(r.Values[0][1][last, 0], Is.EqualTo(2 * lo).Within(1e-6));
    }

    [Test]
    public void WilsonCowanWithoutInputSettlesAtAFixedPointOfItsEquations()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan); // exc_ext 0: a fixed point
        var r = Single(p, 0.05, 0.02, 0.1, 2000, 1);
        int last = r.TimesMs.Length - 1;
        double e = r.Values[0][0][last, 0], i = r.Values[0][1][last, 0];
        static double S(double u, double a, double mu) => 1 / (1 + Math.Exp(-a * (u - mu)));
        // Wilson-Cowan's equations at rest: E = (1 - E) S_E(16 E - 12 I), I = (1 - I) S_I(15 E - 3 I)
        Assert.That(-e + (1 - e) * S(16 * e - 12 * i, 1.5, 3), Is.EqualTo(0).Within(1e-9));
        Assert.That(-i + (1 - i) * S(15 * e - 3 * i, 1.5, 3), Is.EqualTo(0).Within(1e-9));
        // with exc_ext = 1 a single node oscillates (E about 0.03-0.34)
        var osc = Single(p.With("exc_ext", 1.0), 0.05, 0.02, 0.1, 2000, 0.1);
        var tail = Enumerable.Range(osc.TimesMs.Length - 5000, 5000).Select(s => osc.Values[0][0][s, 0]).ToArray();
        Assert.That(tail.Max() - tail.Min(), Is.GreaterThan(0.2));
    }

    [Test]
    public void A_changeInTheSourceReachesTheTargetExactlyTheDelayLater()
    {
        // node 1 <- node 0 with delay d; node 0's history is constant, its state changes from step 1 on,
        // so node 1 first differs from a run with an infinite delay at step d + 2
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Hopf).With("K_gl", 1.0);
        var cmat = new double[,] { { 0, 0 }, { 1, 0 } };
        foreach (int d in new[] { 0, 3, 17 })
        {
            var delays = new int[,] { { 0, 0 }, { d, 0 } };
            var never = new int[,] { { 0, 0 }, { 100_000, 0 } };
            double[][] init = [[0.3, 0.1, 0.0, 0.0]]; // off the limit cycle, so x0 moves in the first step
            var a = NeuralMassNetwork.Run([p], cmat, delays, init, 0.1, 10, 0.1, 1);
            var b = NeuralMassNetwork.Run([p], cmat, never, init, 0.1, 10, 0.1, 1);
            int first = Enumerable.Range(0, a.TimesMs.Length).First(s => a.Values[0][0][s, 1] != b.Values[0][0][s, 1]);
            Assert.That(first + 1, Is.EqualTo(d + 2), $"delay {d}: first differing state after {first + 1} steps");
        }
        Assert.That(NeuralMassNetwork.DelaySteps(new double[,] { { 0, 25 }, { 30, 0 } }, 20, 0.1), Is.EqualTo(new int[,] { { 0, 12 }, { 15, 0 } }),
            "round half to even: 12.5 -> 12, 15 -> 15");
    }

    [Test]
    public void NoiseIsReproducibleAcrossThreadsAndBatchesAndChangesWithTheSeed()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan).With("sigma_ou", 0.05).With("exc_ext", 0.5);
        var cmat = new double[,] { { 0, 1, 0.5 }, { 0.2, 0, 1 }, { 1, 0.3, 0 } };
        var delays = new int[,] { { 0, 5, 9 }, { 2, 0, 4 }, { 7, 1, 0 } };
        double[] init = [0.1, 0.2, 0.3, 0.05, 0.05, 0.05];
        var one = NeuralMassNetwork.Run([p], cmat, delays, [init], 0.1, 200, 1, 7, threads: 1);
        var two = NeuralMassNetwork.Run([p, p.With("exc_ext", 0.8)], cmat, delays, [init, init], 0.1, 200, 1, 7, threads: 2);
        Assert.That(two.Values[0][0], Is.EqualTo(one.Values[0][0]), "set 0 of a batch (2 threads) equals the single run (1 thread)");
        Assert.That(two.Values[1][0], Is.Not.EqualTo(two.Values[0][0]));
        var other = NeuralMassNetwork.Run([p], cmat, delays, [init], 0.1, 200, 1, 8);
        Assert.That(other.Values[0][0], Is.Not.EqualTo(one.Values[0][0]));
    }

    [Test]
    public void BadInputIsRejected()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Hopf);
        Assert.That(Assert.Throws<ArgumentException>(() => p.With("K", 1))!.Message, Does.Contain("K_gl"));
        Assert.Throws<ArgumentException>(() => p.With("a", double.NaN));
        Assert.Throws<ArgumentException>(() => NeuralMassNetwork.Run([p], new double[2, 3], null, [[0, 0, 0, 0]], 0.1, 10, 1, 1));
        Assert.Throws<ArgumentException>(() => NeuralMassNetwork.Run([p], new double[1, 1], null, [[0]], 0.1, 10, 1, 1));
        var bad = new double[,] { { 0, double.PositiveInfinity }, { 0, 0 } };
        var ex = Assert.Throws<ArgumentException>(() => NeuralMassNetwork.Run([p], bad, null, [[0, 0, 0, 0]], 0.1, 10, 1, 1));
        Assert.That(ex!.Message, Does.Contain("cmat"));
    }
}
