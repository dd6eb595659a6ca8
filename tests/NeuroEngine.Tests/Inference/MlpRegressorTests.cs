using NeuroEngine.Inference;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Random;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

public class MlpRegressorTests
{
    /// <summary>sum((p - y)^2) / (2 rows) + alpha |W|^2 / (2 rows): the objective whose gradient the MLP follows.</summary>
    private static double Objective(DenseNetwork net, double[] x, double[] y, int rows, double alpha)
    {
        var output = net.Forward(x, rows);
        double s = 0;
        for (int i = 0; i < output.Length; i++) s += (output[i] - y[i]) * (output[i] - y[i]);
        return s / (2 * rows) + 0.5 * alpha * net.SquaredWeightNorm() / rows;
    }

    [TestCase(1)]
    [TestCase(3)]
    public void GradientsMatchFiniteDifferences(int outputs)
    {
        const int rows = 7, inputs = 4;
        const double alpha = 0.3;
        var net = new DenseNetwork([inputs, 6, 5, outputs]);
        net.InitializeGlorot(new PhiloxStream(5));
        var x = InferenceTestData.Normals(rows, inputs, 6).SelectMany(r => r).ToArray();
        var y = InferenceTestData.Normals(rows, outputs, 7).SelectMany(r => r).ToArray();
        double loss = MlpRegressor.LossAndGradient(net, x, y, rows, alpha, new double[rows * outputs]);
        if (outputs == 1) Assert.That(loss, Is.EqualTo(Objective(net, x, y, rows, alpha)).Within(1e-12), "sklearn's loss is the objective for one output");
        var analytic = net.Gradients.ToArray();
        const double h = 1e-6;
        for (int i = 0; i < net.Parameters.Length; i++)
        {
            double keep = net.Parameters[i];
            net.Parameters[i] = keep + h; double up = Objective(net, x, y, rows, alpha);
            net.Parameters[i] = keep - h; double down = Objective(net, x, y, rows, alpha);
            net.Parameters[i] = keep;
            double numeric = (up - down) / (2 * h);
            Assert.That(analytic[i], Is.EqualTo(numeric).Within(1e-7 + 1e-5 * Math.Abs(numeric)), $"parameter {i}");
        }
    }

    [Test]
    public void InputGradientMatchesFiniteDifferences()
    {
        var net = new DenseNetwork([3, 8, 2]);
        net.InitializeGlorot(new PhiloxStream(8));
        var x = InferenceTestData.Normals(4, 3, 9).SelectMany(r => r).ToArray();
        var weights = new[] { 0.7, -1.3 };
        double F(double[] input) { var o = net.Forward(input, 4); double s = 0; for (int i = 0; i < o.Length; i++) s += weights[i % 2] * o[i]; return s; }
        F(x);
        var dOut = Enumerable.Range(0, 8).Select(i => weights[i % 2]).ToArray();
        var dIn = new double[12];
        net.Backward(dOut, 4, dIn);
        for (int i = 0; i < 12; i++)
        {
            double keep = x[i];
            x[i] = keep + 1e-6; double up = F(x);
            x[i] = keep - 1e-6; double down = F(x);
            x[i] = keep;
            Assert.That(dIn[i], Is.EqualTo((up - down) / 2e-6).Within(1e-7));
        }
    }

