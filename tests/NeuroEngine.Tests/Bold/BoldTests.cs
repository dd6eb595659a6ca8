using NeuroEngine.Simulation.Bold;
using NUnit.Framework;

namespace NeuroEngine.Tests.Bold;

public class BoldTests
{
    private static readonly BoldParameters P = BoldParameters.Default;

    /// <summary>The Euler step of docs/bold.md, written from its equations (not from the kernel).</summary>
    private static double SpecStep(double h, double z, ref double x, ref double f, ref double v, ref double q)
    {
        f = Math.Max(f, 1e-120);
        double xNew = x + h * (z - P.Kappa * x - P.Gamma * (f - 1));
        double qNew = q + h / P.Tau * (f / P.Rho * (1 - Math.Pow(1 - P.Rho, 1 / f)) - q * Math.Pow(v, 1 / P.Alpha - 1));
        double vNew = v + h / P.Tau * (f - Math.Pow(v, 1 / P.Alpha));
        double fNew = f + h * xNew;
        x = xNew; f = fNew; v = vNew; q = qNew;
        return P.V0 * (P.K1 * (1 - q) + P.K2 * (1 - q / v) + P.K3 * (1 - v));
    }

    [Test]
    public void RestingStateStaysExactlyAtRestWithoutInput()
    {
        using var model = new BoldModel(3, 0.1, sampleMs: 100, init: BoldInitialState.Rest);
        var samples = model.Advance(new double[20_000 * 3]);
        Assert.That(samples, Has.Length.EqualTo(20 * 3));
        Assert.That(samples, Is.All.EqualTo(0.0));
        Assert.That(model.ReadState(), Is.EqualTo(new double[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 }));
    }

    [Test]
    public void MatchesTheSpecsEulerOrderStepByStep()
    {
        const int regions = 3, steps = 30_000;
        var rng = new System.Random(5);
        var z = new double[steps * regions];
        for (int i = 0; i < z.Length; i++) z[i] = 20 * rng.NextDouble();
        using var model = new BoldModel(regions, 0.1, sampleMs: 0.1); // every step
        var bold = model.Advance(z);
        for (int r = 0; r < regions; r++)
        {
            double x = 1, f = 1, v = 1, q = 1;
            for (int n = 0; n < steps; n++)
            {
                double expected = SpecStep(1e-4, z[n * regions + r], ref x, ref f, ref v, ref q);
                Assert.That(bold[n * regions + r], Is.EqualTo(expected).Within(1e-13 * Math.Max(1, Math.Abs(expected))), $"region {r} step {n}");
            }
        }
    }

    [Test]
    public void ConstantInputReachesTheAnalyticSteadyState()
    {
        // x = 0, f = 1 + z / gamma, v = f^alpha, q = (f / rho)(1 - (1 - rho)^(1/f)) / v^(1/alpha - 1)
        double z = 2.0, f = 1 + z / P.Gamma, v = Math.Pow(f, P.Alpha);
        double q = f / P.Rho * (1 - Math.Pow(1 - P.Rho, 1 / f)) / Math.Pow(v, 1 / P.Alpha - 1);
        using var model = new BoldModel(1, 1.0, sampleMs: 1000, init: BoldInitialState.Rest);
        model.Advance(Enumerable.Repeat(z, 300_000).ToArray()); // 300 s
        var s = model.ReadState();
        Assert.That(s[0], Is.EqualTo(0).Within(1e-6));
        Assert.That(s[1], Is.EqualTo(f).Within(1e-6 * f));
        Assert.That(s[2], Is.EqualTo(v).Within(1e-6 * v));
        Assert.That(s[3], Is.EqualTo(q).Within(1e-6 * q));
    }

