using System.Numerics;
using MathNet.Numerics.IntegralTransforms;
using NeuroEngine.Native;

namespace NeuroEngine.Signals;

/// <summary>numpy.convolve's output modes.</summary>
public enum ConvolveMode
{
    /// <summary>Every overlap: signal + kernel - 1 samples.</summary>
    Full = 0,
    /// <summary>The signal's length, centred as numpy (from (kernel - 1) / 2 of the full result).</summary>
    Same = 1,
    /// <summary>Only complete overlaps: signal - kernel + 1 samples.</summary>
    Valid = 2,
}

/// <summary>How <see cref="Convolution"/> computes.</summary>
public enum ConvolveMethod
{
    /// <summary>Direct for kernels up to <see cref="Convolution.DirectMaxKernel"/> samples, FFT beyond.</summary>
    Auto,
    /// <summary>Native direct summation (SIMD along the signal, threads over output ranges).</summary>
    Direct,
    /// <summary>FFT overlap-add (MathNet.Numerics FFT).</summary>
    Fft,
}

/// <summary>Linear convolution of a signal with a kernel (issue 5: population rates with spike-to-signal kernels
/// give current dipole moments, LFP or EEG), with numpy.convolve's modes.</summary>
public static unsafe class Convolution
{
    /// <summary>Longest kernel the automatic choice convolves directly: measured on this 2-vCPU machine with a
    /// 200,000-sample signal, direct on 2 threads beat the FFT up to 512 taps (41 vs 43 ms) and lost at 1,024
    /// (47 vs 25 ms); docs/features.md has the table.</summary>
    public const int DirectMaxKernel = 512;

    /// <summary>x convolved with <paramref name="kernel"/> (not longer than x).</summary>
    public static double[] Convolve(ReadOnlySpan<double> x, ReadOnlySpan<double> kernel, ConvolveMode mode = ConvolveMode.Full,
        ConvolveMethod method = ConvolveMethod.Auto, int threads = 0)
    {
        if (x.Length == 0 || kernel.Length == 0) throw new ArgumentException($"the signal ({x.Length} samples) and the kernel ({kernel.Length}) must not be empty");
        if (kernel.Length > x.Length) throw new ArgumentException($"the kernel ({kernel.Length} samples) is longer than the signal ({x.Length})", nameof(kernel));
        if (!Enum.IsDefined(mode)) throw new ArgumentException($"unknown mode {mode}", nameof(mode));
        int nx = x.Length, nh = kernel.Length;
        int start = mode switch { ConvolveMode.Full => 0, ConvolveMode.Same => (nh - 1) / 2, _ => nh - 1 };
        int length = mode switch { ConvolveMode.Full => nx + nh - 1, ConvolveMode.Same => nx, _ => nx - nh + 1 };
        bool direct = method == ConvolveMethod.Direct || (method == ConvolveMethod.Auto && nh <= DirectMaxKernel);
        if (direct)
        {
            var result = new double[length];
            fixed (double* px = x)
            fixed (double* ph = kernel)
            fixed (double* po = result)
                NativeStatus.Check(NativeMethods.ne_convolve(px, nx, ph, nh, (int)mode, po, length, threads));
            return result;
        }
        for (int i = 0; i < nx; i++) if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}] must be finite, got {x[i]}", nameof(x));
        for (int i = 0; i < nh; i++) if (!double.IsFinite(kernel[i])) throw new ArgumentException($"kernel[{i}] must be finite, got {kernel[i]}", nameof(kernel));
        var full = OverlapAdd(x, kernel);
        return full.AsSpan(start, length).ToArray();
    }

    // the full convolution by FFT overlap-add: blocks of L = nfft - nh + 1 signal samples
    private static double[] OverlapAdd(ReadOnlySpan<double> x, ReadOnlySpan<double> h)
    {
        int nx = x.Length, nh = h.Length;
        int nfft = 1;
        while (nfft < 4 * nh) nfft <<= 1;
        int block = nfft - nh + 1;
        var hf = new Complex[nfft];
        for (int i = 0; i < nh; i++) hf[i] = h[i];
        Fourier.Forward(hf, FourierOptions.NoScaling);
        var full = new double[nx + nh - 1];
        var buffer = new Complex[nfft];
        for (int a = 0; a < nx; a += block)
        {
            int m = Math.Min(block, nx - a);
            Array.Clear(buffer);
            for (int i = 0; i < m; i++) buffer[i] = x[a + i];
            Fourier.Forward(buffer, FourierOptions.NoScaling);
            for (int k = 0; k < nfft; k++) buffer[k] *= hf[k];
            Fourier.Inverse(buffer, FourierOptions.NoScaling);
            int end = Math.Min(m + nh - 1, full.Length - a);
            for (int i = 0; i < end; i++) full[a + i] += buffer[i].Real / nfft;
        }
        return full;
    }
}
