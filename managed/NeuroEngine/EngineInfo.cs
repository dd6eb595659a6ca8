using System.Runtime.InteropServices;
using NeuroEngine.Native;

namespace NeuroEngine;

/// <summary>Versions and build facts of the loaded engine.</summary>
public static unsafe class EngineInfo
{
    /// <summary>NE_ABI_VERSION of the header this assembly was written against.</summary>
    public const uint ExpectedAbiVersion = 10;

    /// <summary>Version of the native library, e.g. "0.1.0".</summary>
    public static string NativeVersion
    {
        get { NativeLibraryLoader.EnsureCompatible(); return Marshal.PtrToStringUTF8((nint)NativeMethods.ne_version()) ?? ""; }
    }

    /// <summary>Build facts: SIMD level in use, threads (CPUs available), CUDA compiled in, build type, compiler.</summary>
    public static string BuildInfo
    {
        get { NativeLibraryLoader.EnsureCompatible(); return Marshal.PtrToStringUTF8((nint)NativeMethods.ne_build_info()) ?? ""; }
    }

    /// <summary>Version of the managed assembly.</summary>
    public static string ManagedVersion =>
        typeof(EngineInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Writes <c>"engine": {managed_version, native_version, build_info}</c> into a JSON
    /// object being written (run records).</summary>
    public static void WriteJson(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("engine");
        json.WriteString("managed_version", ManagedVersion);
        json.WriteString("native_version", NativeVersion);
        json.WriteString("build_info", BuildInfo);
        json.WriteEndObject();
    }
}
