using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>Stimulus parameters by name (what a batch sweeping stimulus amplitude or frequency varies).</summary>
public class StimulusParameterTests
{
    [Test]
    public void WithChangesOneParameterAndKeepsTheRest()
    {
        var sine = new SineStimulus(1, 10, 0.2, 0.5, 3, 40);
        Assert.That(sine.ParameterNames, Is.EqualTo(new[] { "amplitude", "frequency_hz", "phase", "offset", "onset_ms", "duration_ms" }));
        var louder = (SineStimulus)sine.With("amplitude", 3);
        var faster = (SineStimulus)sine.With("frequency_hz", 20);
        Assert.That((louder.Amplitude, louder.FrequencyHz, louder.Phase, louder.Offset, louder.OnsetMs, louder.DurationMs), Is.EqualTo((3.0, 10.0, 0.2, 0.5, 3.0, 40.0)));
        Assert.That(faster.Get("frequency_hz"), Is.EqualTo(20.0));
        Assert.That(sine.Amplitude, Is.EqualTo(1.0), "the original is unchanged");
        double[] a = sine.Render(0.1, 500), b = louder.Render(0.1, 500);
        for (int n = 0; n < 500; n++) Assert.That(b[n] - (n * 0.1 >= 3 && n * 0.1 < 43 ? 0.5 : 0), Is.EqualTo(3 * (a[n] - (n * 0.1 >= 3 && n * 0.1 < 43 ? 0.5 : 0))).Within(1e-12));
        Assert.That(sine.With("onset_ms", 10).Render(0.5, 30)[19], Is.EqualTo(0.0));
    }

    [Test]
    public void OuSigmaScalesTheSameRealisation()
    {
        var ou = new OrnsteinUhlenbeckStimulus(0, 1, 5, seed: 3, 0, double.PositiveInfinity);
        double[] x = ou.Render(0.1, 400, 1), y = ou.With("sigma", 2).Render(0.1, 400, 1);
        for (int n = 0; n < 400; n++) Assert.That(y[n], Is.EqualTo(2 * x[n]).Within(1e-12 * (1 + Math.Abs(x[n]))), "same seed: same noise, twice as large");
    }

    [Test]
    public void SumComponentsAreAddressedByIndex()
    {
        var sum = new SumStimulus([new PulseStimulus(1, 0, 5), new SineStimulus(2, 10, 0, 0, 0, 100)]);
        Assert.That(sum.ParameterNames, Does.Contain("components[1].amplitude").And.Contain("components[0].onset_ms"));
        var changed = (SumStimulus)sum.With("components[1].amplitude", 4);
        Assert.That(((SineStimulus)changed.Components[1]).Amplitude, Is.EqualTo(4.0));
        Assert.That(changed.Components[0], Is.SameAs(sum.Components[0]), "unchanged components are kept");
        Assert.That(changed.Get("components[1].amplitude"), Is.EqualTo(4.0));
    }

    [Test]
    public void UnknownNamesAndBadValuesAreRefused()
    {
        var pulse = new PulseStimulus(1, 0, 5);
        Assert.That(() => pulse.With("frequency_hz", 3), Throws.ArgumentException.With.Message.Contains("has no parameter 'frequency_hz' (allowed: amplitude, onset_ms, duration_ms)"));
        Assert.That(() => pulse.With("duration_ms", -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => new PulseTrainStimulus(1, 4, 2, null, 0, 10).With("width_ms", 5), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
