using System.Runtime.InteropServices;

namespace NeuroEngine.Simulation;

/// <summary>The six parameters of one LIF neuron (docs/lif-neurons.md), in the BayesFlow LIF project's order.</summary>
/// <param name="VTh">Spike threshold (mV).</param>
/// <param name="TauM">Membrane time constant (ms), &gt; 0.</param>
/// <param name="GL">Leak conductance (nS-like), &gt; 0.</param>
/// <param name="VReset">Reset potential (mV), &lt; VTh.</param>
/// <param name="VInit">Initial membrane potential (mV).</param>
/// <param name="EL">Leak reversal (resting) potential (mV).</param>
/// <remarks>Laid out as six consecutive doubles in this order, so a span of them is passed to
/// the native batch as the row-major params array without a copy.</remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct LifParameters(double VTh, double TauM, double GL, double VReset, double VInit, double EL)
{
    /// <summary>Column names in files, in order: V_th,tau_m,g_L,V_reset,V_init,E_L.</summary>
    public static readonly string[] Names = ["V_th", "tau_m", "g_L", "V_reset", "V_init", "E_L"];

    /// <summary>Values in the order of <see cref="Names"/>.</summary>
    public double this[int index] => index switch
    {
        0 => VTh, 1 => TauM, 2 => GL, 3 => VReset, 4 => VInit, 5 => EL,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "parameter index must be 0..5"),
    };

    /// <summary>Builds from values in the order of <see cref="Names"/>.</summary>
    public static LifParameters FromArray(ReadOnlySpan<double> v) =>
        v.Length == 6 ? new(v[0], v[1], v[2], v[3], v[4], v[5])
            : throw new ArgumentException($"expected 6 values ({string.Join(",", Names)}), got {v.Length}", nameof(v));

    /// <summary>Throws ArgumentException naming the neuron and field for a value the model rejects.</summary>
    public void Validate(long neuron)
    {
        // the common case in one branch: a 200,000-neuron batch validated field by field through
        // the indexer took as long as 100 samples of its simulation
        if (double.IsFinite(VTh) && double.IsFinite(TauM) && double.IsFinite(GL) && double.IsFinite(VReset) &&
            double.IsFinite(VInit) && double.IsFinite(EL) && TauM > 0 && GL > 0 && VReset < VTh)
            return;
        for (int i = 0; i < 6; i++)
            if (!double.IsFinite(this[i]))
                throw new ArgumentException($"neuron {neuron}: {Names[i]} must be finite, got {this[i]}", Names[i]);
        if (!(TauM > 0)) throw new ArgumentException($"neuron {neuron}: tau_m must be > 0, got {TauM}", "tau_m");
        if (!(GL > 0)) throw new ArgumentException($"neuron {neuron}: g_L must be > 0, got {GL}", "g_L");
        if (!(VReset < VTh))
            throw new ArgumentException($"neuron {neuron}: V_reset ({VReset}) must be < V_th ({VTh})", "V_reset");
    }
}
