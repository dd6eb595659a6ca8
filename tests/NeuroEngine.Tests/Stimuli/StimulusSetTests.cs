using NeuroEngine.Simulation.Mass;
using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>A set renders the sum of its stimuli per (state variable, region) of a model, and names what is wrong.</summary>
public class StimulusSetTests
{
    private static MassModelDescriptor Wc => MassModelCatalog.Get(NeuralMassModel.WilsonCowan);

    [Test]
    public void RendersTheSumPerVariableAndRegionStepMajor()
    {
        var pulse = new PulseStimulus(2, 1, 2);
        var sine = new SineStimulus(1, 100, 0, 0, 0, double.PositiveInfinity);
        var ramp = new RampStimulus(0, 1, 0, 4);
        var set = new StimulusSet()
            .Add(pulse, new StimulusTarget("exc", [RegionSelector.ByIndex(0), RegionSelector.ByName("C")]))
            .Add(sine, new StimulusTarget("exc"))
            .Add(ramp, new StimulusTarget("inh", [RegionSelector.ByName("B")]));
        const double dt = 0.5;
        const int steps = 10, regions = 3;
        var input = set.Render(Wc, regions, ["A", "B", "C"], dt, steps);
        Assert.That(input.Variables, Is.EqualTo(new[] { "exc", "inh" }));
        Assert.That(input.VariableIndices, Is.EqualTo(new[] { 0, 1 }));
        double[] p = pulse.Render(dt, steps), s = sine.Render(dt, steps), r = ramp.Render(dt, steps);
        for (int n = 0; n < steps; n++)
        {
            Assert.That(input.Values[0][n * regions + 0], Is.EqualTo(p[n] + s[n]));
            Assert.That(input.At(0, n, 1), Is.EqualTo(s[n]));
            Assert.That(input.At(0, n, 2), Is.EqualTo(p[n] + s[n]));
            Assert.That(input.At(1, n, 0), Is.EqualTo(0.0));
            Assert.That(input.At(1, n, 1), Is.EqualTo(r[n]));
            Assert.That(input.At(1, n, 2), Is.EqualTo(0.0));
        }
    }

    [Test]
    public void OnlyStimulatedVariablesAppearAndAnEmptySetIsEmpty()
    {
        var input = new StimulusSet().Add(new PulseStimulus(1, 0, 1), new StimulusTarget("inh")).Render(Wc, 2, null, 0.1, 5);
        Assert.That(input.Variables, Is.EqualTo(new[] { "inh" }));
        Assert.That(input.VariableIndices, Is.EqualTo(new[] { 1 }));
        Assert.That(new StimulusSet().Render(Wc, 2, null, 0.1, 5).IsEmpty, Is.True);
    }

    [Test]
    public void EachRegionGetsItsOwnNoiseRealisation()
    {
        var ou = new OrnsteinUhlenbeckStimulus(0, 1, 2, 5, 0, double.PositiveInfinity);
        var input = new StimulusSet().Add(ou, new StimulusTarget("x")).Render(MassModelCatalog.Get(NeuralMassModel.FitzHughNagumo), 2, null, 0.1, 50);
        double[] r0 = ou.Render(0.1, 50, 0), r1 = ou.Render(0.1, 50, 1);
        Assert.That(Enumerable.Range(0, 50).Select(n => input.At(0, n, 0)), Is.EqualTo(r0));
        Assert.That(Enumerable.Range(0, 50).Select(n => input.At(0, n, 1)), Is.EqualTo(r1));
        Assert.That(r0, Is.Not.EqualTo(r1));
    }

    [Test]
    public void ErrorsNameTheStimulusAndWhatIsAllowed()
    {
        var bad = new StimulusSet().Add(new PulseStimulus(1, 0, 1), new StimulusTarget("exc")).Add(new PulseStimulus(1, 0, 1), new StimulusTarget("v"));
        Assert.That(() => bad.Validate(Wc, 2), Throws.ArgumentException.With.Message.EqualTo("stimulus 1: variable 'v' is not a state variable of wc (allowed: exc, inh)"));
        var far = new StimulusSet().Add(new PulseStimulus(1, 0, 1), new StimulusTarget("exc", [RegionSelector.ByIndex(3)]));
        Assert.That(() => far.Validate(Wc, 3), Throws.ArgumentException.With.Message.EqualTo("stimulus 0: region 3 does not exist (the run has 3 regions, 0 to 2)"));
        var named = new StimulusSet().Add(new PulseStimulus(1, 0, 1), new StimulusTarget("exc", [RegionSelector.ByName("V9")]));
        Assert.That(() => named.Validate(Wc, 2, ["V1", "V2"]), Throws.ArgumentException.With.Message.EqualTo("stimulus 0: region 'V9' is not one of the run's regions (V1, V2)"));
        Assert.That(() => named.Validate(Wc, 2), Throws.ArgumentException.With.Message.Contains("have no names"));
        var twice = new StimulusSet().Add(new PulseStimulus(1, 0, 1), new StimulusTarget("exc", [RegionSelector.ByIndex(1), RegionSelector.ByName("V2")]));
        Assert.That(() => twice.Validate(Wc, 2, ["V1", "V2"]), Throws.ArgumentException.With.Message.Contains("targeted twice"));
    }

    [Test]
    public void TheDocumentedCSharpExampleRuns()
    {
        // as in docs/stimuli.md
        var set = new StimulusSet()
            .Add(new PulseStimulus(amplitude: 0.5, onsetMs: 100, durationMs: 50),
                 new StimulusTarget("exc", [RegionSelector.ByIndex(0), RegionSelector.ByIndex(3)]))
            .Add(new SumStimulus([new SineStimulus(0.2, 10, 0, 0, 0, double.PositiveInfinity),
                                  new OrnsteinUhlenbeckStimulus(0, 0.05, 5, seed: 7, onsetMs: 200, durationMs: double.PositiveInfinity)]),
                 new StimulusTarget("inh"));
        StimulusInput input = set.Render(MassModelCatalog.Get(NeuralMassModel.WilsonCowan), regions: 80,
            regionNames: null, dtMs: 0.1, steps: 10000);
        Assert.That(input.At(0, 1000, 0), Is.EqualTo(0.5));
        Assert.That(input.At(0, 999, 0), Is.EqualTo(0.0));
        Assert.That(input.At(0, 1000, 1), Is.EqualTo(0.0));
        Assert.That(input.Values.Select(v => v.Length), Is.All.EqualTo(10000 * 80));
    }
}
