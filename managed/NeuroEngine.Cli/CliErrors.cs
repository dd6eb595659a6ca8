using NeuroEngine.IO;

namespace NeuroEngine.Cli;

/// <summary>Exit codes of the command line contract (README: bad input exits 2 with one error: line).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Internal = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;
}

/// <summary>Bad input or usage: printed as one line <c>error: MESSAGE</c>, exit code 2 by default.
/// The message names the file (and line) or config key and what is wrong.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The one place that turns exceptions into an exit code and an <c>error:</c> line.</summary>
public static class CliErrors
{
    /// <summary>The message of a library ArgumentException without .NET's " (Parameter 'name')" suffix, for an
    /// error line that already names the config key or option.</summary>
    public static string Message(ArgumentException ex)
    {
        string message = ex.Message;
        int note = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return note >= 0 ? message[..note] : message;
    }

    /// <summary>Runs <paramref name="body"/>; maps any exception to exit code + one stderr line.</summary>
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try { return body(); }
        catch (Exception ex) { return Report(ex, stderr); }
    }

    /// <summary>Writes the error line for <paramref name="ex"/> and returns its exit code.</summary>
    public static int Report(Exception ex, TextWriter stderr)
    {
        (int code, string message) = ex switch
        {
            CliException c => (c.ExitCode, c.Message),
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled; no output was written"),
            OutputDirectoryNotEmptyException o => (ExitCodes.BadInput, "--out " + o.Message),
            // a model (neuron or neural mass) whose state diverged: the message names the variable and time
            NeuroEngine.Native.SimulationDivergedException d => (ExitCodes.BadInput, d.Message),
            _ => (ExitCodes.Internal, $"internal failure ({ex.GetType().Name}): {ex.Message}"),
        };
        stderr.WriteLine("error: " + OneLine(message));
        if (code == ExitCodes.Internal && Environment.GetEnvironmentVariable("NEUROENGINE_DEBUG") is "1")
            stderr.WriteLine(ex.ToString());
        return code;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
