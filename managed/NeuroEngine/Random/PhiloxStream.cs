namespace NeuroEngine.Random;

/// <summary>A sequential stream of random numbers for managed code that needs many draws in
/// order (weight initialisation, shuffling, posterior sampling): Philox4x32-10 blocks keyed by
/// the seed, counted by (block, stream). The same (seed, stream) gives the same numbers on
/// every machine and .NET version, unlike <see cref="System.Random"/>'s unspecified algorithm.</summary>
public sealed class PhiloxStream
{
    /// <summary>Stream-high word of inference streams (top bit marks managed streams).</summary>
    public const uint InferenceStreamHigh = 0x80000002u;

    private readonly uint _k0, _k1, _streamLo, _streamHi;
    private ulong _block;
    private (uint, uint, uint, uint) _words;
    private int _used = 4;
    private double _spareNormal = double.NaN;

    /// <summary>The stream (<paramref name="seed"/>, <paramref name="stream"/>).</summary>
    public PhiloxStream(ulong seed, ulong stream = 0, uint streamHigh = InferenceStreamHigh)
    {
        _k0 = (uint)seed; _k1 = (uint)(seed >> 32);
        _streamLo = (uint)stream; _streamHi = streamHigh ^ (uint)(stream >> 32);
    }

    /// <summary>The next 32-bit word.</summary>
    public uint NextUInt()
    {
        if (_used == 4)
        {
            _words = Philox4x32.Block((uint)_block, (uint)(_block >> 32), _streamLo, _streamHi, _k0, _k1);
            _block++;
            _used = 0;
        }
        var (a, b, c, d) = _words;
        return _used++ switch { 0 => a, 1 => b, 2 => c, _ => d };
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => ((((ulong)NextUInt() << 32) | NextUInt()) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1), never 0 (for logarithms).</summary>
    public double NextOpenDouble() => (((((ulong)NextUInt() << 32) | NextUInt()) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="n"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        ulong m = (ulong)NextUInt() * (uint)n;
        if ((uint)m < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while ((uint)m < threshold) m = (ulong)NextUInt() * (uint)n;
        }
        return (int)(m >> 32);
    }

    /// <summary>A standard normal variate (Box-Muller, both variates used).</summary>
    public double NextNormal()
    {
        if (!double.IsNaN(_spareNormal)) { double s = _spareNormal; _spareNormal = double.NaN; return s; }
        double r = Math.Sqrt(-2.0 * Math.Log(NextOpenDouble())), phi = 2.0 * Math.PI * NextDouble();
        _spareNormal = r * Math.Sin(phi);
        return r * Math.Cos(phi);
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }
}
