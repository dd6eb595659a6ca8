namespace NeuroEngine.Models;

/// <summary>The built-in functions whose meaning is the language's own (not libm's), written as the generated C
/// writes them (<see cref="CSource"/>) so both give the same value for every input, NaN included.</summary>
public static class ModelMath
{
    /// <summary><c>a &lt; b ? a : b</c></summary>
    public static double Min(double a, double b) => a < b ? a : b;

    /// <summary><c>a &gt; b ? a : b</c></summary>
    public static double Max(double a, double b) => a > b ? a : b;

    /// <summary><c>x &lt; lo ? lo : (x &gt; hi ? hi : x)</c>, as the built-in Wilson-Cowan's clip to [0, 1].</summary>
    public static double Clip(double x, double lo, double hi) => x < lo ? lo : (x > hi ? hi : x);

    /// <summary>The same functions in C, and integer powers 2 to 4 as products left to right.</summary>
    public const string CSource = """
static inline double ne_min(double a, double b) { return a < b ? a : b; }
static inline double ne_max(double a, double b) { return a > b ? a : b; }
static inline double ne_clip(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }
static inline double ne_pow2(double x) { return x * x; }
static inline double ne_pow3(double x) { return (x * x) * x; }
static inline double ne_pow4(double x) { return ((x * x) * x) * x; }

""";
}
