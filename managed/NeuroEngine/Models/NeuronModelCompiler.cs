using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace NeuroEngine.Models;

/// <summary>Compiles a generated C source to a shared library and caches it on disk (the model compiler's rules:
/// compiler <c>$CC</c>, else cc, gcc or clang on PATH; -O3 for the host's SIMD level with -ffp-contract=off so the
/// arithmetic is the written one; cache in <c>$NEUROENGINE_CACHE</c>, else <c>$XDG_CACHE_HOME/neuroengine/models</c>,
/// else <c>~/.cache/neuroengine/models</c>, keyed by the SHA-256 of source, compiler, its version and the flags;
/// written under a temporary name and renamed, so concurrent runs are safe). Kept to this one class so the
/// neural-mass models' shared compiler driver can replace it.</summary>
public static class NeuronModelCompiler
{
    /// <summary>The flags every model is compiled with.</summary>
    public static readonly string[] Flags = ["-O3", "-march=native", "-std=c11", "-fPIC", "-shared", "-ffp-contract=off",
        "-fno-math-errno", "-fno-trapping-math", "-fopenmp-simd"];

    /// <summary>The path of the compiled library of <paramref name="source"/>: from the cache, or compiled now.</summary>
    /// <exception cref="ModelException">No C compiler, or it failed (its message included).</exception>
    public static string Compile(string source, string modelName)
    {
        string? cc = Environment.GetEnvironmentVariable("CC");
        string compiler = FindCompiler() ?? throw new ModelException(
            $"neuron model {modelName}: no C compiler found (looked at {(string.IsNullOrEmpty(cc) ? "cc, gcc and clang on PATH" : $"$CC = {cc}")}); neuron models are compiled to native code, so install one (e.g. apt-get install gcc) or set CC");
        string version = FirstLine(Run(compiler, ["--version"], out _));
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", source, compiler, version, string.Join(' ', Flags))))).ToLowerInvariant();
        string dir = CacheDirectory();
        string library = Path.Combine(dir, $"{key}.so");
        if (File.Exists(library)) return library;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        File.WriteAllText(temp + ".c", source);
        string output = Run(compiler, [.. Flags, "-o", temp + ".so", temp + ".c", "-lm"], out int code);
        if (code != 0 || !File.Exists(temp + ".so"))
        {
            File.Delete(temp + ".c");
            throw new ModelException($"neuron model {modelName}: the C compiler {compiler} failed on the generated code:\n{output.Trim()}");
        }
        File.Move(temp + ".c", Path.Combine(dir, $"{key}.c"), overwrite: true);
        File.Move(temp + ".so", library, overwrite: true);
        return library;
    }

    /// <summary>The cache folder.</summary>
    public static string CacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("NEUROENGINE_CACHE") is { Length: > 0 } c) return c;
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x) return Path.Combine(x, "neuroengine", "models");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "neuroengine", "models");
    }

    private static string? FindCompiler()
    {
        if (Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc) return Resolve(cc);
        foreach (string name in new[] { "cc", "gcc", "clang" })
            if (Resolve(name) is { } path) return path;
        return null;
    }

    private static string? Resolve(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string Run(string program, string[] args, out int exitCode)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new ModelException($"cannot start {program}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        exitCode = process.ExitCode;
        return stdout + stderr.Result;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
