using System.Globalization;
using NeuroEngine.Cli;

namespace NeuroEngine.Tests.Cli;

/// <summary>Runs the command line in-process and captures its exit code, stdout and stderr.</summary>
public static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
