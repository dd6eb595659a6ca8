using NeuroEngine.Cli;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Simulation.Mass;
using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>The stimuli: list of a config: every shape read with its keys, and errors naming line, key and value.</summary>
public class StimuliConfigTests : TempFolderTest
{
    private static MassModelDescriptor Wc => MassModelCatalog.Get(NeuralMassModel.WilsonCowan);

    private StimulusSet Parse(string yaml, int? regions = null, IReadOnlyList<string>? names = null) =>
        StimuliConfig.Parse(yaml, "run.yaml", Dir, Wc, regions, names);

    [Test]
    public void ReadsEveryShapeWithItsWindowAndTarget()
    {
        Write("drive.csv", "t_ms,drive\n0,1\n2,5\n");
        var set = Parse("""
            stimuli:
              - {shape: pulse, variable: exc, regions: [0, V3], onset_ms: 1, duration_ms: 2, amplitude: 0.5}
              - {shape: pulse_train, variable: exc, amplitude: 1, period_ms: 3, width_ms: 1, count: 2}
              - {shape: sine, variable: inh, regions: 1, amplitude: 2, frequency_hz: 10, phase: 0.3, offset: 0.1}
              - {shape: ramp, variable: exc, from: 0, to: 1, duration_ms: 4}
              - {shape: exp_decay, variable: exc, amplitude: 3, tau_ms: 2}
              - {shape: ou, variable: inh, mean: 0.1, sigma: 0.2, tau_ms: 5, seed: 11}
              - {shape: series, variable: exc, file: drive.csv, onset_ms: 2}
              - shape: sum
                variable: exc
                components:
                  - {shape: pulse, amplitude: 1, onset_ms: 1}
                  - {shape: sine, amplitude: 1, frequency_hz: 5}
            """, regions: 4, names: ["V0", "V1", "V2", "V3"]);
        var e = set.Entries;
        Assert.That(e, Has.Count.EqualTo(8));
        Assert.That(e.Select(x => x.Stimulus.GetType().Name), Is.EqualTo(new[] { "PulseStimulus", "PulseTrainStimulus", "SineStimulus", "RampStimulus",
            "ExponentialDecayStimulus", "OrnsteinUhlenbeckStimulus", "SeriesStimulus", "SumStimulus" }));
        Assert.That(e[0].Target.Resolve(4, ["V0", "V1", "V2", "V3"]), Is.EqualTo(new[] { 0, 3 }));
        Assert.That(e[0].Stimulus.Render(0.5, 8), Is.EqualTo(new double[] { 0, 0, 0.5, 0.5, 0.5, 0.5, 0, 0 }));
        Assert.That(e[1].Target.Regions, Is.Null, "no regions: all of them");
        Assert.That(((PulseTrainStimulus)e[1].Stimulus).Count, Is.EqualTo(2));
        var sine = (SineStimulus)e[2].Stimulus;
        Assert.That((sine.Amplitude, sine.FrequencyHz, sine.Phase, sine.Offset, e[2].Target.Variable), Is.EqualTo((2.0, 10.0, 0.3, 0.1, "inh")));
        Assert.That(e[2].Target.Regions, Is.EqualTo(new[] { RegionSelector.ByIndex(1) }));
        Assert.That(e[3].Stimulus.DurationMs, Is.EqualTo(4.0));
        Assert.That(e[4].Stimulus.DurationMs, Is.EqualTo(double.PositiveInfinity));
        var ou = (OrnsteinUhlenbeckStimulus)e[5].Stimulus;
        Assert.That((ou.Mean, ou.Sigma, ou.TauMs, ou.Seed), Is.EqualTo((0.1, 0.2, 5.0, 11UL)));
        Assert.That(e[6].Stimulus.Render(0.5, 8), Is.EqualTo(new double[] { 0, 0, 0, 0, 1, 2, 3, 4 }));
        Assert.That(((SumStimulus)e[7].Stimulus).Components, Has.Count.EqualTo(2));
    }

    [Test]
    public void NoStimuliIsAnEmptySet()
    {
        Assert.That(Parse("model: wc\n").Entries, Is.Empty);
        Assert.That(Parse("stimuli:\n").Entries, Is.Empty);
    }

