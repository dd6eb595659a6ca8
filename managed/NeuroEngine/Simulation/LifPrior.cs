using MathNet.Numerics.Distributions;
using NeuroEngine.Random;

namespace NeuroEngine.Simulation;

/// <summary>The prior of the BayesFlow LIF project (Kiyani, Simulation-Based-Inference; docs/lif-neurons.md): truncated normals for the
/// voltages, log-normals clipped (not truncated) for tau_m and g_L, sampled in the order
/// V_th, E_L, V_init, V_reset, tau_m, g_L with the ordering constraints
/// V_init &lt;= min(E_L - 0.5, -65) and V_reset &lt;= min(V_init - 0.5, -65).</summary>
/// <remarks>Truncated normals by inverse CDF: x = mu + sd Phi^-1(Phi(a) + u (Phi(b) - Phi(a))).
/// Uniforms come from Philox streams (key = seed, counter = (block 0/1, neuron low, neuron high,
/// <see cref="EngineRandom.PriorStreamHigh"/>)), so neuron i's draw depends only on (seed, i).
/// The distribution equals the seed's; the individual draws differ from numpy's.</remarks>
public sealed record LifPrior
{
    /// <summary>The seed project's PriorConfig.</summary>
    public static LifPrior Default { get; } = new();

    public double VThMean { get; init; } = -55; public double VThSd { get; init; } = 2; public double VThLow { get; init; } = -60; public double VThHigh { get; init; } = -50;
    public double ELMean { get; init; } = -70; public double ELSd { get; init; } = 2; public double ELLow { get; init; } = -75; public double ELHigh { get; init; } = -60;
    public double VInitMean { get; init; } = -70; public double VInitSd { get; init; } = 2; public double VInitLow { get; init; } = -80; public double VInitCap { get; init; } = -65;
    public double VResetMean { get; init; } = -72; public double VResetSd { get; init; } = 2; public double VResetLow { get; init; } = -85; public double VResetCap { get; init; } = -65;
    /// <summary>Gap kept below E_L (for V_init) and below V_init (for V_reset), mV.</summary>
    public double OrderingGap { get; init; } = 0.5;
    public double TauMLogMean { get; init; } = Math.Log(10); public double TauMLogSd { get; init; } = 0.2; public double TauMMin { get; init; } = 5; public double TauMMax { get; init; } = 20;
    public double GLLogMean { get; init; } = Math.Log(10); public double GLLogSd { get; init; } = 0.2; public double GLMin { get; init; } = 5; public double GLMax { get; init; } = 15;

    /// <summary>Draws <paramref name="count"/> parameter sets; neuron i depends only on (seed, i).</summary>
    public LifParameters[] Sample(int count, ulong seed)
    {
        if (count < 1) throw new ArgumentException($"count must be >= 1, got {count}", nameof(count));
        var result = new LifParameters[count];
        Parallel.For(0, count, i => result[i] = SampleOne((ulong)i, seed));
        return result;
    }

    /// <summary>The draw of neuron <paramref name="index"/>.</summary>
    public LifParameters SampleOne(ulong index, ulong seed)
    {
        uint k0 = (uint)seed, k1 = (uint)(seed >> 32), lo = (uint)index, hi = (uint)(index >> 32);
        var a = Philox4x32.Block(0, lo, hi, EngineRandom.PriorStreamHigh, k0, k1);
        var b = Philox4x32.Block(1, lo, hi, EngineRandom.PriorStreamHigh, k0, k1);
        double u(uint x) => Philox4x32.ToOpenUnit(x);

        double vTh = TruncatedNormal(VThMean, VThSd, VThLow, VThHigh, u(a.X0));
        double eL = TruncatedNormal(ELMean, ELSd, ELLow, ELHigh, u(a.X1));
        double vInit = TruncatedNormal(VInitMean, VInitSd, VInitLow, Math.Min(eL - OrderingGap, VInitCap), u(a.X2));
        double vReset = TruncatedNormal(VResetMean, VResetSd, VResetLow, Math.Min(vInit - OrderingGap, VResetCap), u(a.X3));
        double tauM = Math.Clamp(Math.Exp(TauMLogMean + TauMLogSd * Normal.InvCDF(0, 1, u(b.X0))), TauMMin, TauMMax);
        double gL = Math.Clamp(Math.Exp(GLLogMean + GLLogSd * Normal.InvCDF(0, 1, u(b.X1))), GLMin, GLMax);
        return new LifParameters(vTh, tauM, gL, vReset, vInit, eL);
    }

    /// <summary>Inverse-CDF draw from N(mean, sd^2) truncated to [low, high].</summary>
    public static double TruncatedNormal(double mean, double sd, double low, double high, double u)
    {
        if (!(low < high)) throw new ArgumentException($"truncation bounds [{low}, {high}] are empty", nameof(low));
        double pa = Normal.CDF(0, 1, (low - mean) / sd), pb = Normal.CDF(0, 1, (high - mean) / sd);
        double x = mean + sd * Normal.InvCDF(0, 1, pa + u * (pb - pa));
        return Math.Clamp(x, low, high);
    }
}
