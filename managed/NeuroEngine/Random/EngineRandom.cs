using NeuroEngine.Native;

namespace NeuroEngine.Random;

/// <summary>The engine's random streams. Key = the 64-bit seed; counter words =
/// (block, element, stream low, stream high). Kernels use stream = simulation
/// index (e.g. neuron); managed helpers use streams with the top bit set.</summary>
public static unsafe class EngineRandom
{
    /// <summary>Stream-high word of the prior sampler's streams (top bit marks managed streams).</summary>
    public const uint PriorStreamHigh = 0x80000001u;

    /// <summary>Native Philox4x32-10 block (for checking the native code against <see cref="Philox4x32"/>).</summary>
    public static (uint, uint, uint, uint) NativeBlock(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        NativeLibraryLoader.EnsureCompatible();
        uint* ctr = stackalloc uint[4] { c0, c1, c2, c3 };
        uint* key = stackalloc uint[2] { k0, k1 };
        uint* o = stackalloc uint[4];
        NativeStatus.Check(NativeMethods.ne_philox4x32_10(ctr, key, o));
        return (o[0], o[1], o[2], o[3]);
    }

    /// <summary>Standard normal variates of (seed, stream), blocks from <paramref name="firstBlock"/>,
    /// four per block by the Box-Muller transform (float32, tails cut at 5.77 sd).</summary>
    public static void Normal(ulong seed, ulong stream, uint firstBlock, Span<float> destination)
    {
        NativeLibraryLoader.EnsureCompatible();
        fixed (float* p = destination)
            NativeStatus.Check(NativeMethods.ne_random_normal(seed, stream, firstBlock, p, destination.Length), nameof(destination));
    }
}
