using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>P/Invoke declarations of native/include/neuroengine.h, with the C names.
/// The only place in the project that declares native functions.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "neuroengine";

    [LibraryImport(Library)] internal static partial uint ne_abi_version();
    [LibraryImport(Library)] internal static partial byte* ne_version();
    [LibraryImport(Library)] internal static partial byte* ne_build_info();
    [LibraryImport(Library)] internal static partial byte* ne_last_error();
    [LibraryImport(Library)] internal static partial byte* ne_status_name(int status);

    [LibraryImport(Library)] internal static partial int ne_philox4x32_10(uint* counter, uint* key, uint* output);
    [LibraryImport(Library)] internal static partial int ne_random_normal(ulong seed, ulong stream, uint firstBlock, float* output, long n);
    [LibraryImport(Library)] internal static partial int ne_exp_eval(double* x, double* y, long n);

    [LibraryImport(Library)] internal static partial int ne_lif_batch_create(in LifBatchConfig config, double* parameters, long parametersLength, out LifBatchHandle handle);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_estimate_bytes(in LifBatchConfig config, out long bytes);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_info_get(LifBatchHandle batch, ref LifBatchInfo info);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_advance(LifBatchHandle batch, long nSteps, float* voltage, long voltageLength);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_read_spike_counts(LifBatchHandle batch, int* counts, long length);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_read_mean_v(LifBatchHandle batch, double* meanV, long length);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_read_spike_steps(LifBatchHandle batch, int* steps, long stepsLength, int* overflowed, long overflowedLength);
    [LibraryImport(Library)] internal static partial int ne_lif_batch_read_v(LifBatchHandle batch, double* v, long length);
    [LibraryImport(Library)] internal static partial void ne_lif_batch_destroy(nint batch);

    [LibraryImport(Library)] internal static partial int ne_network_create(in NetworkConfig config, out LifNetworkHandle handle);
    [LibraryImport(Library)] internal static partial int ne_network_info_get(LifNetworkHandle net, ref NetworkInfo info);
    [LibraryImport(Library)] internal static partial int ne_network_advance(LifNetworkHandle net, long nSteps);
    [LibraryImport(Library)] internal static partial int ne_network_read_spikes(LifNetworkHandle net, int* network, int* neuron, long* step, long length);
    [LibraryImport(Library)] internal static partial int ne_network_read_population_counts(LifNetworkHandle net, int* counts, long length);
    [LibraryImport(Library)] internal static partial int ne_network_read_samples(LifNetworkHandle net, double* sums, long length);
    [LibraryImport(Library)] internal static partial int ne_network_read_spike_counts(LifNetworkHandle net, long* counts, long length);
    [LibraryImport(Library)] internal static partial int ne_network_read_state(LifNetworkHandle net, uint variable, double* values, long length);
    [LibraryImport(Library)] internal static partial int ne_network_read_targets(LifNetworkHandle net, long source, int* targets, long length, out long count);
    [LibraryImport(Library)] internal static partial int ne_network_read_target_delays(LifNetworkHandle net, long source, int* delaySteps, long length, out long count);
    [LibraryImport(Library)] internal static partial void ne_network_destroy(nint net);

    [LibraryImport(Library)] internal static partial int ne_convolve(double* x, long nx, double* h, long nh, int mode, double* output, long outLength, int nThreads);
    [LibraryImport(Library)] internal static partial int ne_convolve_fft(double* x, long nx, double* h, long nh, int mode, double* output, long outLength, int nThreads);
    [LibraryImport(Library)] internal static partial int ne_bold_create(in BoldConfig config, out BoldHandle handle);
    [LibraryImport(Library)] internal static partial int ne_bold_advance(BoldHandle bold, double* z, long zLength, long nSteps, double* samples, long length, out long nSamples);
    [LibraryImport(Library)] internal static partial int ne_bold_read_state(BoldHandle bold, double* state, long length);
    [LibraryImport(Library)] internal static partial void ne_bold_destroy(nint bold);

    [LibraryImport(Library)] internal static partial int ne_mass_create(in MassConfig config, out MassHandle handle);
    [LibraryImport(Library)] internal static partial int ne_mass_advance(MassHandle mass, long nSteps, double* samples, long length, out long nSamples);
    [LibraryImport(Library)] internal static partial int ne_mass_advance_into(MassHandle mass, long nSteps, double** outputs, long nOutputs, long rows, out long nSamples);
    [LibraryImport(Library)] internal static partial void ne_mass_destroy(nint mass);

    [LibraryImport(Library)] internal static partial int ne_mass_model_count(out int count);
    [LibraryImport(Library)] internal static partial int ne_mass_model_info_get(uint model, ref MassModelInfoNative info);
    [LibraryImport(Library)] internal static partial int ne_mass_model_param(uint model, int index, ref MassParamInfoNative info);
    [LibraryImport(Library)] internal static partial int ne_mass_model_state(uint model, int index, ref MassStateInfoNative info);
    [LibraryImport(Library)] internal static partial int ne_mass_model_text(uint model, uint kind, int index, out byte* text);
    [LibraryImport(Library)] internal static partial int ne_abi_layout_count();
    [LibraryImport(Library)] internal static partial int ne_abi_layout(int index, out byte* structName, out byte* field, out long offset, out long size);

    [LibraryImport(Library)] internal static partial int ne_advise_huge_pages(void* p, long bytes);
}

/// <summary>Mirror of ne_lif_batch_config (layout checked by struct_size on the native side).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LifBatchConfig
{
    public uint StructSize;
    public uint Scheme;
    public long NNeurons;
    public double TMs;
    public double DtMs;
    public double TrefMs;
    public double IMean;
    public double IStd;
    public double ObsNoiseStd;
    public double VClipLo;
    public double VClipHi;
    public ulong Seed;
    public int MaxSpikes;
    public int VoltageEvery;
    public int NThreads;
    public int Simd;
    public long MaxMemoryBytes;
}

/// <summary>Mirror of ne_lif_batch_info.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LifBatchInfo
{
    public uint StructSize;
    public int RefractorySteps;
    public long NNeurons;
    public long NSamples;
    public long SamplesDone;
    public long NVoltageSamples;
    public int MaxPossibleSpikes;
    public int MaxSpikes;
    public long NativeBytes;
}
