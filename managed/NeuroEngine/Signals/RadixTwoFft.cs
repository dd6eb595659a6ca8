using System.Collections.Concurrent;

namespace NeuroEngine.Signals;

/// <summary>An in-place iterative radix-2 complex FFT for power-of-two lengths (split real and imaginary arrays,
/// cached twiddles), for the autocorrelations and periodograms of catch22, where it is several times faster than
/// the general-length transform.</summary>
public static class RadixTwoFft
{
    private static readonly ConcurrentDictionary<int, (double[] Cos, double[] Sin)> Twiddles = new();

    /// <summary>Forward transform (e^{-2 pi i k n / N}, no scaling) of re + i im, length a power of two.</summary>
    public static void Forward(double[] re, double[] im) => Transform(re, im, -1);

    /// <summary>Inverse transform without the 1/N scaling.</summary>
    public static void InverseUnscaled(double[] re, double[] im) => Transform(re, im, 1);

    private static void Transform(double[] re, double[] im, int sign)
    {
        int n = re.Length;
        if (n != im.Length || n == 0 || (n & (n - 1)) != 0) throw new ArgumentException($"length must be a power of two, got {n}", nameof(re));
        for (int i = 1, j = 0; i < n; i++) // bit reversal
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        var (cos, sin) = Twiddles.GetOrAdd(n, size =>
            (Enumerable.Range(0, size / 2).Select(k => Math.Cos(2 * Math.PI * k / size)).ToArray(),
             Enumerable.Range(0, size / 2).Select(k => Math.Sin(2 * Math.PI * k / size)).ToArray()));
        for (int length = 2; length <= n; length <<= 1)
        {
            int half = length >> 1, stride = n / length;
            for (int start = 0; start < n; start += length)
                for (int k = 0; k < half; k++)
                {
                    double wr = cos[k * stride], wi = sign * sin[k * stride];
                    int a = start + k, b = a + half;
                    double tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
        }
    }
}
