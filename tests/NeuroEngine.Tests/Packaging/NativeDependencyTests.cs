using System.Diagnostics;
using NUnit.Framework;

namespace NeuroEngine.Tests.Packaging;

/// <summary>The package must load where only the .NET runtime and glibc are installed: every library
/// libneuroengine.so needs is part of glibc or shipped beside it.</summary>
public class NativeDependencyTests
{
    private static readonly string[] Glibc =
        ["libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2"];

    /// <summary>The library the engine loads: the one beside the NeuroEngine assembly.</summary>
    private static string NativeLibrary =>
        Path.Combine(Path.GetDirectoryName(typeof(EngineInfo).Assembly.Location)!, "libneuroengine.so");

    [Test]
    public void NativeLibrary_NeedsOnlyGlibcOrShippedLibraries()
    {
        var needed = ElfDependencies.Needed(NativeLibrary);
        Assert.That(needed, Does.Contain("libc.so.6"), "a C library always links libc; the reader found no NEEDED entries");
        string folder = Path.GetDirectoryName(NativeLibrary)!;
        var foreign = needed.Where(n => !Glibc.Contains(n) && !File.Exists(Path.Combine(folder, n))).ToList();
        Assert.That(foreign, Is.Empty,
            $"libneuroengine.so needs libraries that are neither glibc nor shipped beside it (NEEDED: {string.Join(", ", needed)})");
    }

    [Test]
    public void ElfReader_AgreesWithReadelf()
    {
        string? readelf = Environment.GetEnvironmentVariable("PATH")?.Split(':')
            .Select(dir => Path.Combine(dir, "readelf")).FirstOrDefault(File.Exists);
        if (readelf is null) Assert.Ignore("readelf is not installed");

        var start = new ProcessStartInfo(readelf, ["-d", NativeLibrary]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // Lines like " 0x0000000000000001 (NEEDED)  Shared library: [libc.so.6]"
        var expected = output.Split('\n').Where(l => l.Contains("(NEEDED)"))
            .Select(l => l[(l.IndexOf('[') + 1)..l.IndexOf(']')]).ToList();
        Assert.That(expected, Is.Not.Empty, output);
        Assert.That(ElfDependencies.Needed(NativeLibrary), Is.EqualTo(expected));
    }
}
