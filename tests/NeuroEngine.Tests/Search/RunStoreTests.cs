using NeuroEngine.Search;
using NUnit.Framework;

namespace NeuroEngine.Tests.Search;

public class RunStoreTests : TempFolderTest
{
    private static readonly ParameterSpace Space = new([SearchParameter.Float("x", -5, 5), SearchParameter.Float("y", -5, 5), SearchParameter.Float("z", -5, 5)]);

    private static double Objective(double[] p, ulong seed) => p.Sum(v => (v - 1) * (v - 1)) + (seed % 7) * 1e-9;

    [Test]
    public void AResumedRunEqualsAnUninterruptedOne()
    {
        // reference: one uninterrupted run
        using (var reference = RunStore.Open(Path.Combine(Dir, "reference.sqlite")))
            SearchRun.Minimize(new CmaEs(3, 5), Space, Objective, 200, 11, reference);
        // the same run killed in the middle of a generation (evaluation 57 in flight), then resumed
        string path = Path.Combine(Dir, "run.sqlite");
        using var cts = new CancellationTokenSource();
        using (var store = RunStore.Open(path))
        {
            int calls = 0;
            double Dying(double[] p, ulong seed)
            {
                if (++calls == 58) { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); }
                return Objective(p, seed);
            }
            Assert.That(() => SearchRun.Minimize(new CmaEs(3, 5), Space, Dying, 200, 11, store, cancellation: cts.Token), Throws.InstanceOf<OperationCanceledException>());
            var partial = store.Evaluations();
            Assert.That(partial.Count(e => e.Status == EvaluationStatus.Ok), Is.EqualTo(57));
            // the generation in flight: its unfinished evaluations (57 and the rest of it) stay 'running'
            var running = partial.Where(e => e.Status == EvaluationStatus.Running).ToList();
            Assert.That(running.Min(e => e.Id), Is.EqualTo(57));
            Assert.That(running.Select(e => e.Generation).Distinct().Count(), Is.EqualTo(1));
        }
        int evaluatedAgain = 0;
        using (var store = RunStore.Open(path))
        {
            double Counting(double[] p, ulong seed) { evaluatedAgain++; return Objective(p, seed); }
            SearchRun.Minimize(new CmaEs(3, 5), Space, Counting, 200, 11, store);
        }
        Assert.That(evaluatedAgain, Is.EqualTo(200 - 57), "finished evaluations are reused, only the rest run");
        using var a = RunStore.Open(Path.Combine(Dir, "reference.sqlite"));
        using var b = RunStore.Open(path);
        var ra = a.Evaluations(); var rb = b.Evaluations();
        Assert.That(rb.Select(e => e.Parameters), Is.EqualTo(ra.Select(e => e.Parameters)), "same candidates");
        Assert.That(rb.Select(e => e.Objectives[0]), Is.EqualTo(ra.Select(e => e.Objectives[0])), "same values");
        Assert.That(rb.Select(e => e.Seed), Is.EqualTo(ra.Select(e => e.Seed)));
        Assert.That(b.FinishedGenerations(), Is.EqualTo(a.FinishedGenerations()));
    }

    [Test]
    public void FailedEvaluationsAreRecordedAndTheRunGoesOn()
    {
        using var store = RunStore.Open(Path.Combine(Dir, "run.sqlite"));
        var best = SearchRun.Minimize(new DifferentialEvolution(3, 2), Space,
            (p, seed) => p[0] > 3 ? throw new InvalidOperationException("simulation diverged") : Objective(p, seed), 600, 3, store);
        var all = store.Evaluations();
        Assert.That(all, Has.Count.EqualTo(600));
        var failed = all.Where(e => e.Status == EvaluationStatus.Failed).ToList();
        Assert.That(failed, Is.Not.Empty);
        Assert.That(failed.All(e => e.Parameters[0] > 3 && e.Error!.Contains("simulation diverged")), Is.True);
        Assert.That(best!.Value.Value, Is.LessThan(0.5), "the optimiser went on around the failures");
    }

    [Test]
    public void ExportAndBestFollowTheStore()
    {
        using var store = RunStore.Open(Path.Combine(Dir, "run.sqlite"));
        SearchRun.Minimize(new DifferentialEvolution(3, 4), Space,
            (p, seed) => p[1] < -4 ? throw new InvalidOperationException("bad") : Objective(p, seed), 90, 5, store);
        var all = store.Evaluations();
        var best = store.Best()!;
        Assert.That(best.Objectives[0], Is.EqualTo(all.Where(e => e.Status == EvaluationStatus.Ok).Min(e => e.Objectives[0])));
        var text = new StringWriter();
        store.ExportCsv(text, ["x", "y", "z"]);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("id,generation,status,objective_0,x,y,z"));
        Assert.That(lines, Has.Length.EqualTo(91));
        Assert.That(lines.Skip(1).Count(l => l.Contains(",failed,")), Is.EqualTo(all.Count(e => e.Status == EvaluationStatus.Failed)));
        Assert.That(() => store.ExportCsv(new StringWriter(), ["x"]), Throws.InvalidOperationException.With.Message.Contains("3 parameters"));
    }

    [Test]
    public void AStoreOfAnotherRunIsRefused()
    {
        string path = Path.Combine(Dir, "run.sqlite");
        using (var store = RunStore.Open(path)) SearchRun.Minimize(new CmaEs(3, 1), Space, Objective, 30, 1, store);
        using var again = RunStore.Open(path);
        Assert.That(() => SearchRun.Minimize(new CmaEs(3, 2), Space, Objective, 30, 1, again),
            Throws.InvalidOperationException.With.Message.Contains("another candidate"));
    }

    [Test]
    public void EvaluationSeedsAreDistinctAndStable()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(i => SearchRun.EvaluationSeed(42, i)).ToHashSet();
        Assert.That(seeds, Has.Count.EqualTo(10_000));
        Assert.That(SearchRun.EvaluationSeed(42, 0), Is.EqualTo(SearchRun.EvaluationSeed(42, 0)));
        Assert.That(SearchRun.EvaluationSeed(42, 0), Is.Not.EqualTo(SearchRun.EvaluationSeed(43, 0)));
    }
}
