using NeuroEngine.Inference.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

/// <summary>Recovery R2 and NRMSE against values computed from their formulas.</summary>
public class RecoveryTests
{
    private static readonly string[] Two = ["a", "b"];

    [Test]
    public void ExactEstimatesGiveR2OneAndNrmseZero()
    {
        double[][] truth = [[1, 10], [2, -3], [5, 7], [0.5, 2]];
        var rows = Recovery.Compute(truth, truth.Select(r => r.ToArray()).ToArray(), Two);
        Assert.That(rows.Select(r => r.Parameter), Is.EqualTo(Two));
        Assert.That(rows.Select(r => r.R2), Is.All.EqualTo(1.0));
        Assert.That(rows.Select(r => r.Nrmse), Is.All.EqualTo(0.0));
    }

    [Test]
    public void PredictingTheColumnMeanGivesR2Zero()
    {
        double[][] truth = [[1, 10], [2, -3], [6, 7], [3, 2]];     // column means 3 and 4
        double[][] estimate = [[3, 4], [3, 4], [3, 4], [3, 4]];
        var rows = Recovery.Compute(truth, estimate, Two);
        Assert.That(rows[0].R2, Is.EqualTo(0.0).Within(1e-15));
        Assert.That(rows[1].R2, Is.EqualTo(0.0).Within(1e-15));
    }

    [Test]
    public void ThreeRowsMatchTheFormulas()
    {
        // truth 1, 2, 3 (mean 2, SS_tot 2, range 2); estimate 1.5, 2, 2 (SS_res 0.25 + 0 + 1 = 1.25)
        double[][] truth = [[1], [2], [3]];
        double[][] estimate = [[1.5], [2], [2]];
        var row = Recovery.Compute(truth, estimate, ["x"]).Single();
        Assert.That(row.R2, Is.EqualTo(1 - 1.25 / 2).Within(1e-15));
        Assert.That(row.Nrmse, Is.EqualTo(Math.Sqrt(1.25 / 3) / 2).Within(1e-15));
    }

    [Test]
    public void ConstantTruthFollowsSklearnAndFallsBackToRmse()
    {
        double[][] truth = [[4], [4], [4], [4]];
        var exact = Recovery.Compute(truth, [[4], [4], [4], [4]], ["c"]).Single();
        Assert.That(exact.R2, Is.EqualTo(1.0));
        Assert.That(exact.Nrmse, Is.EqualTo(0.0));
        var off = Recovery.Compute(truth, [[5], [3], [5], [3]], ["c"]).Single();
        Assert.That(off.R2, Is.EqualTo(0.0), "sklearn: SS_tot = 0 and SS_res > 0 gives 0");
        Assert.That(off.Nrmse, Is.EqualTo(1.0), "zero range: the RMSE itself");
    }

    [Test]
    public void BadInputIsRejectedNamingTheParameter()
    {
        double[][] truth = [[1, 2], [3, 4], [5, 6]];
        var e = Assert.Throws<ArgumentException>(() => Recovery.Compute(truth, [[1, 2], [3, 4]], Two));
        Assert.That(e!.ParamName, Is.EqualTo("estimate"));
        Assert.That(e.Message, Does.Contain("2 rows").And.Contain("3"));

        e = Assert.Throws<ArgumentException>(() => Recovery.Compute([], [], Two));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));

        e = Assert.Throws<ArgumentException>(() => Recovery.Compute([[1, 2], [double.NaN, 4]], [[1, 2], [3, 4]], Two));
        Assert.That(e!.ParamName, Is.EqualTo("truth"));
        Assert.That(e.Message, Does.Contain("truth[1][0]").And.Contain("NaN"));

        e = Assert.Throws<ArgumentException>(() => Recovery.Compute(truth, truth, ["only"]));
        Assert.That(e!.Message, Does.Contain("truth[0] has 2 columns, expected 1"));

        e = Assert.Throws<ArgumentException>(() => Recovery.Compute(truth, truth, []));
        Assert.That(e!.ParamName, Is.EqualTo("names"));
    }
}
