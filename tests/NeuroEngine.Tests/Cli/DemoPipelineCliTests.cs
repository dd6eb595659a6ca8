using System.Globalization;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine demo --pipeline ...</c> on small sizes: the output folder holds the
/// pipeline's files and is itself a model folder that <c>infer predict</c> reads.</summary>
public class DemoPipelineCliTests : TempFolderTest
{
    [Test]
    public void SbiLifWritesAModelDiagnosticsAndPpc()
    {
        string output = Path.Combine(Dir, "sbi");
        var (code, stdout, err) = Run("demo", "--pipeline", "sbi-lif", "--out", output, "--simulations", "2000", "--epochs", "3");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "model.json", "weights.bin", "recovery.csv", "recovery_points.csv", "sbc_ranks.csv", "sbc.csv", "coverage.csv", "ppc.csv", "report.html" }));
        Assert.That(stdout, Does.Contain("V_th").And.Contain("PPC-lite"));
        var ppc = File.ReadAllLines(Path.Combine(output, "ppc.csv"));
        Assert.That(ppc[0], Is.EqualTo("observation,coverage_90,spike_percentile,subthreshold_mae,spike_mid_percentile"));
        Assert.That(ppc, Has.Length.EqualTo(21));
        foreach (var row in ppc.Skip(1))
        {
            var f = row.Split(',');
            Assert.That(double.Parse(f[1], CultureInfo.InvariantCulture), Is.InRange(0.0, 1.0));
            Assert.That(double.Parse(f[2], CultureInfo.InvariantCulture), Is.InRange(0.0, 1.0));
        }
        // the folder is a MODEL_DIR: predict from a features file with its feature columns
        var json = File.ReadAllText(Path.Combine(output, "model.json"));
        Assert.That(json, Does.Contain("\"kind\": \"mdn\"").And.Contain("\"clip\""));
    }

    [Test]
    public void NcpiWritesDataModelAndRecovery()
    {
        string output = Path.Combine(Dir, "ncpi");
        var (code, stdout, err) = Run("demo", "--pipeline", "ncpi", "--out", output, "--simulations", "40", "--epochs", "20", "--threads", "1");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "model.json", "weights.bin", "features.csv", "params.csv", "recovery.csv", "report.html" }));
        Assert.That(File.ReadAllLines(Path.Combine(output, "params.csv"))[0], Is.EqualTo("g,eta"));
        (code, _, err) = Run("infer", "predict", "--model", output, "--features", Path.Combine(output, "features.csv"), "--out", Path.Combine(Dir, "p.csv"));
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.ReadAllLines(Path.Combine(Dir, "p.csv")), Has.Length.EqualTo(41));
        Assert.That(stdout, Does.Contain("held-out R^2"));
    }

    [Test]
    public void UnknownPipelineIsAnError()
    {
        var (code, _, err) = Run("demo", "--pipeline", "bayes", "--out", Path.Combine(Dir, "x"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--pipeline must be one of ncpi, sbi-lif"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "x")), Is.False);
    }
}
