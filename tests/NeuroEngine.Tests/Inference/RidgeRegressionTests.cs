using MathNet.Numerics.LinearAlgebra;
using NeuroEngine.Inference;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

public class RidgeRegressionTests
{
    [Test]
    public void EqualsTheNormalEquationSolutionWithAnUnpenalisedIntercept()
    {
        var x = InferenceTestData.Normals(200, 5, 1);
        var noise = InferenceTestData.Normals(200, 2, 2);
        var y = x.Select((r, i) => new[] { 1 + 2 * r[0] - r[3] + 0.3 * noise[i][0], -4 + r[1] * 0.5 + r[4] + 0.3 * noise[i][1] }).ToArray();
        const double alpha = 3.7;
        var model = new RidgeRegression(new RidgeOptions { Alpha = alpha });
        model.Fit(x, y);
        // independent solution: augmented design [1, X], penalty diag(0, alpha, ..., alpha)
        var a = Matrix<double>.Build.Dense(200, 6, (i, j) => j == 0 ? 1 : x[i][j - 1]);
        var penalty = Matrix<double>.Build.DenseDiagonal(6, 6, j => j == 0 ? 0 : alpha);
        var b = (a.TransposeThisAndMultiply(a) + penalty).Solve(a.TransposeThisAndMultiply(Matrix<double>.Build.Dense(200, 2, (i, k) => y[i][k])));
        for (int k = 0; k < 2; k++)
        {
            Assert.That(model.Intercept![k], Is.EqualTo(b[0, k]).Within(1e-10));
            for (int j = 0; j < 5; j++) Assert.That(model.Coefficients![j, k], Is.EqualTo(b[j + 1, k]).Within(1e-10));
        }
    }

    [Test]
    public void CrossValidationPicksTheSmallAlphaForNoiselessLinearData()
    {
        var x = InferenceTestData.Normals(100, 3, 3);
        var y = x.Select(r => new[] { r[0] - 2 * r[1] + 0.5 * r[2] }).ToArray();
        var model = new RidgeRegression(new RidgeOptions { Alphas = [1e-8, 1, 100], Folds = 5 });
        model.Fit(x, y);
        Assert.That(model.ChosenAlpha, Is.EqualTo(1e-8));
        Assert.That(model.CvScores.Select(s => s.Mse), Is.Ordered.Ascending, "more shrinkage, more error on noiseless data");
        Assert.That(RegressionScore.R2(y, model.Predict(x)), Is.GreaterThan(1 - 1e-12));
    }

    [Test]
    public void BadInputNamesTheProblem()
    {
        var x = InferenceTestData.Normals(10, 2, 4);
        var model = new RidgeRegression(new RidgeOptions());
        Assert.That(() => model.Fit(x, new double[9][].Select(_ => new[] { 1.0 }).ToArray()),
            Throws.ArgumentException.With.Message.Contains("9 rows but features have 10"));
        var y = x.Select(_ => new[] { 1.0 }).ToArray();
        y[3][0] = double.NaN;
        Assert.That(() => model.Fit(x, y), Throws.ArgumentException.With.Message.Contains("row 3").And.Message.Contains("finite"));
        Assert.That(() => model.Fit([], []), Throws.ArgumentException.With.Message.Contains("no rows"));
        Assert.That(() => new RidgeRegression(new RidgeOptions { Alpha = -1 }).Fit(x, x.Select(_ => new[] { 1.0 }).ToArray()),
            Throws.ArgumentException.With.Message.Contains("alpha"));
    }
}
