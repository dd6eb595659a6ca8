using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroEngine.Inference.Networks;

/// <summary>Dense matrix products for the small networks, row-major, SIMD (Vector&lt;double&gt;,
/// fused multiply-add) and allocation-free. Sizes here are tens to hundreds, where a register-blocked
/// managed kernel is within reach of BLAS and avoids a native call per layer and batch.</summary>
public static class Gemm
{
    /// <summary>Threads a large product may use (rows split in blocks of 4, so every element is
    /// computed by the same instructions whatever the count: results are bit-identical for any value).
    /// Default: all cores.</summary>
    public static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Products smaller than this many multiply-adds run on one thread: measured on the
    /// MLP benchmark (200-row batches, 50-wide layers, up to 0.5M multiply-adds per product), splitting
    /// them over 2 threads was 10-15% slower than one thread.</summary>
    public const int ParallelThreshold = 1_000_000;

    /// <summary>C[m,n] = (accumulate ? C : 0) + A[m,k] B[k,n].</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate = false)
    {
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
            throw new ArgumentException($"Gemm: buffers too small for [{m}x{k}]·[{k}x{n}]");
        if (!accumulate) c[..(m * n)].Clear();
        int threads = Math.Min(MaxThreads, m / 8);
        if (threads > 1 && (long)m * k * n >= ParallelThreshold)
        {
            int block = ((m + threads - 1) / threads + 3) / 4 * 4;
            unsafe
            {
                fixed (double* pa = a, pb = b, pc = c)
                {
                    double* xa = pa, xb = pb, xc = pc;
                    Parallel.For(0, (m + block - 1) / block, t =>
                    {
                        int r0 = t * block, rows = Math.Min(block, m - r0);
                        MultiplyRows(new ReadOnlySpan<double>(xa + (long)r0 * k, rows * k), new ReadOnlySpan<double>(xb, k * n),
                            new Span<double>(xc + (long)r0 * n, rows * n), rows, k, n);
                    });
                }
            }
            return;
        }
        MultiplyRows(a, b, c, m, k, n);
    }

