using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>Each shape against its closed form at t = n dt, and the half-open window [onset, onset + duration).</summary>
public class StimulusShapeTests
{
    private static double[] Expected(int steps, double dt, Func<double, double> f) =>
        Enumerable.Range(0, steps).Select(n => f(n * dt)).ToArray();

    [Test]
    public void PulseIsTheAmplitudeInsideTheHalfOpenWindowOnly()
    {
        double[] x = new PulseStimulus(0.7, onsetMs: 1.0, durationMs: 2.0).Render(0.25, 20);
        // t = 1.0 (n = 4) is inside, t = 3.0 (n = 12) is outside
        Assert.That(x, Is.EqualTo(Expected(20, 0.25, t => t >= 1.0 && t < 3.0 ? 0.7 : 0.0)));
        Assert.That(x[4], Is.EqualTo(0.7));
        Assert.That(x[11], Is.EqualTo(0.7));
        Assert.That(x[12], Is.EqualTo(0.0));
    }

    [Test]
    public void StepLastsToTheEndAndAnOnsetBetweenStepsStartsAtTheNextStep()
    {
        double[] x = new PulseStimulus(-2, onsetMs: 0.3, durationMs: double.PositiveInfinity).Render(0.25, 8);
        Assert.That(x, Is.EqualTo(new double[] { 0, 0, -2, -2, -2, -2, -2, -2 }));
    }

    [Test]
    public void WindowEdgesOnAStepCountDespiteRounding()
    {
        // 3 x 0.3 = 0.8999999999999999 and 6 x 0.3 = 1.7999999999999998 in double: still steps 3 to 5 exactly
        Assert.That(3 * 0.3, Is.LessThan(0.9));
        Assert.That(new PulseStimulus(1, onsetMs: 0.9, durationMs: 0.9).Render(0.3, 8), Is.EqualTo(new double[] { 0, 0, 0, 1, 1, 1, 0, 0 }));
        Assert.That(new RampStimulus(2, 3, onsetMs: 0.9, durationMs: 0.9).Render(0.3, 4)[3], Is.EqualTo(2.0), "local time clamped at 0 at the onset");
    }

    [Test]
    public void PulseTrainWithCountStopsAfterCountPulses()
    {
        double[] x = new PulseTrainStimulus(1.5, periodMs: 3, widthMs: 1, count: 2, onsetMs: 2, durationMs: double.PositiveInfinity).Render(0.5, 40);
        // pulses at t in [2, 3) and [5, 6): n = 4, 5 and 10, 11
        var on = new[] { 4, 5, 10, 11 };
        Assert.That(x, Is.EqualTo(Enumerable.Range(0, 40).Select(n => on.Contains(n) ? 1.5 : 0.0).ToArray()));
    }

    [Test]
    public void PulseTrainWithoutCountRepeatsUntilTheWindowEnds()
    {
        double[] x = new PulseTrainStimulus(1, periodMs: 3, widthMs: 1, count: null, onsetMs: 2, durationMs: 10).Render(0.5, 40);
        // window [2, 12): pulses [2,3), [5,6), [8,9), [11,12); nothing from t = 12 on although [14, 15) would be a pulse
        Assert.That(x, Is.EqualTo(Expected(40, 0.5, t => t is >= 2 and < 3 or >= 5 and < 6 or >= 8 and < 9 or >= 11 and < 12 ? 1.0 : 0.0)));
    }

    [Test]
    public void SineFollowsItsFormulaWithPhaseAtTheOnset()
    {
        double[] x = new SineStimulus(2, frequencyHz: 10, phase: 0.3, offset: 0.5, onsetMs: 5, durationMs: 200).Render(0.1, 3000);
        for (int n = 0; n < 3000; n++)
        {
            double t = n * 0.1;
            double expected = t >= 5 && t - 5 < 200 ? 2 * Math.Sin(2 * Math.PI * 10 * (t - 5) / 1000 + 0.3) + 0.5 : 0;
            Assert.That(x[n], Is.EqualTo(expected).Within(1e-12), $"step {n}");
        }
        Assert.That(x[50], Is.EqualTo(2 * Math.Sin(0.3) + 0.5).Within(1e-15), "the phase is the one at the onset");
        // a quarter period (25 ms) after the onset, sin(pi/2 + 0.3) = cos(0.3)
        Assert.That(x[300], Is.EqualTo(2 * Math.Cos(0.3) + 0.5).Within(1e-12));
    }

    [Test]
    public void RampGoesLinearlyFromItsStartValueTowardsItsEndValue()
    {
        double[] x = new RampStimulus(from: 1, to: 3, onsetMs: 1, durationMs: 4).Render(0.5, 12);
        Assert.That(x, Is.EqualTo(new[] { 0, 0, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 0, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RampStimulus(0, 1, 0, double.PositiveInfinity));
    }

    [Test]
    public void ExponentialDecayFollowsItsFormula()
    {
        double[] x = new ExponentialDecayStimulus(3, tauMs: 2, offset: 0.1, onsetMs: 1, durationMs: double.PositiveInfinity).Render(0.1, 200);
        for (int n = 0; n < 200; n++)
        {
            double t = n * 0.1;
            Assert.That(x[n], Is.EqualTo(t >= 1 ? 3 * Math.Exp(-(t - 1) / 2) + 0.1 : 0).Within(1e-14), $"step {n}");
        }
        Assert.That(x[10], Is.EqualTo(3.1), "amplitude + offset at the onset");
        Assert.That(x[30], Is.EqualTo(3 * Math.Exp(-1) + 0.1).Within(1e-14), "one time constant later");
    }

    [Test]
    public void RenderChecksItsArguments()
    {
        var s = new PulseStimulus(1, 0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Render(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Render(double.NaN, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Render(0.1, -1));
        Assert.That(s.Render(0.1, 0), Is.Empty);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseStimulus(double.NaN, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseStimulus(1, -1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseStimulus(1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseTrainStimulus(1, 2, 3, null, 0, 10), "width > period");
        Assert.Throws<ArgumentOutOfRangeException>(() => new PulseTrainStimulus(1, 2, 1, 0, 0, 10), "count 0");
        Assert.Throws<ArgumentOutOfRangeException>(() => new SineStimulus(1, -1, 0, 0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecayStimulus(1, 0, 0, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrnsteinUhlenbeckStimulus(0, -1, 1, 1, 0, 10));
    }
}
