using NeuroEngine.Simulation.MeanField;

namespace NeuroEngine.Tests.MeanField;

/// <summary>Models shared by the mean-field tests.</summary>
internal static class MeanFieldModels
{
    /// <summary>Brunel (2000) model A, N = 10,000: C_E = 800, C_I = 200, J = 0.1 mV, g, tau_m = 20 ms,
    /// theta = 20 mV, V_r = 10 mV, t_ref = 2 ms, delta synapses; C_E external inputs at eta * nu_thr with
    /// nu_thr = theta / (J C_E tau_m) = 12.5 Hz.</summary>
    public static LifMeanFieldModel Brunel(double g = 5, double eta = 2)
    {
        double nuThr = 20 / (0.1 * 800 * 0.020);
        return new LifMeanFieldModel
        {
            C = new double[,] { { 800, 200 }, { 800, 200 } },
            J = new double[,] { { 0.1, -0.1 * g }, { 0.1, -0.1 * g } },
            JExt = [0.1, 0.1], CExt = [800, 800], NuExtHz = [eta * nuThr, eta * nuThr],
            TauMMs = [20, 20], TauSMs = [0, 0], Threshold = [20, 20], Reset = [10, 10], TauRefMs = [2, 2],
        };
    }

    /// <summary>scipy: brentq on the 1-D reduction (E and I identical) of Brunel(g = 5, eta = 2) with the
    /// reference transfer function (see LifTransferFunctionTests), xtol = 1e-14, rtol = 1e-15.</summary>
    public const double BrunelRateHz = 43.23319892843266;

    /// <summary>The mean-field example of VectorialNeuroModulators' README (tau in ms here, s there).</summary>
    public static LifMeanFieldModel ReferenceReadme() => new()
    {
        C = new double[,] { { 1, 1 }, { 1, 1 } }, J = new double[,] { { 0.1, 0.1 }, { 0.1, 0.1 } },
        JExt = [2.3, 2.3], CExt = [320, 320], NuExtHz = [7, 7], TauMMs = [20, 20], TauSMs = [5, 5],
        Threshold = [1.5, 0.75], Reset = [0, 0], TauRefMs = [5, 5],
    };

    /// <summary>One strongly self-exciting population (C = 800, J = 0.2 mV) with 1000 external inputs of
    /// 0.1 mV at 8 Hz, tau_m 20 ms, delta synapses, theta 20, V_r 10, t_ref 2 ms: three fixed points.</summary>
    public static LifMeanFieldModel Bistable() => new()
    {
        C = new double[,] { { 800 } }, J = new double[,] { { 0.2 } },
        JExt = [0.1], CExt = [1000], NuExtHz = [8], TauMMs = [20], TauSMs = [0],
        Threshold = [20], Reset = [10], TauRefMs = [2],
    };

    /// <summary>Fixed points of <see cref="Bistable"/>: scipy brentq (xtol 1e-15, rtol 1e-15) on brackets of a
    /// 4,000-point scan of nu - Phi(nu) over [0, 500] Hz; Phi' - 1 by a forward difference (h = 1e-6).</summary>
    public static readonly (double RateHz, double Eigenvalue, string Label)[] BistableFixedPoints =
    [
        (0.004125635339517855, -0.9227236549999287, "stable node"),
        (0.2921114243402482, 2.256606799728612, "unstable node"),
        (468.7727927289544, -0.9375904735643417, "stable node"),
    ];
}
