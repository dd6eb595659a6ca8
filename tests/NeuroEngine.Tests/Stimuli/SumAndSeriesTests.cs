using NeuroEngine.IO;
using NeuroEngine.Simulation.Stimuli;
using NUnit.Framework;

namespace NeuroEngine.Tests.Stimuli;

/// <summary>Sums of stimuli and the resampling rule of a given series (linear between samples, ends held).</summary>
public class SumAndSeriesTests : TempFolderTest
{
    [Test]
    public void SumIsTheStepwiseSumOfItsComponentsGatedByItsOwnWindow()
    {
        var pulse = new PulseStimulus(1, 2, 3);
        var sine = new SineStimulus(0.5, 50, 0, 0, 0, double.PositiveInfinity);
        var noise = new OrnsteinUhlenbeckStimulus(0, 1, 5, seed: 9, onsetMs: 1, durationMs: double.PositiveInfinity);
        double dt = 0.1;
        int steps = 120;
        double[] a = pulse.Render(dt, steps), b = sine.Render(dt, steps), c = noise.Render(dt, steps, channel: 3);
        double[] sum = new SumStimulus([pulse, sine, noise]).Render(dt, steps, channel: 3);
        for (int n = 0; n < steps; n++) Assert.That(sum[n], Is.EqualTo(a[n] + b[n] + c[n]), $"step {n}");
        double[] gated = new SumStimulus([pulse, sine, noise], onsetMs: 4, durationMs: 5).Render(dt, steps, channel: 3);
        for (int n = 0; n < steps; n++)
        {
            double t = n * dt;
            Assert.That(gated[n], Is.EqualTo(t >= 4 && t - 4 < 5 ? a[n] + b[n] + c[n] : 0), $"step {n}: components keep their own times inside the sum's window");
        }
    }

    [Test]
    public void SeriesIsInterpolatedLinearlyAndHeldBeyondItsSamples()
    {
        var s = new SeriesStimulus([0, 2, 3], [1, 5, -1], onsetMs: 1, durationMs: 5);
        // local time tau = t - 1: 0 -> 1, 0.5 -> 2, 1 -> 3, 1.5 -> 4, 2 -> 5, 2.5 -> 2, 3 -> -1, later held at -1; t = 6 leaves the window
        Assert.That(s.Render(0.5, 14), Is.EqualTo(new double[] { 0, 0, 1, 2, 3, 4, 5, 2, -1, -1, -1, -1, 0, 0 }));
        var late = new SeriesStimulus([1, 2], [4, 6], onsetMs: 0, durationMs: double.PositiveInfinity);
        Assert.That(late.Render(0.5, 6), Is.EqualTo(new double[] { 4, 4, 4, 5, 6, 6 }), "the first value is held before the first sample");
        Assert.That(new SeriesStimulus([7], [2.5], 0, 2).Render(1, 3), Is.EqualTo(new double[] { 2.5, 2.5, 0 }), "one sample is a constant");
    }

    [Test]
    public void SeriesRefusesUnorderedOrNonFiniteSamples()
    {
        Assert.Throws<ArgumentException>(() => new SeriesStimulus([0, 1, 1], [1, 2, 3], 0, 1));
        Assert.Throws<ArgumentException>(() => new SeriesStimulus([0, 1], [1, double.NaN], 0, 1));
        Assert.Throws<ArgumentException>(() => new SeriesStimulus([0, 1], [1], 0, 1));
        Assert.Throws<ArgumentException>(() => new SeriesStimulus([], [], 0, 1));
    }

    [Test]
    public void SeriesFilesGiveTheSameSamplesInEveryFormat()
    {
        string csv = Write("s.csv", "t_ms,drive\n0,1\n2,5\n3,-1\n");
        string twoColumns = Write("two.csv", "t_ms,a,b\n0,1,10\n1,2,20\n");
        string headerless = Write("h.csv", "1\n3\n2\n");
        string npy = Path.Combine(Dir, "s.npy");
        NpyWriter.Write(npy, new double[] { 0, 1, 2, 5, 3, -1 }, [3, 2]);
        string npy1 = Path.Combine(Dir, "v.npy");
        NpyWriter.Write(npy1, new double[] { 1, 3, 2 }, [3]);

        Assert.That(StimulusSeriesFile.Read(csv, null, null), Is.EqualTo((new double[] { 0, 2, 3 }, new double[] { 1, 5, -1 })));
        Assert.That(StimulusSeriesFile.Read(npy, null, null), Is.EqualTo((new double[] { 0, 2, 3 }, new double[] { 1, 5, -1 })));
        Assert.That(StimulusSeriesFile.Read(twoColumns, "b", null), Is.EqualTo((new double[] { 0, 1 }, new double[] { 10, 20 })));
        Assert.That(StimulusSeriesFile.Read(headerless, null, 0.5), Is.EqualTo((new double[] { 0, 0.5, 1 }, new double[] { 1, 3, 2 })));
        Assert.That(StimulusSeriesFile.Read(npy1, null, 0.5), Is.EqualTo((new double[] { 0, 0.5, 1 }, new double[] { 1, 3, 2 })));

        Assert.That(() => StimulusSeriesFile.Read(twoColumns, null, null), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("name one with column"));
        Assert.That(() => StimulusSeriesFile.Read(twoColumns, "c", null), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("no value column 'c'"));
        Assert.That(() => StimulusSeriesFile.Read(headerless, null, null), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("give sample_dt_ms"));
        Assert.That(() => StimulusSeriesFile.Read(csv, null, 1.0), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("must not be given"));
        string unordered = Write("u.csv", "t_ms,x\n0,1\n2,5\n1,-1\n");
        Assert.That(() => StimulusSeriesFile.Read(unordered, null, null), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("t_ms must increase"));
        Assert.That(() => StimulusSeriesFile.Read(Path.Combine(Dir, "none.csv"), null, null), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("file not found"));
    }
}
