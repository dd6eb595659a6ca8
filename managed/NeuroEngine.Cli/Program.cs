using NeuroEngine.Cli;

// Root wiring only: Ctrl+C cancels the running command (exit 130, no partial output);
// a second Ctrl+C ends the process at once.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (cts.IsCancellationRequested) return;
    e.Cancel = true;
    cts.Cancel();
};
return CliApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, cts.Token);
