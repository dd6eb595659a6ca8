using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Finds libneuroengine next to this assembly (or under
/// runtimes/&lt;rid&gt;/native when run from a package layout), so no
/// LD_LIBRARY_PATH is needed, and checks the ABI version once.</summary>
internal static class NativeLibraryLoader
{
#pragma warning disable CA2255 // a library must register its resolver before the first P/Invoke
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        string fileName = OperatingSystem.IsWindows() ? "neuroengine.dll"
            : OperatingSystem.IsMacOS() ? "libneuroengine.dylib" : "libneuroengine.so";
        string baseDir = Path.GetDirectoryName(assembly.Location) is { Length: > 0 } d ? d : AppContext.BaseDirectory;
        string[] candidates =
        [
            Path.Combine(baseDir, fileName),
            Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", fileName),
            Path.Combine(baseDir, "runtimes", "linux-x64", "native", fileName),
        ];
        foreach (string path in candidates)
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out nint handle))
                return handle;
        return NativeLibrary.TryLoad(name, assembly, searchPath, out nint fallback) ? fallback : IntPtr.Zero;
    }

    private static int _checkedAbi;

    /// <summary>Throws once, clearly, if the loaded library was built from another header.</summary>
    internal static void EnsureCompatible()
    {
        if (Volatile.Read(ref _checkedAbi) == 1) return;
        uint actual;
        try { actual = NativeMethods.ne_abi_version(); }
        catch (DllNotFoundException e)
        {
            throw new NeuroEngineException(
                $"libneuroengine could not be loaded ({e.Message}). Build it with 'dotnet build' (needs CMake and a C compiler) " +
                "or install the NeuroEngine package for your platform.");
        }
        if (actual != EngineInfo.ExpectedAbiVersion)
            throw new NeuroEngineException(
                $"libneuroengine ABI version {actual} does not match the managed layer's {EngineInfo.ExpectedAbiVersion}: " +
                "rebuild so both come from the same source.");
        Volatile.Write(ref _checkedAbi, 1);
    }
}
