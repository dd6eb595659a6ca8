using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace NeuroEngine.Models;

/// <summary>Compiles generated model sources with the system C compiler into shared objects, cached on disk under a
/// SHA-256 of (source, compiler path, the compiler's <c>--version</c> first line, flags, the CPU's model and feature
/// flags, since <c>-march=native</c> code may not run on another CPU sharing the folder): a second load of an
/// unchanged model does not compile. <c>KEY.c</c> lies beside <c>KEY.so</c>; both are written under temporary names
/// and renamed, so processes compiling at once never see a partial file.</summary>
public sealed class ModelCompiler
{
    private static readonly ConcurrentDictionary<string, string> Versions = new();
    private readonly ModelCompilerOptions _options;

    /// <summary>A compiler driver; null options read everything from the environment.</summary>
    public ModelCompiler(ModelCompilerOptions? options = null) => _options = options ?? new ModelCompilerOptions();

    /// <summary>The cache folder.</summary>
    public string CacheDirectory => _options.CacheDirectory ?? DefaultCacheDirectory();

    /// <summary>The cache folder the environment names.</summary>
    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("NEUROENGINE_CACHE") is { Length: > 0 } own) return own;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = xdg is { Length: > 0 } ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "neuroengine", "models");
    }

    /// <summary>A compiler: its program and the arguments before ours (<c>CC="ccache gcc"</c> runs ccache with gcc).</summary>
    private sealed record Command(string Program, string[] Args)
    {
        public override string ToString() => string.Join(' ', Args.Prepend(Program));
    }

    /// <summary>The compiler to use (program and leading arguments, as text), or null; <paramref name="searched"/> says
    /// where it looked (for messages).</summary>
    public string? FindCompiler(out string searched) => Find(out searched)?.ToString();

    private Command? Find(out string searched)
    {
        string path = _options.SearchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        string? cc = _options.Cc ?? Environment.GetEnvironmentVariable("CC");
        if (cc is { Length: > 0 } && cc.Trim().Length > 0)
        {
            searched = $"CC={cc}";
            string[] words = cc.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return Resolve(words[0], path) is { } program && new Command(program, words[1..]) is var command && Works(command) ? command : null;
        }
        var tried = new List<string> { "CC (unset)" };
        string? engine = _options.EngineCompiler ?? EngineCompilerFromBuildInfo();
        if (engine is { Length: > 0 } && engine != "unknown")
        {
            tried.Add($"the engine's compiler {engine}");
            if (Resolve(engine, path) is { } e && new Command(e, []) is var command && Works(command)) { searched = string.Join(", ", tried); return command; }
        }
        foreach (string name in new[] { "cc", "gcc", "clang" })
            if (Resolve(name, path) is { } found && new Command(found, []) is var command && Works(command)) { searched = string.Join(", ", tried); return command; }
        tried.Add($"cc, gcc, clang on PATH ({(path.Length == 0 ? "empty" : path)})");
        searched = string.Join(", ", tried);
        return null;
    }

    /// <summary>Compiles <paramref name="source"/> (generated from <paramref name="modelFile"/>) unless the cache holds
    /// it. Returns the shared object's path and whether it came from the cache.</summary>
    /// <exception cref="ModelException">No compiler (the message says where it looked) or a compile error (with the
    /// generated file's path and the compiler's output).</exception>
    public (string Library, string Source, bool FromCache) Compile(string source, string modelFile)
    {
        Command compiler = Find(out string searched)
            ?? throw new ModelException($"{modelFile}: no C compiler found to compile the model (looked at: {searched}); set CC, install gcc or clang, or use the managed backend (backend: managed)");
        string version = Versions.GetOrAdd(compiler.ToString(), _ => FirstVersionLine(compiler));
        string key = Key(source, compiler.ToString(), version, HostCpu.Value);
        string dir = CacheDirectory;
        string so = Path.Combine(dir, key + ".so"), c = Path.Combine(dir, key + ".c");
        if (File.Exists(so)) return (so, c, true);
        try { Directory.CreateDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"{modelFile}: cannot create the model cache folder {dir}: {e.Message} (set NEUROENGINE_CACHE)", e);
        }
        string unique = $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        string tempC = c + unique, tempSo = so + unique;
        try
        {
            File.WriteAllText(tempC, source);
            File.Move(tempC, c, overwrite: true);
            var psi = new ProcessStartInfo(compiler.Program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in compiler.Args) psi.ArgumentList.Add(arg);
            foreach (string flag in ModelCompilerOptions.Flags) psi.ArgumentList.Add(flag);
            foreach (string arg in new[] { "-o", tempSo, c, "-lm" }) psi.ArgumentList.Add(arg);
            using Process p = Process.Start(psi) ?? throw new ModelException($"{modelFile}: could not start the C compiler {compiler}");
            Task<string> stdout = p.StandardOutput.ReadToEndAsync(), stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                p.Kill(entireProcessTree: true);
                throw new ModelException($"{modelFile}: the C compiler {compiler} ran over 5 minutes on {c}");
            }
            if (p.ExitCode != 0 || !File.Exists(tempSo))
                throw new ModelException($"{modelFile}: compiling the generated model failed ({compiler}, exit {p.ExitCode}); generated source: {c}\n{(stderr.Result + stdout.Result).Trim()}");
            File.Move(tempSo, so, overwrite: true);
            return (so, c, false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"{modelFile}: cannot write the compiled model to {dir}: {e.Message} (set NEUROENGINE_CACHE)", e);
        }
        finally
        {
            TryDelete(tempC);
            TryDelete(tempSo);
        }
    }

    /// <summary>The cache key: SHA-256 (hex) of the source, compiler, its version, the flags and the CPU.</summary>
    public static string Key(string source, string compiler, string version, string cpu)
    {
        string text = string.Join("\n\0", source, compiler, version, string.Join(' ', ModelCompilerOptions.Flags), cpu);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static readonly Lazy<string> HostCpu = new(ReadHostCpu);

    /// <summary>The first processor's model name and feature flags (Linux /proc/cpuinfo), else the architecture.</summary>
    private static string ReadHostCpu()
    {
        try
        {
            var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Trim().Length > 0)
                .Where(l => l.StartsWith("model name", StringComparison.Ordinal) || l.StartsWith("flags", StringComparison.Ordinal));
            string text = string.Join("\n", lines);
            if (text.Length > 0) return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>ne_build_info's <c>cc=</c> (the last key, so the path may hold spaces).</summary>
    private static string? EngineCompilerFromBuildInfo()
    {
        string info;
        try { info = EngineInfo.BuildInfo; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException) { return null; }
        int at = info.IndexOf(" cc=", StringComparison.Ordinal);
        return at < 0 ? null : info[(at + 4)..].Trim();
    }

    /// <summary>An existing file for a path, or the first match of a name on the search path.</summary>
    private static string? Resolve(string compiler, string searchPath)
    {
        if (compiler.Contains('/')) return File.Exists(compiler) ? Path.GetFullPath(compiler) : null;
        foreach (string dir in searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, compiler);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static bool Works(Command compiler) => Versions.GetOrAdd(compiler.ToString(), _ => FirstVersionLine(compiler)) != "";

    private static string FirstVersionLine(Command compiler)
    {
        try
        {
            var psi = new ProcessStartInfo(compiler.Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in compiler.Args) psi.ArgumentList.Add(arg);
            psi.ArgumentList.Add("--version");
            using Process p = Process.Start(psi)!;
            Task<string> err = p.StandardError.ReadToEndAsync();
            string first = p.StandardOutput.ReadLine() ?? "";
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(30))) { p.Kill(true); return ""; }
            _ = err.Result;
            return p.ExitCode == 0 ? first.Trim() : "";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return "";
        }
    }
}
