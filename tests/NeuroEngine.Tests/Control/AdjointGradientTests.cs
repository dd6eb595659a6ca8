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
        Assert.That(compared, Is.GreaterThan(50));
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
}
