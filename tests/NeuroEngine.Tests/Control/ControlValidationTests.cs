using NeuroEngine.Control;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Control;

/// <summary>Bad tasks are ArgumentExceptions that name the offending value.</summary>
public class ControlValidationTests
{
    private static readonly ControlledNode Fhn = ControlledNode.From(NeuralMassParameters.Defaults(NeuralMassModel.FitzHughNagumo));

    private static ControlTask Make(double[,]? target = null, (int, int)? precision = null, (int, int)? control = null, ControlWeights? w = null) =>
        new(Fhn, 0.1, [0, 0], target ?? new double[2, 11], [true, true], precision ?? (0, 11), [true, true], control ?? (0, 11), w ?? new ControlWeights());

    [Test]
    public void NegativeWeightIsNamed() =>
        Assert.That(() => Make(w: new ControlWeights(1, -0.5, 0)), Throws.ArgumentException.With.Message.Contains("weights.w_2").And.Message.Contains("-0.5"));

    [Test]
    public void WindowOutsideTheRunIsNamed() =>
        Assert.That(() => Make(precision: (0, 12)), Throws.ArgumentException.With.Message.Contains("precision window [0, 12)"));

    [Test]
    public void TargetOfTheWrongShapeIsNamed() =>
        Assert.That(() => Make(target: new double[3, 11]), Throws.ArgumentException.With.Message.Contains("got (3, 11)"));

    [Test]
    public void ModelWithoutAnAdjointIsNamed() =>
        Assert.That(() => ControlledNode.From(NeuralMassParameters.Defaults(NeuralMassModel.WongWang)),
            Throws.ArgumentException.With.Message.Contains("wongwang"));

    [Test]
    public void ControlOfTheWrongShapeIsNamed() =>
        Assert.That(() => Make().Integrate(new double[2, 10]), Throws.ArgumentException.With.Message.Contains("got (2, 10)"));
}
