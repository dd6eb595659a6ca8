using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>With zero control, the control forward integration is the engine's built-in one-node run (noise-free):
/// the same equations, parameters and Euler scheme. The engine's Wilson-Cowan sigmoid uses its own exp (ne_exp), so
/// the comparison allows rounding, not a scheme difference (which would be O(dt) ~ 1e-2).</summary>
public class ForwardMatchesEngineTests
{
    [TestCase(NeuralMassModel.FitzHughNagumo, "x", "y")]
    [TestCase(NeuralMassModel.Hopf, "x", "y")]
    [TestCase(NeuralMassModel.WilsonCowan, "exc", "inh")]
    public void ZeroControlIsTheEnginesRun(NeuralMassModel model, string v0, string v1)
    {
        var p = ControlTestTasks.Parameters(model);
        double[] init = ControlTestTasks.Initial(model);
        var task = new ControlTask(ControlledNode.From(p), ControlTestTasks.Dt, init, new double[2, ControlTestTasks.Samples],
            [true, true], (0, ControlTestTasks.Samples), [true, true], (0, ControlTestTasks.Samples), new ControlWeights());
        var x = NodeForward.Integrate(task, new double[2, ControlTestTasks.Samples]);
        var r = NeuralMassNetwork.Run([p], new double[1, 1], null, [init], ControlTestTasks.Dt, 10.0, ControlTestTasks.Dt, 1, 1);
        var a = r.Get(v0);
        var b = r.Get(v1);
        int compared = 0;
        for (int k = 0; k < r.TimesMs.Length; k++)
        {
            int t = (int)Math.Round(r.TimesMs[k] / ControlTestTasks.Dt);
            if (t >= ControlTestTasks.Samples) continue;
            Assert.That(x[0, t], Is.EqualTo(a[k, 0]).Within(1e-12), $"{v0} at {r.TimesMs[k]} ms");
            Assert.That(x[1, t], Is.EqualTo(b[k, 0]).Within(1e-12), $"{v1} at {r.TimesMs[k]} ms");
            compared++;
        }
        Assert.That(compared, Is.GreaterThanOrEqualTo(ControlTestTasks.Samples - 1));
    }
}
