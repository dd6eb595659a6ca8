using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class LifMeanFieldModelTests
{
    private static LifMeanFieldModel Heterogeneous(bool columns) => new()
    {
        C = new double[,] { { 1, 2 }, { 3, 4 } }, J = new double[,] { { 0.5, -1 }, { 2, 0.25 } },
        JExt = [1, 2], CExt = [10, 20], NuExtHz = [3, 4], TauMMs = [10, 20], TauSMs = [0, 0],
        Threshold = [20, 20], Reset = [10, 10], TauRefMs = [2, 2], ReferenceColumnScaling = columns,
    };

    [Test]
    public void MomentsScaleRowsByTheMembraneTimeConstantInSeconds()
    {
        // mu_0 = 0.01 (1*0.5*5 + 2*(-1)*7) + 1*10*0.01*3 = 0.185; mu_1 = 0.02 (3*2*5 + 4*0.25*7) + 2*20*0.02*4 = 3.94
        var m = Heterogeneous(columns: false);
        Assert.That(m.Mu([5, 7]), Is.EqualTo(new[] { 0.185, 3.94 }).Within(1e-12));
        // var_0 = 0.01 (0.25*5 + 2*7) + 0.3 = 0.4525; var_1 = 0.02 (3*4*5 + 4*0.0625*7) + 6.4 = 7.635
        Assert.That(m.Sigma([5, 7]), Is.EqualTo(new[] { Math.Sqrt(0.4525), Math.Sqrt(7.635) }).Within(1e-12));
    }

    [Test]
    public void ReferenceColumnScalingReproducesNumpyBroadcasting()
    {
        // numpy: tau_m * C * J with tau_m of shape (P,) multiplies COLUMN j by tau_m[j]; external terms keep tau_m[i]
        var m = Heterogeneous(columns: true);
        Assert.That(m.Mu([5, 7]), Is.EqualTo(new[] { 0.01 * 2.5 + 0.02 * -14 + 0.3, 0.01 * 30 + 0.02 * 7 + 3.2 }).Within(1e-12));
        Assert.That(m.Sigma([5, 7]), Is.EqualTo(new[] { Math.Sqrt(0.0125 + 0.28 + 0.3), Math.Sqrt(0.6 + 0.035 + 6.4) }).Within(1e-12));
        // identical to row scaling when tau_m is uniform
        var uniform = MeanFieldModels.Brunel();
        Assert.That((uniform with { ReferenceColumnScaling = true }).Mu([30, 40]), Is.EqualTo(uniform.Mu([30, 40])).Within(1e-12));
    }

    [Test]
    public void BrunelMomentsAtTheFixedPoint()
    {
        // scipy (same expressions): mu = 22.70672042862694 mV, sigma = 7.3587030621558505 mV at 43.23319892843266 Hz
        var m = MeanFieldModels.Brunel();
        double nu = MeanFieldModels.BrunelRateHz;
        Assert.That(m.Mu([nu, nu])[0], Is.EqualTo(22.70672042862694).Within(1e-12));
        Assert.That(m.Sigma([nu, nu])[1], Is.EqualTo(7.3587030621558505).Within(1e-12));
        Assert.That(m.NuExtHz[0], Is.EqualTo(25.0)); // eta * nu_thr = 2 * 12.5 Hz
    }

    [Test]
    public void SigmaHasTheReferenceFloor()
    {
        var m = MeanFieldModels.Brunel() with { CExt = [0, 0] };
        Assert.That(m.Sigma([0, 0]), Is.EqualTo(new[] { 1e-6, 1e-6 }));
    }

    private static IEnumerable<TestCaseData> BadModels()
    {
        var b = MeanFieldModels.Brunel();
        yield return new TestCaseData(b with { TauMMs = [20] }, "tau_membrane_ms", "2 entries").SetName("length mismatch");
        yield return new TestCaseData(b with { C = new double[,] { { 800, 200 } } }, "c_matrix", "2 x 2").SetName("matrix shape");
        yield return new TestCaseData(b with { C = new double[,] { { 800, -1 }, { 800, 200 } } }, "c_matrix", "-1").SetName("negative count");
        yield return new TestCaseData(b with { J = new double[,] { { 0.1, double.NaN }, { 0.1, -0.5 } } }, "j_matrix", "NaN").SetName("NaN efficacy");
        yield return new TestCaseData(b with { TauMMs = [20, 0] }, "tau_membrane_ms", "got 0").SetName("tau_m zero");
        yield return new TestCaseData(b with { TauSMs = [-1, 0] }, "tau_synaptic_ms", "got -1").SetName("tau_s negative");
        yield return new TestCaseData(b with { TauRefMs = [2, -2] }, "tau_refractory_ms", "got -2").SetName("tau_ref negative");
        yield return new TestCaseData(b with { NuExtHz = [25, double.PositiveInfinity] }, "nu_ext", "nu_ext[1]").SetName("nu_ext infinite");
        yield return new TestCaseData(b with { CExt = [-800, 800] }, "c_ext", "got -800").SetName("c_ext negative");
        yield return new TestCaseData(b with { Reset = [25, 10] }, "threshold", "reset_voltage[0] (25)").SetName("threshold below reset");
        yield return new TestCaseData(b with { JExt = [] }, "j_ext", "at least one").SetName("no populations");
    }

    [TestCaseSource(nameof(BadModels))]
    public void ValidateNamesTheKeyAndTheValue(LifMeanFieldModel model, string key, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(model.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(key));
        Assert.That(ex.Message, Does.Contain(fragment));
    }

    [Test]
    public void RejectsRatesOfTheWrongLengthOrNotFinite()
    {
        var m = MeanFieldModels.Brunel();
        Assert.Throws<ArgumentException>(() => m.Transfer([1.0]));
        Assert.Throws<ArgumentException>(() => m.Residual([1.0, double.NaN]));
    }
}
