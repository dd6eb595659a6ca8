namespace NeuroEngine.Models;

/// <summary>The engine's deterministic exp (native/src/common/exp_math.h) in C#: the same operations in the same
/// order, so a model's managed fallback gives the bits of its compiled form and of the built-in kernels that use
/// it. Range reduction x = n ln2 + r with ln2 split in two, the degree-13 Taylor polynomial of e^r by Estrin's
/// scheme, then 2^n applied in two halves. <see cref="CSource"/> is the same function as C text for generated
/// code, which must not include the engine's headers.</summary>
public static class DeterministicExp
{
    private const double Shift = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer
    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double C13 = 1.6059043836821614599e-10, C12 = 2.0876756987868098979e-09, C11 = 2.5052108385441718775e-08;
    private const double C10 = 2.7557319223985890653e-07, C9 = 2.7557319223985890653e-06, C8 = 2.4801587301587301587e-05;
    private const double C7 = 1.9841269841269841270e-04, C6 = 1.3888888888888888889e-03, C5 = 8.3333333333333333333e-03;
    private const double C4 = 4.1666666666666666667e-02, C3 = 1.6666666666666666667e-01, C2 = 0.5;

    /// <summary>2^m for an integer-valued m in [-1022, 1023], through the bits of m + 1.5 * 2^52.</summary>
    private static double Pow2(double m)
    {
        long bits = BitConverter.DoubleToInt64Bits(m + Shift) - BitConverter.DoubleToInt64Bits(Shift) + 1023;
        return BitConverter.Int64BitsToDouble((long)((ulong)bits << 52));
    }

    /// <summary>e^x, within 2 ulp, the same bits as the engine's ne_exp.</summary>
    public static double Exp(double x)
    {
        x = x < -1000.0 ? -1000.0 : (x > 709.0 ? 709.0 : x);
        double t = x * Log2E + Shift;
        double n = t - Shift;
        double r = (x - n * Ln2Hi) - n * Ln2Lo;
        double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        double q0 = 1.0 + 1.0 * r, q1 = C2 + C3 * r, q2 = C4 + C5 * r, q3 = C6 + C7 * r;
        double q4 = C8 + C9 * r, q5 = C10 + C11 * r, q6 = C12 + C13 * r;
        double s0 = q0 + q1 * r2, s1 = q2 + q3 * r2, s2 = q4 + q5 * r2;
        double u0 = s0 + s1 * r4, u1 = s2 + q6 * r4;
        double p = u0 + u1 * r8;
        double n1 = Math.Floor(n * 0.5), n2 = n - n1;
        return p * Pow2(n1) * Pow2(n2);
    }

    /// <summary>The native library's exp (ne_exp_eval) of each <paramref name="x"/> into <paramref name="y"/>: what
    /// the kernels compute, for checking this port.</summary>
    public static unsafe void EvaluateNative(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException($"y holds {y.Length} values, x {x.Length}", nameof(y));
        NeuroEngine.Native.NativeLibraryLoader.EnsureCompatible();
        fixed (double* px = x, py = y)
            NeuroEngine.Native.NativeStatus.Check(NeuroEngine.Native.NativeMethods.ne_exp_eval(px, py, x.Length));
    }

    /// <summary>The same function in C (static inline ne_exp), for generated sources; needs math.h, stdint.h and
    /// string.h.</summary>
    public const string CSource = """
/* the engine's deterministic exp (same operations as its exp_math.h and the managed fallback) */
static inline double ne_exp_pow2(double m) {
  double t = m + 6755399441055744.0, shift = 6755399441055744.0;
  int64_t t_bits, shift_bits;
  memcpy(&t_bits, &t, sizeof t_bits);
  memcpy(&shift_bits, &shift, sizeof shift_bits);
  uint64_t bits = (uint64_t)(t_bits - shift_bits + 1023) << 52;
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static inline double ne_exp(double x) {
  x = x < -1000.0 ? -1000.0 : (x > 709.0 ? 709.0 : x);
  double t = x * 1.4426950408889634074 + 6755399441055744.0;
  double n = t - 6755399441055744.0;
  double r = (x - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
  double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  double q0 = 1.0 + 1.0 * r, q1 = 0.5 + 1.6666666666666666667e-01 * r;
  double q2 = 4.1666666666666666667e-02 + 8.3333333333333333333e-03 * r;
  double q3 = 1.3888888888888888889e-03 + 1.9841269841269841270e-04 * r;
  double q4 = 2.4801587301587301587e-05 + 2.7557319223985890653e-06 * r;
  double q5 = 2.7557319223985890653e-07 + 2.5052108385441718775e-08 * r;
  double q6 = 2.0876756987868098979e-09 + 1.6059043836821614599e-10 * r;
  double s0 = q0 + q1 * r2, s1 = q2 + q3 * r2, s2 = q4 + q5 * r2;
  double u0 = s0 + s1 * r4, u1 = s2 + q6 * r4;
  double p = u0 + u1 * r8;
  double n1 = floor(n * 0.5), n2 = n - n1;
  return p * ne_exp_pow2(n1) * ne_exp_pow2(n2);
}

""";
}
