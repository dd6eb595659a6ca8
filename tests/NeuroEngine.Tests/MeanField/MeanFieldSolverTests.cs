using NeuroEngine.Simulation.MeanField;
using NUnit.Framework;

namespace NeuroEngine.Tests.MeanField;

public class MeanFieldSolverTests
{
    [Test]
    public void BrunelFixedPointMatchesScipy()
    {
        // Brunel (2000) model A, N = 10,000, g = 5, eta = 2: about 43 Hz (Brunel 2000)
        var model = MeanFieldModels.Brunel();
        var points = new MeanFieldSolver(model).Solve([[0.0, 0.0], [10.0, 10.0], [100.0, 100.0]]);
        var fixedPoint = points.Single();
        Assert.That(fixedPoint.Converged, Is.True);
        Assert.That(fixedPoint.RatesHz[0], Is.EqualTo(MeanFieldModels.BrunelRateHz).Within(1e-9 * MeanFieldModels.BrunelRateHz));
        Assert.That(fixedPoint.RatesHz[1], Is.EqualTo(MeanFieldModels.BrunelRateHz).Within(1e-9 * MeanFieldModels.BrunelRateHz));
        // Phi(nu*) = nu* to 1e-9
        var phi = model.Transfer(fixedPoint.RatesHz);
        for (int i = 0; i < 2; i++) Assert.That(phi[i], Is.EqualTo(fixedPoint.RatesHz[i]).Within(1e-9));
        Assert.That(fixedPoint.MaxResidual, Is.LessThanOrEqualTo(1e-9));
        Assert.That(fixedPoint.Label, Is.EqualTo("stable node"));
    }

    [Test]
    public void ReferenceReadmeExampleIsSaturated()
    {
        // scipy.optimize.root (hybr, tol = xtol = 1e-12, start zeros) on the reference's code in seconds:
        // [188.27192498911288, 193.98136888520520] Hz, mu = 103.80450659 mV; the documented reference values are about 188 / 194 Hz.
        var model = MeanFieldModels.ReferenceReadme();
        var point = new MeanFieldSolver(model).Solve(MeanFieldSolver.DefaultStarts(2, 10, 256)).Single();
        Assert.That(point.RatesHz[0], Is.EqualTo(188.27192498911288).Within(1e-9 * 188));
        Assert.That(point.RatesHz[1], Is.EqualTo(193.9813688852052).Within(1e-9 * 194));
        Assert.That(model.Mu(point.RatesHz)[0], Is.EqualTo(103.80450659).Within(1e-7));
        Assert.That(point.Label, Is.EqualTo("stable node"));
    }

    [Test]
    public void FindsAllThreeFixedPointsOfABistablePopulation()
    {
        var solver = new MeanFieldSolver(MeanFieldModels.Bistable());
        var points = solver.Solve([[0.0], [0.3], [0.25], [1.0], [100.0], [1000.0]]);
        Assert.That(points.Select(p => p.Converged), Is.All.True);
        Assert.That(points, Has.Count.EqualTo(3), string.Join("; ", points.Select(p => $"{p.RatesHz[0]} {p.Label}")));
        for (int k = 0; k < 3; k++)
        {
            var (rate, eigenvalue, label) = MeanFieldModels.BistableFixedPoints[k];
            Assert.That(points[k].RatesHz[0], Is.EqualTo(rate).Within(1e-9 * rate), $"fixed point {k}");
            Assert.That(points[k].Eigenvalues[0].Real, Is.EqualTo(eigenvalue).Within(1e-4), $"fixed point {k}");
            Assert.That(points[k].Label, Is.EqualTo(label), $"fixed point {k}");
        }
    }

    [Test]
    public void NonConvergedSearchesAreNeverFixedPoints()
    {
        // no iterations allowed: the start itself is returned, flagged, with its residual and no eigenvalues
        var solver = new MeanFieldSolver(MeanFieldModels.Brunel()) { MaxIterations = 0 };
        var point = solver.Solve([[5.0, 5.0]]).Single();
        Assert.That(point.Converged, Is.False);
        Assert.That(point.Label, Is.EqualTo("not converged"));
        Assert.That(point.Eigenvalues, Is.Empty);
        Assert.That(point.MaxResidual, Is.GreaterThan(1));
        // converged points come first
        var mixed = new MeanFieldSolver(MeanFieldModels.Brunel()) { MaxIterations = 3 }.Solve([[43.2, 43.2], [500.0, 0.0]]);
        Assert.That(mixed[0].Converged, Is.True);
        Assert.That(mixed.Where(p => !p.Converged).All(p => p.MaxResidual > 1e-9), Is.True);
    }

