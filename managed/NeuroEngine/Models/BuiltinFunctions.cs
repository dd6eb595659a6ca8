namespace NeuroEngine.Models;

/// <summary>The functions every expression may call, with their argument counts. <c>exp</c> is the engine's
/// deterministic exp (<see cref="DeterministicExp"/>); log, sqrt, tanh, sin, cos and pow are the C library's;
/// <c>min(a, b) = a &lt; b ? a : b</c>, <c>max(a, b) = a &gt; b ? a : b</c>,
/// <c>clip(x, lo, hi) = x &lt; lo ? lo : (x &gt; hi ? hi : x)</c>, <c>sigmoid(x) = 1 / (1 + exp(-x))</c>.</summary>
public static class BuiltinFunctions
{
    private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
    {
        ["exp"] = 1, ["log"] = 1, ["sqrt"] = 1, ["tanh"] = 1, ["sin"] = 1, ["cos"] = 1, ["abs"] = 1,
        ["min"] = 2, ["max"] = 2, ["pow"] = 2, ["sigmoid"] = 1, ["clip"] = 3,
    };

    /// <summary>The names, for documentation and messages.</summary>
    public static IEnumerable<string> Names => Arity.Keys;

    /// <summary>Whether <paramref name="name"/> is a built-in function.</summary>
    public static bool IsBuiltin(string name) => Arity.ContainsKey(name);

    /// <summary>The number of arguments of a built-in, or -1.</summary>
    public static int ArgumentCount(string name) => Arity.GetValueOrDefault(name, -1);
}
