namespace NeuroEngine.Models;

/// <summary>Where <see cref="ModelCompiler"/> looks for a C compiler and keeps compiled models. Each null member is
/// read from the environment: <c>CC</c>, <c>PATH</c>, <c>NEUROENGINE_CACHE</c> (else <c>$XDG_CACHE_HOME/neuroengine/models</c>,
/// else <c>~/.cache/neuroengine/models</c>), and the compiler that built the engine (ne_build_info's <c>cc=</c>).</summary>
/// <param name="Cc">The compiler to use (a path or a name on the search path); when set, the only one tried.</param>
/// <param name="SearchPath">Directories searched for names, separated by ':'.</param>
/// <param name="CacheDirectory">Folder of compiled models.</param>
/// <param name="EngineCompiler">The compiler that built the engine.</param>
public sealed record ModelCompilerOptions(string? Cc = null, string? SearchPath = null, string? CacheDirectory = null, string? EngineCompiler = null)
{
    /// <summary>The flags every model is compiled with (the engine's floating-point flags: no FMA contraction, so the
    /// bits do not depend on the CPU, and OpenMP SIMD loops without the OpenMP runtime).</summary>
    public static readonly IReadOnlyList<string> Flags =
        ["-O3", "-march=native", "-std=c11", "-fPIC", "-shared", "-ffp-contract=off", "-fno-math-errno", "-fno-trapping-math", "-fopenmp-simd"];
}
