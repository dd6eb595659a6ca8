using NeuroEngine.Search;
using NUnit.Framework;

namespace NeuroEngine.Tests.Search;

public class ParameterSpaceTests
{
    private static ParameterSpace Space() => new([
        SearchParameter.Float("K_gl", 0, 5), SearchParameter.Log("sigma_ou", 0.001, 1.0),
        SearchParameter.Int("n_ext", 100, 400), SearchParameter.Categorical("coupling", ["additive", "diffusive"]),
    ]);

    [Test]
    public void DecodeMapsTheUnitCubeOntoEachKind()
    {
        var s = Space();
        Assert.That(s.Decode([0, 0, 0, 0]), Is.EqualTo(new[] { 0.0, 0.001, 100, 0 }).Within(1e-12));
        Assert.That(s.Decode([1, 1, 1, 1]), Is.EqualTo(new[] { 5.0, 1.0, 400, 1 }).Within(1e-12));
        // log scale: the middle of the interval is the geometric mean
        Assert.That(s.Decode([0.5, 0.5, 0.5, 0.5])[1], Is.EqualTo(Math.Sqrt(0.001)).Within(1e-12));
        // int and categorical: equal-width cells, encode gives the cell centre back
        var x = s.Decode([0.3, 0.7, 0.41, 0.6]);
        Assert.That(s.Decode(s.Encode(x)), Is.EqualTo(x).Within(1e-9));
        Assert.That(s.Parameters[3].Format(x[3]), Is.EqualTo("diffusive"));
    }

    [Test]
    public void GridCoversBoundsAndEveryLevel()
    {
        var s = new ParameterSpace([SearchParameter.Float("a", 0, 1), SearchParameter.Int("n", 1, 3), SearchParameter.Categorical("c", ["x", "y"])]);
        var grid = s.Grid(5);
        Assert.That(grid, Has.Count.EqualTo(5 * 3 * 2));
        Assert.That(grid.Select(p => p[0]).Distinct(), Is.EquivalentTo(new[] { 0, 0.25, 0.5, 0.75, 1.0 }));
        Assert.That(grid.Select(p => p[1]).Distinct(), Is.EquivalentTo(new[] { 1.0, 2, 3 }));
        Assert.That(grid.Select(p => string.Join(",", p)).Distinct().Count(), Is.EqualTo(30), "no point twice");
    }

    [Test]
    public void RandomPointsAreUniformAndSeeded()
    {
        var s = Space();
        var points = s.Random(4000, 7);
        Assert.That(s.Random(4000, 7).SelectMany(p => p), Is.EqualTo(points.SelectMany(p => p)));
        // uniform on [0, 5]: mean 2.5, sd of the mean 5 / sqrt(12 * 4000); log-uniform: mean of log10 = -1.5
        Assert.That(points.Average(p => p[0]), Is.EqualTo(2.5).Within(4 * 5 / Math.Sqrt(12 * 4000.0)));
        Assert.That(points.Average(p => Math.Log10(p[1])), Is.EqualTo(-1.5).Within(4 * 3 / Math.Sqrt(12 * 4000.0)));
        Assert.That(points.All(p => p[2] == Math.Floor(p[2]) && p[2] >= 100 && p[2] <= 400), Is.True);
    }

    [Test]
    public void BadParametersAreNamed()
    {
        Assert.That(() => new ParameterSpace([SearchParameter.Float("K_gl", 5, 0)]), Throws.ArgumentException.With.Message.Contains("'K_gl'").And.Message.Contains("inverted"));
        Assert.That(() => new ParameterSpace([SearchParameter.Log("s", 0, 1)]), Throws.ArgumentException.With.Message.Contains("log scale needs low > 0"));
        Assert.That(() => new ParameterSpace([SearchParameter.Float("a", 0, 1), SearchParameter.Float("a", 0, 2)]), Throws.ArgumentException.With.Message.Contains("appears twice"));
        Assert.That(() => new ParameterSpace([SearchParameter.Categorical("c", [])]), Throws.ArgumentException.With.Message.Contains("at least one value"));
    }
}