    private static void MultiplyRows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        int w = Vector<double>.Count;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 * w <= n; j += 2 * w) Block4x2(ref ra, ref rb, ref rc, i, j, k, n);
            for (; j + w <= n; j += w) Block4x1(ref ra, ref rb, ref rc, i, j, k, n);
            for (; j < n; j++) Column4(ref ra, ref rb, ref rc, i, j, k, n);
        }
        for (; i < m; i++)
        {
            int j = 0;
            for (; j + w <= n; j += w)
            {
                var acc = LoadVector(ref rc, i * n + j);
                for (int p = 0; p < k; p++)
                    acc = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ra, i * k + p)), LoadVector(ref rb, p * n + j), acc);
                StoreVector(acc, ref rc, i * n + j);
            }
            for (; j < n; j++) Unsafe.Add(ref rc, i * n + j) += Dot(ref ra, i * k, ref rb, j, k, n);
        }
    }

    /// <summary>T[n,m] = S[m,n] transposed.</summary>
    public static void Transpose(ReadOnlySpan<double> s, Span<double> t, int m, int n)
    {
        if (s.Length < m * n || t.Length < m * n) throw new ArgumentException($"Transpose: buffers too small for [{m}x{n}]");
        const int tile = 16;
        for (int i0 = 0; i0 < m; i0 += tile)
            for (int j0 = 0; j0 < n; j0 += tile)
            {
                int i1 = Math.Min(m, i0 + tile), j1 = Math.Min(n, j0 + tile);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) t[j * m + i] = s[i * n + j];
            }
    }

    private static double Dot(ref double ra, int aOffset, ref double rb, int j, int k, int n)
    {
        double s = 0;
        for (int p = 0; p < k; p++) s = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, aOffset + p), Unsafe.Add(ref rb, p * n + j), s);
        return s;
    }

    /// <summary>One column of four rows: four independent accumulators, so the tail columns
    /// (n not a multiple of the vector width) are not bound by the latency of one FMA chain.</summary>
    private static void Column4(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < k; p++)
        {
            double b = Unsafe.Add(ref rb, p * n + j);
            s0 = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, a0 + p), b, s0);
            s1 = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, a1 + p), b, s1);
            s2 = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, a2 + p), b, s2);
            s3 = Math.FusedMultiplyAdd(Unsafe.Add(ref ra, a3 + p), b, s3);
        }
        Unsafe.Add(ref rc, i * n + j) += s0; Unsafe.Add(ref rc, (i + 1) * n + j) += s1;
        Unsafe.Add(ref rc, (i + 2) * n + j) += s2; Unsafe.Add(ref rc, (i + 3) * n + j) += s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LoadVector(ref double r, int offset) =>
        Unsafe.ReadUnaligned<Vector<double>>(ref Unsafe.As<double, byte>(ref Unsafe.Add(ref r, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector(Vector<double> v, ref double r, int offset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<double, byte>(ref Unsafe.Add(ref r, offset)), v);

    /// <summary>Four rows of C by two vectors of columns: eight accumulators in registers.</summary>
    private static void Block4x2(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n)
    {
        int w = Vector<double>.Count;
        var c00 = LoadVector(ref rc, i * n + j); var c01 = LoadVector(ref rc, i * n + j + w);
        var c10 = LoadVector(ref rc, (i + 1) * n + j); var c11 = LoadVector(ref rc, (i + 1) * n + j + w);
        var c20 = LoadVector(ref rc, (i + 2) * n + j); var c21 = LoadVector(ref rc, (i + 2) * n + j + w);
        var c30 = LoadVector(ref rc, (i + 3) * n + j); var c31 = LoadVector(ref rc, (i + 3) * n + j + w);
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < k; p++)
        {
            var b0 = LoadVector(ref rb, p * n + j); var b1 = LoadVector(ref rb, p * n + j + w);
            var x = new Vector<double>(Unsafe.Add(ref ra, a0 + p));
            c00 = Vector.FusedMultiplyAdd(x, b0, c00); c01 = Vector.FusedMultiplyAdd(x, b1, c01);
            x = new Vector<double>(Unsafe.Add(ref ra, a1 + p));
            c10 = Vector.FusedMultiplyAdd(x, b0, c10); c11 = Vector.FusedMultiplyAdd(x, b1, c11);
            x = new Vector<double>(Unsafe.Add(ref ra, a2 + p));
            c20 = Vector.FusedMultiplyAdd(x, b0, c20); c21 = Vector.FusedMultiplyAdd(x, b1, c21);
            x = new Vector<double>(Unsafe.Add(ref ra, a3 + p));
            c30 = Vector.FusedMultiplyAdd(x, b0, c30); c31 = Vector.FusedMultiplyAdd(x, b1, c31);
        }
        StoreVector(c00, ref rc, i * n + j); StoreVector(c01, ref rc, i * n + j + w);
        StoreVector(c10, ref rc, (i + 1) * n + j); StoreVector(c11, ref rc, (i + 1) * n + j + w);
        StoreVector(c20, ref rc, (i + 2) * n + j); StoreVector(c21, ref rc, (i + 2) * n + j + w);
        StoreVector(c30, ref rc, (i + 3) * n + j); StoreVector(c31, ref rc, (i + 3) * n + j + w);
    }

    private static void Block4x1(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n)
    {
        var c0 = LoadVector(ref rc, i * n + j); var c1 = LoadVector(ref rc, (i + 1) * n + j);
        var c2 = LoadVector(ref rc, (i + 2) * n + j); var c3 = LoadVector(ref rc, (i + 3) * n + j);
        for (int p = 0; p < k; p++)
        {
            var b0 = LoadVector(ref rb, p * n + j);
            c0 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ra, i * k + p)), b0, c0);
            c1 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ra, (i + 1) * k + p)), b0, c1);
            c2 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ra, (i + 2) * k + p)), b0, c2);
            c3 = Vector.FusedMultiplyAdd(new Vector<double>(Unsafe.Add(ref ra, (i + 3) * k + p)), b0, c3);
        }
        StoreVector(c0, ref rc, i * n + j); StoreVector(c1, ref rc, (i + 1) * n + j);
        StoreVector(c2, ref rc, (i + 2) * n + j); StoreVector(c3, ref rc, (i + 3) * n + j);
    }
}
