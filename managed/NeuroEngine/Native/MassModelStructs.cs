using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Mirror of ne_mass_model_info: one built-in neural mass model's descriptor.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MassModelInfoNative
{
    public uint StructSize;
    public uint Model;
    public byte* Name;
    public byte* Title;
    public byte* Citation;
    public byte* Coupling;
    public int NAliases;
    public int NParams;
    public int NState;
    public int NOutputs;
    public int NNoise;
    public int NEquations;
    public int NRings;
    public int Lag;
    public double BoldOffset;
    public double BoldScale;
}

/// <summary>Mirror of ne_mass_param_info: one parameter of a built-in model.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MassParamInfoNative
{
    public uint StructSize;
    public int Slot;
    public byte* Name;
    public byte* Unit;
    public byte* Description;
    public double DefaultValue;
    public double Min;
    public double Max;
    public int MinOpen;
    public int MaxOpen;
}

/// <summary>Mirror of ne_mass_state_info: one state variable of a built-in model.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MassStateInfoNative
{
    public uint StructSize;
    public int Reserved;
    public byte* Name;
    public byte* Unit;
    public double InitLow;
    public double InitHigh;
}
