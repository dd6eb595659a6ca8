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

    [TestCase(NeuralMassModel.FitzHughNagumo, "x", 0.6)]
    [TestCase(NeuralMassModel.Hopf, "x", 0.6)]
    [TestCase(NeuralMassModel.WilsonCowan, "exc", 5.0)]
    public void ZeroControlNetworkWithDelaysIsTheEnginesRun(NeuralMassModel model, string v0, double k)
    {
        var p = ControlTestTasks.Parameters(model).With("K_gl", k);
        double[,] cmat = { { 0, 0.5 }, { 1, 0 } };
        int[,] delays = { { 0, 3 }, { 7, 0 } };
        double[] i0 = ControlTestTasks.Initial(model);
        double[][] init = [i0, [0.8 * i0[0], 0.8 * i0[1]]];
        int samples = ControlTestTasks.Samples;
        var task = new NetworkControlTask(p, cmat, delays, ControlTestTasks.Dt, init, new double[4, samples], [true, true, true, true],
            (0, samples), [true, true, true, true], (0, samples), new ControlWeights());
        var x = task.Integrate(new double[4, samples]);
        var r = NeuralMassNetwork.Run([p], cmat, delays, [[init[0][0], init[1][0], init[0][1], init[1][1]]] /* variable-major */, ControlTestTasks.Dt, 10.0, ControlTestTasks.Dt, 1, 1);
        var a = r.Get(v0);
        int compared = 0;
        for (int j = 0; j < r.TimesMs.Length; j++)
        {
            int t = (int)Math.Round(r.TimesMs[j] / ControlTestTasks.Dt);
            if (t >= samples) continue;
            for (int n = 0; n < 2; n++)
                Assert.That(x[2 * n, t], Is.EqualTo(a[j, n]).Within(1e-12), $"{v0} of node {n} at {r.TimesMs[j]} ms");
            compared++;
        }
        Assert.That(compared, Is.GreaterThanOrEqualTo(samples - 1));
    }
}
