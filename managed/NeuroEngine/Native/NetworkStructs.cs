using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

// Mirrors of the ne_network_* structs of neuroengine.h. The native side checks
// every struct_size, so a layout drift fails with a clear message, not a crash.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NetworkPopulation
{
    public uint StructSize;
    public int Size;
    public int RecordSpikes;
    public uint VInitKind;
    public double VInitA, VInitB;
    public double TauMMs;
    public double CmPf;
    public double VTh;
    public double VReset;
    public double EL;
    public double TRefMs;
    public double TauExcMs;
    public double TauInhMs;
    public double EExc;
    public double EInh;
    public double IDc;
    public uint GExcInitKind;
    public uint GInhInitKind;
    public double GExcInitA, GExcInitB;
    public double GInhInitA, GInhInitB;
    public NetworkNeuronModel* Model;   // null: the built-in LIF
    public double* ModelParams;
    public NetworkInitial* ModelInit;
}

// ne_network_neuron_model
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NetworkNeuronModel
{
    public uint StructSize;
    public int NState;
    public int NParams;
    public int Reserved;
    public nint Update;
    public nint Context;
    public byte* Name;
    public byte** StateNames;
}

// ne_network_initial
[StructLayout(LayoutKind.Sequential)]
internal struct NetworkInitial
{
    public uint Kind;
    public int Reserved;
    public double A, B;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NetworkProjection
{
    public uint StructSize;
    public uint Rule;
    public int Source;
    public int Target;
    public int Indegree;
    public int AllowAutapses;
    public int AllowMultapses;
    public int Reserved;
    public double Probability;
    public double DelayMs;
    public double DelayMaxMs;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NetworkDrive
{
    public uint StructSize;
    public int Target;
    public double RateHz;
    public double Weight;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NetworkStimulus
{
    public uint StructSize;
    public uint Shape;
    public int Target;
    public int Reserved;
    public double OnsetMs;
    public double DurationMs;
    public double Amplitude;
    public double TauRiseMs;
    public double TauDecayMs;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NetworkConfig
{
    public uint StructSize;
    public uint SynapseType;
    public int NNetworks;
    public int NPopulations;
    public int NProjections;
    public int NDrives;
    public int NStimuli;
    public int NThreads;
    public double DtMs;
    public ulong ConnectivitySeed;
    public ulong* Seeds;
    public NetworkPopulation* Populations;
    public NetworkProjection* Projections;
    public double* Weights;
    public NetworkDrive* Drives;
    public NetworkStimulus* Stimuli;
    public int SampleEvery;
    public int Simd;
    public long MaxMemoryBytes;
    public uint Precision;
    public int Reserved;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NetworkInfo
{
    public uint StructSize;
    public int NNetworks;
    public int NPopulations;
    public int RingSlots;
    public long Neurons;
    public long Synapses;
    public long ConnectivityBytes;
    public long NativeBytes;
    public long StepsDone;
    public long ChunkFirstStep;
    public long ChunkSteps;
    public long ChunkSpikes;
    public long ChunkSamples;
}
