using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>The discrete adjoint gradient against a central finite difference of the discrete cost, entry by entry.</summary>
public class AdjointGradientTests
{
    private static double Cost(ControlTask task, double[,] u) => ControlCost.Evaluate(task, NodeForward.Integrate(task, u), u).Total;

    private static void AssertGradientMatchesFiniteDifferences(ControlTask task, double[,] u, double h)
    {
        var g = NodeAdjoint.Gradient(task, NodeForward.Integrate(task, u), u);
        double gMax = 0;
        foreach (double v in g) gMax = Math.Max(gMax, Math.Abs(v));
        Assert.That(gMax, Is.GreaterThan(0));
        int compared = 0;
        for (int v = 0; v < 2; v++)
            for (int t = 0; t < task.Samples; t++)
            {
                if (!task.IsFree(v, t)) { Assert.That(g[v, t], Is.EqualTo(0)); continue; }
                var plus = (double[,])u.Clone();
                var minus = (double[,])u.Clone();
                plus[v, t] += h;
                minus[v, t] -= h;
                double fd = (Cost(task, plus) - Cost(task, minus)) / (2 * h);
                // relative to the entry, with a floor of 1e-3 of the largest entry for entries near zero
                double scale = Math.Max(Math.Abs(g[v, t]), 1e-3 * gMax);
                Assert.That(Math.Abs(fd - g[v, t]), Is.LessThanOrEqualTo(1e-6 * scale), $"variable {v}, sample {t}: adjoint {g[v, t]:R}, finite difference {fd:R}");
                compared++;
            }
        Assert.That(compared, Is.GreaterThan(40));
    }

    [TestCase(NeuralMassModel.FitzHughNagumo)]
    [TestCase(NeuralMassModel.Hopf)]
    [TestCase(NeuralMassModel.WilsonCowan)]
    public void EveryCostTermOnEveryChannel(NeuralMassModel model)
    {
        var task = ControlTestTasks.Task(model, ControlTestTasks.KnownControl(1.0), new ControlWeights(1.0, 0.3, 0.2));
        AssertGradientMatchesFiniteDifferences(task, ControlTestTasks.KnownControl(0.4), 1e-5);
    }

    [TestCase(NeuralMassModel.FitzHughNagumo)]
    [TestCase(NeuralMassModel.Hopf)]
    [TestCase(NeuralMassModel.WilsonCowan)]
    public void PartialWindowsOneMeasuredVariableOneChannel(NeuralMassModel model)
    {
        var task = ControlTestTasks.Task(model, ControlTestTasks.KnownControl(1.0), new ControlWeights(2.0, 0.1, 0.5),
            measured: [false, true], precisionWindow: (20, 90), channels: [true, false], controlWindow: (5, 80));
        AssertGradientMatchesFiniteDifferences(task, ControlTestTasks.KnownControl(0.4), 1e-5);
    }

    [Test] // at a coarse step (dt 3.75 ms > tau_exc) strong inhibiting control drives E below 0, where the step clips it
    public void WilsonCowanClipIsDifferentiatedExactly()
    {
        const int samples = 30;
        var node = ControlledNode.From(NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan));
        var target = new double[2, samples];
        for (int t = 0; t < samples; t++) (target[0, t], target[1, t]) = (0.3, 0.2);
        var task = new ControlTask(node, 3.75, [0.5, 0.3], target, [true, true], (0, samples), [true, true], (0, samples),
            new ControlWeights(1.0, 0.001, 0.01)); // small regularisation: the cost stays O(1), so its rounding stays below the tolerance
        var u = new double[2, samples];
        for (int t = 0; t < samples; t++) (u[0, t], u[1, t]) = (t % 6 < 3 ? -8 : 4 + 0.1 * t, 0.5 * Math.Sin(t));
        var x = NodeForward.Integrate(task, u);
        int clipped = 0;
        for (int t = 1; t < samples; t++) if (x[0, t] == 0 || x[0, t] == 1 || x[1, t] == 0 || x[1, t] == 1) clipped++;
        Assert.That(clipped, Is.GreaterThan(3), "the test needs clipped steps");
        AssertGradientMatchesFiniteDifferences(task, u, 1e-4); // the FD error grows as h shrinks here: rounding, not truncation
    }
}
