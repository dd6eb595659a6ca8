using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>The one place that turns an ne_status into an exception.</summary>
internal static unsafe class NativeStatus
{
    public const int Ok = 0;
    public const int InvalidArgument = 1;
    public const int OutOfMemory = 2;
    public const int Unsupported = 3;
    public const int Cancelled = 4;
    public const int Internal = 5;
    public const int InvalidState = 6;
    public const int NonFinite = 7;

    /// <summary>Throws for a failed status. <paramref name="parameter"/> is the
    /// managed name the native field maps to, used for ArgumentException.ParamName.</summary>
    public static void Check(int status, string? parameter = null)
    {
        if (status == Ok) return;
        string message = LastError();
        throw status switch
        {
            InvalidArgument => new ArgumentException(message, parameter ?? GuessParameter(message)),
            OutOfMemory => new NativeOutOfMemoryException(message),
            Unsupported => new NotSupportedException(message),
            Cancelled => new OperationCanceledException(message),
            InvalidState => new InvalidOperationException(message),
            NonFinite => new SimulationDivergedException(message),
            _ => new NeuroEngineException($"internal error in the native engine ({Name(status)}): {message}"),
        };
    }

    public static string LastError() => Marshal.PtrToStringUTF8((nint)NativeMethods.ne_last_error()) ?? "";

    public static string Name(int status) => Marshal.PtrToStringUTF8((nint)NativeMethods.ne_status_name(status)) ?? "unknown";

    /// <summary>Native messages start with the field, e.g. "config.dt_ms must be ...".</summary>
    private static string? GuessParameter(string message)
    {
        int space = message.IndexOf(' ');
        return space > 0 ? message[..space].TrimEnd(':') : null;
    }
}

/// <summary>A failure inside the engine that is not the caller's fault.</summary>
public class NeuroEngineException(string message) : Exception(message);

/// <summary>A model's state became NaN or infinite during a run (e.g. a user-defined model whose equations blow up);
/// the message names the state variable, the time and step, the node and the parameter set. The run returns
/// nothing.</summary>
public sealed class SimulationDivergedException(string message) : ArithmeticException(message);

/// <summary>A run needs more memory than the cap or the machine allows.</summary>
public sealed class NativeOutOfMemoryException(string message) : OutOfMemoryException(message);
