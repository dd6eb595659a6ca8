using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Owns one native ne_bold; released by ne_bold_destroy.</summary>
internal sealed class BoldHandle : SafeHandle
{
    public BoldHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ne_bold_destroy(handle);
        return true;
    }
}

/// <summary>Mirror of ne_bold_config.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BoldConfig
{
    public uint StructSize;
    public uint Init;
    public int NRegions;
    public int SampleEvery;
    public double DtMs;
    public double Rho, Alpha, V0, K1, K2, K3, Gamma, Kappa, Tau;
    public int NThreads;
    public int Simd;
}
