namespace NeuroEngine.Models;

/// <summary>How a user-defined model's equations run.</summary>
public enum ModelBackend
{
    /// <summary>Compiled C when a C compiler works, else the managed fallback (with one note saying why).</summary>
    Auto,
    /// <summary>Generated C compiled by the system C compiler (an error when there is none).</summary>
    Compiled,
    /// <summary>.NET expression trees compiled by the JIT: no compiler needed, slower, the same bits.</summary>
    Managed,
}