    [TestCase("- {shape: square, variable: exc}", "run.yaml line 2: stimuli[0].shape must be one of pulse, pulse_train, sine, ramp, exp_decay, ou, series, sum, got 'square'")]
    [TestCase("- {variable: exc, amplitude: 1}", "run.yaml line 2: stimuli[0] needs shape:")]
    [TestCase("- {shape: pulse, amplitude: 1}", "run.yaml line 2: stimuli[0] needs variable:")]
    [TestCase("- {shape: pulse, variable: v, amplitude: 1}", "run.yaml line 2: stimuli[0].variable must be a state variable of wc (exc, inh), got 'v'")]
    [TestCase("- {shape: pulse, variable: exc}", "run.yaml line 2: stimuli[0] (pulse) needs amplitude:")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: big}", "run.yaml line 2: stimuli[0].amplitude must be a number, got 'big'")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, frequency_hz: 3}", "run.yaml line 2: unknown key stimuli[0].frequency_hz")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, onset_ms: -5}", "run.yaml line 2: stimuli[0].onset_ms must be >= 0, got -5")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, duration_ms: 0}", "run.yaml line 2: stimuli[0].duration_ms must be > 0, got 0")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, regions: [0, 7]}", "run.yaml line 2: stimuli[0].regions region 7 does not exist (the run has 4 regions, 0 to 3)")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, regions: [V9]}", "run.yaml line 2: stimuli[0].regions region 'V9' is not one of the run's regions (V0, V1, V2, V3)")]
    [TestCase("- {shape: pulse, variable: exc, amplitude: 1, regions: [-1]}", "run.yaml line 2: stimuli[0].regions[0] must be a region index >= 0 or a region name, got -1")]
    [TestCase("- {shape: pulse_train, variable: exc, amplitude: 1, period_ms: 2, width_ms: 3}", "run.yaml line 2: stimuli[0].width_ms must be <= period_ms (2), got 3")]
    [TestCase("- {shape: pulse_train, variable: exc, amplitude: 1, period_ms: 2, width_ms: 1, count: 0}", "run.yaml line 2: stimuli[0].count must be > 0")]
    [TestCase("- {shape: sine, variable: exc, amplitude: 1, frequency_hz: -2}", "run.yaml line 2: stimuli[0].frequency_hz must be >= 0, got -2")]
    [TestCase("- {shape: ramp, variable: exc, from: 0, to: 1}", "run.yaml line 2: stimuli[0] (ramp) needs duration_ms:")]
    [TestCase("- {shape: exp_decay, variable: exc, amplitude: 1, tau_ms: 0}", "run.yaml line 2: stimuli[0].tau_ms must be > 0, got 0")]
    [TestCase("- {shape: ou, variable: exc, sigma: 1, tau_ms: 5}", "run.yaml line 2: stimuli[0] (ou) needs seed:")]
    [TestCase("- {shape: ou, variable: exc, sigma: -1, tau_ms: 5, seed: 1}", "run.yaml line 2: stimuli[0].sigma must be >= 0, got -1")]
    [TestCase("- {shape: series, variable: exc, file: missing.csv}", "stimuli[0].file ")]
    [TestCase("- {shape: sum, variable: exc, components: []}", "run.yaml line 2: stimuli[0].components must list at least one shape")]
    [TestCase("- {shape: sum, variable: exc, components: [{shape: pulse, amplitude: 1, variable: inh}]}", "run.yaml line 2: unknown key stimuli[0].components[0].variable")]
    [TestCase("- {shape: sum, variable: exc, components: [{shape: pulse}]}", "run.yaml line 2: stimuli[0].components[0] (pulse) needs amplitude:")]
    [TestCase("{shape: pulse}", "run.yaml line 2: stimuli must be a list")]
    public void BadInputNamesKeyAndValue(string item, string message)
    {
        var ex = Assert.Throws<CliException>(() => Parse("stimuli:\n  " + item + "\n", regions: 4, names: ["V0", "V1", "V2", "V3"]));
        Assert.That(ex!.Message, Does.StartWith(message).Or.Contain(message));
    }

    [Test]
    public void SeriesFileErrorsNameTheFileAndProblem()
    {
        Write("bad.csv", "t_ms,x\n0,1\n2,5\n1,-1\n");
        NpyWriter.Write(Path.Combine(Dir, "cube.npy"), new double[8], [2, 2, 2]);
        var ex = Assert.Throws<CliException>(() => Parse("stimuli:\n  - {shape: series, variable: exc, file: bad.csv}\n"));
        Assert.That(ex!.Message, Does.Contain("stimuli[0].file").And.Contain("bad.csv").And.Contain("t_ms must increase"));
        ex = Assert.Throws<CliException>(() => Parse("stimuli:\n  - {shape: series, variable: exc, file: missing.csv}\n"));
        Assert.That(ex!.Message, Does.Contain("missing.csv: file not found"));
        ex = Assert.Throws<CliException>(() => Parse("stimuli:\n  - {shape: series, variable: exc, file: cube.npy}\n"));
        Assert.That(ex!.Message, Does.Contain("cube.npy").And.Contain("shape (2, 2, 2)"));
    }

    [Test]
    public void TheDocumentedExampleParses()
    {
        string doc = File.ReadAllText(RepositoryData.RepoFile("docs/stimuli.md"));
        int start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + 8;
        string yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        Write("drive.csv", "0.1\n0.3\n0.2\n");
        var set = Parse(yaml, regions: 4);
        Assert.That(set.Entries.Select(e => e.Target.Variable), Is.EqualTo(new[] { "exc", "inh", "exc" }));
        var input = set.Render(Wc, 4, null, 0.5, 600);
        Assert.That(input.At(0, 200, 0), Is.EqualTo(0.5), "the pulse at t = 100 ms");
        Assert.That(input.At(0, 200, 1), Is.EqualTo(0.0), "region 1 is not targeted by the pulse");
        Assert.That(input.At(0, 1, 2), Is.EqualTo(0.2).Within(1e-15), "the series at t = 0.5 ms, halfway between 0.1 and 0.3");
        Assert.That(input.At(1, 5, 3), Is.EqualTo(0.2 * Math.Sin(2 * Math.PI * 10 * 2.5 / 1000)).Within(1e-15), "the sine before the noise starts");
    }
}