    [Test]
    public void DuplicatesCloserThan1e6RelativeAreOnePoint()
    {
        Assert.That(MeanFieldSolver.AreSamePoint([100.0, 50.0], [100.00005, 50.0]), Is.True);
        Assert.That(MeanFieldSolver.AreSamePoint([100.0, 50.0], [100.001, 50.0]), Is.False);
        var points = new MeanFieldSolver(MeanFieldModels.Brunel()).Solve(MeanFieldSolver.RandomStarts(2, 20, 7));
        Assert.That(points, Has.Count.EqualTo(1));
    }

    [Test]
    public void RandomStartsFollowTheReferenceSchemeAndAreDeterministic()
    {
        var a = MeanFieldSolver.RandomStarts(6, 200, 42).ToList();
        var b = MeanFieldSolver.RandomStarts(6, 200, 42).ToList();
        var c = MeanFieldSolver.RandomStarts(6, 200, 43).ToList();
        Assert.That(a, Has.Count.EqualTo(200));
        for (int n = 0; n < a.Count; n++) Assert.That(a[n], Is.EqualTo(b[n]));
        Assert.That(a[0], Is.Not.EqualTo(c[0]));
        Assert.That(a.SelectMany(s => s), Is.All.InRange(0.0, 10.0));
        // k in 0..P entries drawn from U(0, 10): starts with no entry above 1 and starts with all six above 1 both occur
        var large = a.Select(s => s.Count(x => x > 1)).ToList();
        Assert.That(large, Does.Contain(0).And.Contain(5));
        Assert.That(large.Max(), Is.LessThanOrEqualTo(6));
        var defaults = MeanFieldSolver.DefaultStarts(3, 4, 1);
        Assert.That(defaults, Has.Count.EqualTo(5));
        Assert.That(defaults[0], Is.EqualTo(new double[3]));
    }

    [Test]
    public void TwoClusterExampleHasAUniformSaddleAndTwoClusterStates()
    {
        // examples/meanfield-clusters.yaml; scipy.optimize.root (hybr, tol 1e-13) from zeros and 40 random starts,
        // same transfer function and row-scaled moments (uniform tau_m)
        var config = NeuroEngine.Cli.Config.MeanFieldConfig.Load(RepositoryData.RepoFile("examples/meanfield-clusters.yaml"));
        var points = new MeanFieldSolver(config.Model).Solve(config.AllStarts()).Where(p => p.Converged).ToList();
        Assert.That(points, Has.Count.EqualTo(3), string.Join("; ", points.Select(p => string.Join(",", p.RatesHz))));
        double[] uniform = [6.60434230320678, 6.60434230320675, 4.701556048952359, 9.254323689914925, 9.254323689914909, 19.753323388530312];
        double[] cluster = [16.07271499884892, 0.8035849638872293, 2.8900489609754745, 14.566468859704456, 6.135679229181617, 19.556633925044235];
        double[] mirrored = [cluster[1], cluster[0], cluster[2], cluster[4], cluster[3], cluster[5]];
        Assert.That(points.Count(p => Close(p.RatesHz, uniform) && p.Label == "saddle"), Is.EqualTo(1));
        Assert.That(points.Count(p => Close(p.RatesHz, cluster) && p.Label == "stable node"), Is.EqualTo(1));
        Assert.That(points.Count(p => Close(p.RatesHz, mirrored) && p.Label == "stable node"), Is.EqualTo(1));
        // scipy eigenvalues of the saddle (forward differences, eps 1e-6): the largest is +0.172503
        Assert.That(points.Single(p => p.Label == "saddle").Eigenvalues[^1].Real, Is.EqualTo(0.172503).Within(1e-5));

        static bool Close(double[] a, double[] b) => a.Zip(b).All(x => Math.Abs(x.First - x.Second) <= 1e-8 * Math.Max(1, Math.Abs(x.Second)));
    }

    [Test]
    public void RejectsBadStartsAndModels()
    {
        var solver = new MeanFieldSolver(MeanFieldModels.Brunel());
        var ex = Assert.Throws<ArgumentException>(() => solver.Solve([[1.0]]));
        Assert.That(ex!.Message, Does.Contain("starts[0]").And.Contain("1 rates"));
        ex = Assert.Throws<ArgumentException>(() => solver.Solve([[1.0, double.NaN]]));
        Assert.That(ex!.Message, Does.Contain("starts[0][1]").And.Contain("NaN"));
        ex = Assert.Throws<ArgumentException>(() => new MeanFieldSolver(MeanFieldModels.Brunel() with { TauMMs = [20] }).Solve([[0.0, 0.0]]));
        Assert.That(ex!.ParamName, Is.EqualTo("tau_membrane_ms"));
        Assert.Throws<ArgumentException>(() => MeanFieldSolver.RandomStarts(0, 1, 1));
        Assert.Throws<ArgumentException>(() => MeanFieldSolver.RandomStarts(2, -1, 1));
    }

    [Test]
    public void HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => new MeanFieldSolver(MeanFieldModels.Brunel()).Solve([[0.0, 0.0]], null, cts.Token));
    }
}
