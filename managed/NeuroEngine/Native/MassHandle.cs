using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Owns one native ne_mass; released by ne_mass_destroy.</summary>
internal sealed class MassHandle : SafeHandle
{
    public MassHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ne_mass_destroy(handle);
        return true;
    }
}

/// <summary>Mirror of ne_mass_config.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MassConfig
{
    public uint StructSize;
    public uint Model;
    public int NNodes;
    public int NBatch;
    public double DtMs;
    public double* Cmat;
    public int* DelaySteps;
    public double* Params;
    public double* Init;
    public ulong Seed;
    public int SampleEvery;
    public int NThreads;
    public AlnTablesNative* Aln;
    public int Simd;
    public MassUserModelNative* User;
}

/// <summary>Mirror of ne_mass_user_model: a user-defined model's layout and its three lane functions.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MassUserModelNative
{
    public uint StructSize;
    public int NParams;
    public int NState;
    public int NOutputs;
    public int NCouplings;
    public int NNoise;
    public int StrengthSlot;
    public int TauOuSlot;
    public int SigmaOuSlot;
    public int Reserved;
    public uint* CouplingModes;
    public int* NoiseMeanSlots;
    public nint Step;
    public nint Send;
    public nint Observe;
    public nint Context;
    public byte** StateNames;
}

/// <summary>Mirror of ne_aln_tables.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AlnTablesNative
{
    public int NMu;
    public int NSigma;
    public double* Mu;
    public double* Sigma;
    public double* Rate;
    public double* VMean;
    public double* TauMu;
}
