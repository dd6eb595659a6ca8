using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>ALN (Cakan and Obermayer 2020, neurolib aln) with the shipped tables (data/aln).</summary>
public class AlnTests
{
    private static double[] Init(int nodes) =>
        [.. Enumerable.Repeat(5.0, 2 * nodes), .. Enumerable.Repeat(1.0, 2 * nodes), .. Enumerable.Repeat(0.0, nodes),
         .. Enumerable.Repeat(0.1, 4 * nodes), .. Enumerable.Repeat(0.0, 4 * nodes)];

    [TestCase(0.5)]
    [TestCase(2.0)]
    public void UpStateAdaptationEqualsTauATimesBTimesTheRate(double b)
    {
        // strong drive (mue_ext_mean 2.5 mV/ms) holds a single node in its up state; with a = 0 the adaptation
        // current settles at IA = tauA b r_E (r_E in kHz)
        var tables = AlnTables.Load(RepositoryData.Data("aln"));
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Aln).With("b", b).With("mue_ext_mean", 2.5);
        var r = NeuralMassNetwork.Run([p], new double[1, 1], null, [Init(1)], 0.1, 6000, 100, 1, alnTables: tables);
        int last = r.TimesMs.Length - 1;
        double rate = r.Get("r_exc")[last, 0], ia = r.Get("IA")[last, 0];
        Assert.That(rate, Is.EqualTo(r.Get("r_exc")[last - 1, 0]).Within(1e-9), "a fixed point");
        Assert.That(rate, Is.GreaterThan(30), "up state (Hz)");
        Assert.That(ia, Is.EqualTo(200 * b * rate / 1000).Within(1e-9 * ia));
    }

    [Test]
    public void RatesAreTheTableAtTheFixedPointAndBoundedByIt()
    {
        var tables = AlnTables.Load(RepositoryData.Data("aln"));
        Assert.That(tables.Mu, Has.Length.EqualTo(350));
        Assert.That(tables.Sigma, Has.Length.EqualTo(64));
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Aln).With("mue_ext_mean", 2.5);
        var r = NeuralMassNetwork.Run([p], new double[1, 1], null, [Init(1)], 0.1, 3000, 10, 1, alnTables: tables);
        double max = tables.Rate.Max() * 1000;
        foreach (var v in new[] { "r_exc", "r_inh" })
            for (int s = 0; s < r.TimesMs.Length; s++)
                Assert.That(r.Get(v)[s, 0], Is.InRange(0.0, max), $"{v} at {r.TimesMs[s]} ms lies within the table's rates");
    }

    [Test]
    public void MissingTablesAndBadParametersAreRejected()
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.Aln);
        var ex = Assert.Throws<ArgumentException>(() => NeuralMassNetwork.Run([p], new double[1, 1], null, [Init(1)], 0.1, 10, 1, 1));
        Assert.That(ex!.Message, Does.Contain("tables"));
        // a time constant of 0 lies outside the descriptor's range (0, inf): refused before any run
        var ex2 = Assert.Throws<ArgumentException>(() => p.With("tau_se", 0));
        Assert.That(ex2!.Message, Does.Contain("tau_se").And.Contain("(0, inf)").And.Contain("got 0"));
        Assert.Throws<DirectoryNotFoundException>(() => AlnTables.Load("/nonexistent/aln"));
    }
}
