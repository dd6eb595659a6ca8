using System.Globalization;
using NeuroEngine.Cli;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.MeanField;

/// <summary><c>neuroengine meanfield</c> in-process: CSV contract, table, errors.</summary>
public class MeanfieldCliTests : TempFolderTest
{

    private const string Brunel = """
        c_matrix: [[800, 200], [800, 200]]
        j_matrix: [[0.1, -0.5], [0.1, -0.5]]
        j_ext: [0.1, 0.1]
        c_ext: [800, 800]
        nu_ext: [25, 25]
        tau_membrane_ms: [20, 20]
        tau_synaptic_ms: [0, 0]
        threshold: [20, 20]
        reset_voltage: 10
        tau_refractory_ms: 2
        starts: [[0, 0], [10, 10], [100, 100]]
        dynamics: unit
        """;

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Test]
    public void WritesTheBrunelFixedPoint()
    {
        string csv = Path.Combine(Dir, "fp.csv");
        var (code, stdout, stderr) = Run("meanfield", Write("mf.yaml", Brunel), "--out", csv);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stderr, Is.Empty);
        var rows = File.ReadAllLines(csv);
        Assert.That(rows[0], Is.EqualTo("id,converged,max_residual,label,rate_0,rate_1,eig_real_0,eig_real_1,eig_imag_0,eig_imag_1"));
        Assert.That(rows, Has.Length.EqualTo(2));
        var f = rows[1].Split(',');
        Assert.That(f[0], Is.EqualTo("0"));
        Assert.That(f[1], Is.EqualTo("true"));
        Assert.That(D(f[2]), Is.LessThanOrEqualTo(1e-9));
        Assert.That(f[3], Is.EqualTo("stable node"));
        Assert.That(D(f[4]), Is.EqualTo(MeanFieldModels.BrunelRateHz).Within(1e-9 * MeanFieldModels.BrunelRateHz));
        Assert.That(D(f[5]), Is.EqualTo(MeanFieldModels.BrunelRateHz).Within(1e-9 * MeanFieldModels.BrunelRateHz));
        Assert.That(D(f[6]), Is.EqualTo(-2.275919).Within(1e-5)); // sorted by real part
        Assert.That(D(f[7]), Is.EqualTo(-1.0).Within(1e-5));
        Assert.That(D(f[8]), Is.EqualTo(0));
        Assert.That(D(f[9]), Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("43.2332").And.Contain("stable node").And.Contain("1 fixed point"));
        Assert.That(Directory.GetFiles(Dir, "*.tmp-*"), Is.Empty);
    }

    [Test]
    public void MembraneDynamicsScalesTheEigenvalues()
    {
        string csv = Path.Combine(Dir, "fp.csv");
        var (code, _, stderr) = Run("meanfield", Write("mf.yaml", Brunel.Replace("dynamics: unit", "dynamics: membrane")), "--out", csv);
        Assert.That(code, Is.EqualTo(0), stderr);
        var f = File.ReadAllLines(csv)[1].Split(',');
        Assert.That(D(f[6]), Is.EqualTo(-2.275919 / 0.020).Within(1e-3));
        Assert.That(D(f[7]), Is.EqualTo(-1.0 / 0.020).Within(1e-3));
    }

    [Test]
    public void ClusterExampleWritesThreeFixedPoints()
    {
        string csv = Path.Combine(Dir, "clusters.csv");
        var (code, stdout, stderr) = Run("meanfield", RepositoryData.RepoFile("examples/meanfield-clusters.yaml"), "--out", csv);
        Assert.That(code, Is.EqualTo(0), stderr);
        var rows = File.ReadAllLines(csv);
        Assert.That(rows[0].Split(','), Has.Length.EqualTo(4 + 3 * 6));
        Assert.That(rows.Skip(1).Select(r => r.Split(',')[3]).OrderBy(x => x), Is.EqualTo(new[] { "saddle", "stable node", "stable node" }));
        Assert.That(stdout, Does.Contain("3 fixed point"));
    }

    private static IEnumerable<TestCaseData> BadConfigs()
    {
        yield return new TestCaseData(Brunel.Replace("tau_membrane_ms: [20, 20]", "tau_membrane_ms: [20]"), "tau_membrane_ms").SetName("wrong length");
        yield return new TestCaseData(Brunel + "\nbogus_key: 1\n", "unknown key bogus_key").SetName("unknown key");
        yield return new TestCaseData(Brunel.Replace("threshold: [20, 20]", "threshold: [20, 5]"), "threshold[1]").SetName("threshold below reset");
        yield return new TestCaseData(Brunel.Replace("c_matrix: [[800, 200], [800, 200]]", "c_matrix: [[800, -200], [800, 200]]"), "c_matrix[0][1]").SetName("negative count");
        yield return new TestCaseData(Brunel.Replace("dynamics: unit", "dynamics: fast"), "dynamics").SetName("bad dynamics");
        yield return new TestCaseData(Brunel.Replace("starts: [[0, 0], [10, 10], [100, 100]]", "starts: [[0, 0, 0]]"), "starts[0]").SetName("bad start");
        yield return new TestCaseData(Brunel.Replace("nu_ext: [25, 25]", "nu_ext: 25"), "nu_ext").SetName("scalar per-population list");
        yield return new TestCaseData(Brunel.Replace("j_matrix: [[0.1, -0.5], [0.1, -0.5]]", "j_matrix: [[0.1, -0.5], [0.1]]"), "j_matrix[1]").SetName("ragged matrix");
        yield return new TestCaseData(Brunel.Replace("c_ext: [800, 800]\n", ""), "c_ext is required").SetName("missing key");
        yield return new TestCaseData(Brunel.Replace("tau_synaptic_ms: [0, 0]", "tau_synaptic_ms: [0, abc]"), "tau_synaptic_ms[1]").SetName("not a number");
        yield return new TestCaseData(Brunel + "\nrestarts: -3\n", "restarts").SetName("negative restarts");
    }

    [TestCaseSource(nameof(BadConfigs))]
    public void BadConfigExitsWithCode2AndNoOutput(string yaml, string expected)
    {
        string outPath = Path.Combine(Dir, "x.csv");
        var (code, _, stderr) = Run("meanfield", Write("bad.yaml", yaml), "--out", outPath);
        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("error: ").And.Contain("bad.yaml").And.Contain(expected));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(File.Exists(outPath), Is.False, "no partial output");
    }

    [Test]
    public void MissingConfigAndMissingOutIsUsageError()
    {
        var (code, _, stderr) = Run("meanfield", Path.Combine(Dir, "none.yaml"), "--out", Path.Combine(Dir, "x.csv"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("error:").And.Contain("not found"));
        var (code2, _, _) = Run("meanfield", Write("mf.yaml", Brunel));
        Assert.That(code2, Is.Not.EqualTo(0));
    }
}
