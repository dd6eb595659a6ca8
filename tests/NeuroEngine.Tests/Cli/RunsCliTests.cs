using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NeuroEngine.Search;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>runs show</c>'s wall time, <c>runs merge</c>'s report, and the shipped
/// examples/sweep.yaml exploration.</summary>
public class RunsCliTests : TempFolderTest
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    // a store of four 10 s evaluations run in parallel over 12 s (as a batch or workers would):
    // wall time 12 s, summed evaluation time 40 s
    private string ParallelStore(string name)
    {
        string dir = Path.Combine(Dir, name);
        Directory.CreateDirectory(dir);
        using var store = RunStore.Open(Path.Combine(dir, RunStore.FileName));
        store.SetConfig("config", "objective: {function: sphere, dims: 1}");
        store.SetConfig("command", "explore");
        store.SetConfig("optimizer", "random");
        store.SetConfig("budget", "4");
        store.SetConfig("seed", "1");
        store.SetConfig("objectives", "[\"loss\"]");
        store.SetConfig("started_utc", T0.ToString("O", CultureInfo.InvariantCulture));
        store.SetConfig("finished_utc", T0.AddSeconds(12.5).ToString("O", CultureInfo.InvariantCulture));
        store.SetSpace(new ParameterSpace([SearchParameter.Float("x", -1, 1)]));
        double[] offsets = [0, 1, 2, 2];
        for (int k = 0; k < 4; k++)
            store.Insert(new EvaluationRecord(k, 0, EvaluationStatus.Ok, [0.1 * k], [0.2 * k - 1], [k + 1.0], new Dictionary<string, double>(), (ulong)k, null, 10,
                T0.AddSeconds(offsets[k]), T0.AddSeconds(offsets[k] + 10)));
        return dir;
    }

    [Test]
    public void RunsShowReportsTheWallTimeNotTheSumOfEvaluationTimes()
    {
        string run = ParallelStore("run");
        var (code, stdout, stderr) = Run("runs", "show", run);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("wall time 12.0 s").And.Contain("summed evaluation time 40.0 s"));
        Assert.That(stdout, Does.Not.Contain("; evaluation time"), "the sum is labelled as a sum");
    }

    [Test]
    public void RunsMergeKeepsTheTimesAndWritesAReport()
    {
        string shard = ParallelStore("shard");
        string merged = Path.Combine(Dir, "merged");
        var (code, stdout, stderr) = Run("runs", "merge", shard, "--out", merged);
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("4 evaluations"));
        Assert.That(Run("runs", "show", merged).Out, Does.Contain("wall time 12.0 s").And.Contain("summed evaluation time 40.0 s"), "times copied, not stamped at merge time");
        string html = File.ReadAllText(Path.Combine(merged, "report.html"));
        Assert.That(html, Does.Contain("4 of 4").And.Contain("wall time 12.0 s"));
        Assert.That(Regex.Matches(html, "<svg ").Count, Is.EqualTo(2), "objective per evaluation, objective over x");

        string quiet = Path.Combine(Dir, "quiet");
        Assert.That(Run("runs", "merge", shard, "--out", quiet, "--no-report").Code, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(quiet, "report.html")), Is.False);
    }

    [Test]
    public void TheShippedSweepExampleRunsAsShardsAndFindsTheIrregularState()
    {
        // shard 0 of 8 of the 5 x 5 grid: candidates 0, 8, 16 and 24; 16 is g = 5, eta = 2
        string config = RepositoryData.RepoFile("examples/sweep.yaml");
        string runDir = Path.Combine(Dir, "grid");
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = Run("explore", config, "--run-dir", runDir, "--shard", "0/8");
        double seconds = clock.Elapsed.TotalSeconds;
        Assert.That(code, Is.EqualTo(0), stderr);
        string shard = Path.Combine(runDir, "shard-0-of-8");
        using (var store = RunStore.Open(Path.Combine(shard, RunStore.FileName)))
        {
            var all = store.Evaluations();
            Assert.That(all.Select(e => e.Id), Is.EqualTo(new long[] { 0, 8, 16, 24 }));
            var best = RunStore.BestOf(all)!;
            Assert.That(best.Id, Is.EqualTo(16), stdout);
            Assert.That(best.Parameters, Is.EqualTo(new[] { -0.5, 62.5 }).Within(1e-9), "-g J with g = 5, eta nu_thr with eta = 2");
            // Brunel's asynchronous irregular state at this size: E rate near 15 Hz, CV of ISI near 0.35
            Assert.That(best.Metrics["fr_E"], Is.InRange(10.0, 20.0));
            Assert.That(best.Metrics["cv_E"], Is.InRange(0.25, 0.45));
        }
        var show = Run("runs", "show", shard).Out;
        double wall = double.Parse(Regex.Match(show, @"wall time ([0-9.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(wall, Is.GreaterThan(0).And.LessThanOrEqualTo(seconds + 0.1), "the wall time lies within the command's own run time");
        Assert.That(seconds, Is.LessThan(30), "a shard of the example takes seconds");
    }
}