    [Test]
    public void GemmEqualsTheTripleLoopForOddSizes()
    {
        var r = new PhiloxStream(10);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (5, 3, 9), (4, 7, 8), (13, 11, 17), (9, 22, 50) })
        {
            var a = Enumerable.Range(0, m * k).Select(_ => r.NextNormal()).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => r.NextNormal()).ToArray();
            var c = Enumerable.Range(0, m * n).Select(_ => r.NextNormal()).ToArray();
            var expected = (double[])c.Clone();
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) expected[i * n + j] += a[i * k + p] * b[p * n + j];
            Gemm.Multiply(a, b, c, m, k, n, accumulate: true);
            Assert.That(c, Is.EqualTo(expected).Within(1e-12), $"{m}x{k}x{n}");
        }
    }

    [Test]
    public void GemmGivesIdenticalBitsOnOneOrSeveralThreads()
    {
        var r = new PhiloxStream(16);
        const int m = 203, k = 50, n = 37;
        var a = Enumerable.Range(0, m * k).Select(_ => r.NextNormal()).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => r.NextNormal()).ToArray();
        var one = new double[m * n];
        var many = new double[m * n];
        int keep = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 1; Gemm.Multiply(a, b, one, m, k, n);
            Gemm.MaxThreads = 3; Gemm.Multiply(a, b, many, m, k, n);
        }
        finally { Gemm.MaxThreads = keep; }
        Assert.That(many, Is.EqualTo(one), "rows are split in blocks of 4, so every element sees the same instructions");
    }

    [Test]
    public void TrainingGivesTheSameWeightsOnOneOrTwoThreads()
    {
        // minibatches of 200 are split in two fixed halves; the thread count only decides whether the
        // halves run at once
        var x = InferenceTestData.Normals(1000, 4, 17);
        var y = x.Select(r => new[] { r[0] * r[1], Math.Sin(r[2]) }).ToArray();
        double[] Train(int threads)
        {
            int keep = Gemm.MaxThreads;
            Gemm.MaxThreads = threads;
            try { var m = new MlpRegressor(new MlpOptions { HiddenLayerSizes = [16, 16], MaxIter = 5, Seed = 6 }); m.Fit(x, y); return m.Network.Parameters.ToArray(); }
            finally { Gemm.MaxThreads = keep; }
        }
        Assert.That(Train(2), Is.EqualTo(Train(1)));
    }

    [Test]
    public void LearnsASmoothNonlinearFunction()
    {
        var x = InferenceTestData.Normals(3000, 2, 11);
        var y = x.Select(r => new[] { Math.Sin(2 * r[0]) + 0.5 * r[1] * r[1], r[0] * r[1] }).ToArray();
        var model = new MlpRegressor(new MlpOptions { HiddenLayerSizes = [32, 32], MaxIter = 150, Seed = 1 });
        model.Fit(x[..2500], y[..2500]);
        double r2 = RegressionScore.R2(y[2500..], model.Predict(x[2500..]));
        Assert.That(r2, Is.GreaterThan(0.95), "held-out R^2");
        Assert.That(model.LossCurve[^1], Is.LessThan(model.LossCurve[0] / 10));
    }

    [Test]
    public void EarlyStoppingStopsAndKeepsTheBestValidationScore()
    {
        var x = InferenceTestData.Normals(400, 3, 12);
        var noise = InferenceTestData.Normals(400, 1, 13);
        var y = x.Select((r, i) => new[] { r[0] + noise[i][0] }).ToArray(); // R^2 ceiling 0.5: plateaus quickly
        var model = new MlpRegressor(new MlpOptions { HiddenLayerSizes = [16], MaxIter = 500, EarlyStopping = true, NIterNoChange = 5, Seed = 2 });
        model.Fit(x, y);
        Assert.That(model.Epochs, Is.LessThan(500));
        Assert.That(model.ValidationScores, Has.Count.EqualTo(model.Epochs));
        // sklearn's rule replayed on the recorded scores: the count of epochs not improving the best
        // score by tol (1e-4) first exceeds n_iter_no_change (5) at the last epoch
        double bestScore = double.NegativeInfinity;
        int count = 0, stop = -1;
        for (int e = 0; e < model.ValidationScores.Count && stop < 0; e++)
        {
            double s = model.ValidationScores[e];
            count = s < bestScore + 1e-4 ? count + 1 : 0;
            bestScore = Math.Max(bestScore, s);
            if (count > 5) stop = e;
        }
        Assert.That(stop, Is.EqualTo(model.Epochs - 1));
        var split = DataSplit.TrainValidationTest(400, 0.1, 0, 2);
        var xv = split.Validation.Select(i => x[i]).ToArray();
        var yv = split.Validation.Select(i => y[i]).ToArray();
        Assert.That(RegressionScore.R2(yv, model.Predict(xv)), Is.EqualTo(model.ValidationScores.Max()).Within(1e-12), "best weights restored");
    }

    [Test]
    public void SameSeedSameModelDifferentSeedDifferentModel()
    {
        var x = InferenceTestData.Normals(300, 3, 14);
        var y = x.Select(r => new[] { r[0] * r[2] }).ToArray();
        double[] Train(ulong seed) { var m = new MlpRegressor(new MlpOptions { HiddenLayerSizes = [8], MaxIter = 20, Seed = seed }); m.Fit(x, y); return m.Network.Parameters.ToArray(); }
        Assert.That(Train(3), Is.EqualTo(Train(3)));
        Assert.That(Train(3), Is.Not.EqualTo(Train(4)));
    }

    [Test]
    public void BadHyperparametersAreNamed()
    {
        var x = InferenceTestData.Normals(20, 2, 15);
        var y = x.Select(r => new[] { r[0] }).ToArray();
        Assert.That(() => new MlpRegressor(new MlpOptions { HiddenLayerSizes = [0] }).Fit(x, y), Throws.ArgumentException.With.Message.Contains("hidden_layer_sizes"));
        Assert.That(() => new MlpRegressor(new MlpOptions { LearningRateInit = 0 }).Fit(x, y), Throws.ArgumentException.With.Message.Contains("learning_rate_init"));
        Assert.That(() => RegressorFactory.Create("mlp", new System.Text.Json.Nodes.JsonObject { ["hidden_layers"] = 3 }),
            Throws.ArgumentException.With.Message.Contains("'hidden_layers' is not known"));
    }
}
