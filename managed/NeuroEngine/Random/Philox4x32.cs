namespace NeuroEngine.Random;

/// <summary>Philox4x32-10 counter-based generator (Salmon et al., "Parallel random
/// numbers: as easy as 1, 2, 3", SC'11), the same function the native kernels use.
/// Managed so that C# code (prior sampling, tests) draws from the same family of
/// streams without a native call per number.</summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;

    /// <summary>Ten rounds on counter (c0..c3) under key (k0, k1).</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; k1 += W1; }
            ulong p0 = (ulong)M0 * c0, p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0, hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0);
        }
        return (c0, c1, c2, c3);
    }

    /// <summary>A uniform in the open interval (0, 1) from one 32-bit word: (x + 0.5) / 2^32.</summary>
    public static double ToOpenUnit(uint x) => (x + 0.5) / 4294967296.0;
}
