using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NeuroEngine.Cli;
using NeuroEngine.Search;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary>An optimisation killed with SIGKILL in the middle of a run and resumed with --resume
/// ends with the history of an uninterrupted run (docs/search.md).</summary>
public class SearchKillTests : TempFolderTest
{
    [Test]
    public void ARunKilledWithSigkillAndResumedEqualsAnUninterruptedRun()
    {
        Write("brunel.yaml", TestNetworks.SmallBrunel(100, "{spikes: true}"));
        string config = Write("search.yaml", """
            space:
              drive.0.rate_hz: {type: float, low: 80, high: 160}
              connections.1.weight: {type: float, low: -1.5, high: -0.5}
            objective: {simulate: brunel.yaml, metrics: [{name: fr, target: 15}, {name: cv, target: 1, weight: 10}]}
            optimizer: {name: cmaes, budget: 120, population: 6, seed: 11}
            """);
        string reference = Path.Combine(Dir, "reference"), killed = Path.Combine(Dir, "killed");
        Assert.That(Run("optimize", config, "--run-dir", reference, "--threads", "1").Code, Is.EqualTo(0));

        // the same run as a real process, killed (SIGKILL) once 30 evaluations are stored
        string cli = typeof(CliApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { cli, "optimize", config, "--run-dir", killed, "--threads", "1" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        long done = 0;
        while (done < 30)
        {
            Assert.That(process.HasExited, Is.False, "the run ended before it could be killed; make it longer");
            Assert.That(waited.Elapsed.TotalSeconds, Is.LessThan(120), "the run did not store 30 evaluations in 2 minutes");
            Thread.Sleep(20);
            done = CountFinished(Path.Combine(killed, RunStore.FileName));
        }
        process.Kill(entireProcessTree: true); // SIGKILL on Linux: no handler runs
        process.WaitForExit();
        long atKill = CountFinished(Path.Combine(killed, RunStore.FileName));
        Assert.That(atKill, Is.LessThan(120), "killed before the end");

        var (code, stdout, stderr) = Run("optimize", config, "--run-dir", killed, "--resume", "--threads", "1");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("120/120 evaluations"));
        using var a = RunStore.Open(Path.Combine(reference, RunStore.FileName));
        using var b = RunStore.Open(Path.Combine(killed, RunStore.FileName));
        var ra = a.Evaluations();
        var rb = b.Evaluations();
        Assert.That(rb.Select(e => e.Id), Is.EqualTo(ra.Select(e => e.Id)));
        Assert.That(rb.All(e => e.Status == EvaluationStatus.Ok), Is.True, "no evaluation left running or lost");
        Assert.That(rb.Select(e => e.Parameters), Is.EqualTo(ra.Select(e => e.Parameters)), "the same candidates");
        Assert.That(rb.Select(e => e.Seed), Is.EqualTo(ra.Select(e => e.Seed)));
        Assert.That(rb.Select(e => e.Objectives[0]), Is.EqualTo(ra.Select(e => e.Objectives[0])), "the same values");
        Assert.That(rb.Select(e => e.Metrics["cv"]), Is.EqualTo(ra.Select(e => e.Metrics["cv"])));
        Assert.That(b.FinishedGenerations(), Is.EqualTo(a.FinishedGenerations()));
    }

    // finished evaluations in a store another process writes (0 while it does not exist yet)
    private static long CountFinished(string path)
    {
        if (!File.Exists(path)) return 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM evaluations WHERE status = 'ok'";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        catch (SqliteException) { return 0; } // not created yet, or busy
    }
}