    [Test]
    public void PulseResponseAgreesWithAFineStepIntegration()
    {
        // 1 s pulse of 1 Hz from rest: compare dt = 1 ms with the same equations at dt = 0.01 ms
        (double PeakTime, double Peak, double Undershoot) Response(double dtMs)
        {
            int steps = (int)Math.Round(30_000 / dtMs), on = (int)Math.Round(1000 / dtMs);
            var z = new double[steps];
            for (int n = 0; n < on; n++) z[n] = 1;
            using var model = new BoldModel(1, dtMs, sampleMs: dtMs, init: BoldInitialState.Rest);
            var b = model.Advance(z);
            int peak = Array.IndexOf(b, b.Max());
            return ((peak + 1) * dtMs / 1000, b[peak], b.Skip(peak).Min());
        }
        var coarse = Response(1.0);
        var fine = Response(0.01);
        Assert.That(coarse.PeakTime, Is.EqualTo(fine.PeakTime).Within(0.05), "time to peak (s)");
        Assert.That(coarse.Peak, Is.EqualTo(fine.Peak).Within(0.01 * fine.Peak));
        Assert.That(fine.Undershoot, Is.LessThan(0), "post-stimulus undershoot");
        Assert.That(coarse.Undershoot, Is.EqualTo(fine.Undershoot).Within(0.02 * Math.Abs(fine.Undershoot)));
        Assert.That(fine.PeakTime, Is.InRange(3.0, 7.0), "a haemodynamic response peaks a few seconds after the onset");
    }

    [Test]
    public void ChunksAndThreadsDoNotChangeTheSamples()
    {
        const int regions = 7;
        var z = Enumerable.Range(0, 5000 * regions).Select(i => (double)(i % 13)).ToArray();
        using var whole = new BoldModel(regions, 0.5, sampleMs: 10, threads: 1);
        var a = whole.Advance(z);
        using var parts = new BoldModel(regions, 0.5, sampleMs: 10, threads: 2);
        var b = parts.Advance(z.AsSpan(0, 333 * regions)).Concat(parts.Advance(z.AsSpan(333 * regions))).ToArray();
        Assert.That(a, Has.Length.EqualTo(250 * regions));
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void InterleavedAvx2GroupsEqualTheScalarStepForAnyThreadCount()
    {
        // 82 regions: 20 groups of four in 1 to 4 interleaved groups per unit (by thread count), 2 scalar;
        // a 1-region model takes the scalar path, so every region must match it bit for bit
        const int regions = 82, steps = 3000;
        var z = Enumerable.Range(0, steps * regions).Select(i => 0.2 + 0.1 * Math.Sin(i * 0.37) + (i % regions) * 0.01).ToArray();
        double[]? reference = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var model = new BoldModel(regions, 0.5, sampleMs: 10, threads: threads);
            var samples = model.Advance(z);
            reference ??= samples;
            Assert.That(samples, Is.EqualTo(reference), $"{threads} threads");
        }
        foreach (int r in new[] { 0, 5, 43, 79, 81 })
        {
            using var single = new BoldModel(1, 0.5, sampleMs: 10, threads: 1);
            var one = single.Advance(Enumerable.Range(0, steps).Select(n => z[n * regions + r]).ToArray());
            Assert.That(Enumerable.Range(0, one.Length).Select(k => reference![k * regions + r]), Is.EqualTo(one), $"region {r}");
        }
    }

    [Test]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => new BoldModel(0, 0.1).Dispose());
        Assert.Throws<ArgumentException>(() => new BoldModel(2, 0).Dispose());
        Assert.Throws<ArgumentException>(() => new BoldModel(2, 1, sampleMs: 0.5).Dispose());
        Assert.Throws<ArgumentException>(() => new BoldModel(2, 1, parameters: BoldParameters.Default with { Rho = 1.5 }).Dispose());
        using var model = new BoldModel(2, 1);
        var ex = Assert.Throws<ArgumentException>(() => model.Advance([1.0, double.NaN]));
        Assert.That(ex!.Message, Does.Contain("finite"));
        Assert.Throws<ArgumentException>(() => model.Advance([1.0, 2.0, 3.0]));
    }
}
