using NeuroEngine.Inference;
using NeuroEngine.Inference.Posterior;
using NeuroEngine.Random;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

public class PosteriorEstimatorTests
{
    private static IEnumerable<TestCaseData> Estimators()
    {
        yield return new TestCaseData((Func<IPosteriorEstimator>)(() => new MixtureDensityNetwork(3, 3, new MdnOptions { Components = 3, HiddenLayerSizes = [7] }, 1))).SetName("MDN gradient");
        yield return new TestCaseData((Func<IPosteriorEstimator>)(() => new CouplingFlow(3, 3, new FlowOptions { Transforms = 4, HiddenLayerSizes = [7] }, 1))).SetName("Flow gradient");
        yield return new TestCaseData((Func<IPosteriorEstimator>)(() => new CouplingFlow(2, 1, new FlowOptions { Transforms = 2, HiddenLayerSizes = [5] }, 1))).SetName("Flow gradient, one parameter");
    }

    [TestCaseSource(nameof(Estimators))]
    public void NegativeLogDensityGradientMatchesFiniteDifferences(Func<IPosteriorEstimator> create)
    {
        var model = create();
        // move away from the zero/small initial output layer so every term of the gradient is exercised
        var r = new PhiloxStream(3);
        for (int i = 0; i < model.Weights.Length; i++) model.Weights[i] += 0.3 * r.NextNormal();
        const int rows = 5;
        var x = InferenceTestData.Normals(rows, model.Features, 4).SelectMany(v => v).ToArray();
        var theta = InferenceTestData.Normals(rows, model.Parameters, 5).SelectMany(v => v).ToArray();
        model.LossAndGradient(x, theta, rows, withGradient: true);
        var analytic = (double[])model.Gradients.Clone();
        const double h = 1e-6;
        for (int i = 0; i < model.Weights.Length; i++)
        {
            double keep = model.Weights[i];
            model.Weights[i] = keep + h; double up = model.LossAndGradient(x, theta, rows, false);
            model.Weights[i] = keep - h; double down = model.LossAndGradient(x, theta, rows, false);
            model.Weights[i] = keep;
            double numeric = (up - down) / (2 * h);
            Assert.That(analytic[i], Is.EqualTo(numeric).Within(1e-6 + 1e-5 * Math.Abs(numeric)), $"weight {i}");
        }
    }

    [TestCase("mdn")]
    [TestCase("flow")]
    public void DensityIntegratesToOneAndSamplesFollowIt(string kind)
    {
        // a random (untrained but perturbed) 1-D conditional density: integral over theta = 1,
        // and the sample mean equals the density's mean
        var model = InferenceModel.CreatePosterior(kind, null, 2, 1, 6);
        var r = new PhiloxStream(7);
        for (int i = 0; i < model.Weights.Length; i++) model.Weights[i] += 0.2 * r.NextNormal();
        double[] x = [0.4, -1.1];
        double integral = 0, mean = 0, step = 1e-3;
        for (double t = -15; t < 15; t += step)
        {
            double p = Math.Exp(model.LogDensity(x, [t])) * step;
            integral += p; mean += t * p;
        }
        Assert.That(integral, Is.EqualTo(1).Within(1e-4));
        var draws = new double[40_000];
        model.Sample(x, draws.Length, new PhiloxStream(8), draws);
        double sampleMean = draws.Average(), sd = Math.Sqrt(draws.Select(d => (d - sampleMean) * (d - sampleMean)).Average());
        Assert.That(sampleMean, Is.EqualTo(mean).Within(5 * sd / Math.Sqrt(draws.Length)), "sample mean vs density mean (5 standard errors)");
    }

    [TestCase("mdn", 0.06, 0.12)]
    [TestCase("flow", 0.08, 0.15)]
    public void RecoversTheConjugateGaussianPosterior(string kind, double meanTolerance, double varianceTolerance)
    {
        double[] prior = [1.0, 2.0];
        const double noise = 0.8;
        var (x, theta) = InferenceTestData.Conjugate(12_000, prior, noise, 9);
        var data = TrainingData.Create(x, theta, ["x1", "x2"], ["a", "b"]);
        var model = InferenceModel.TrainPosterior(data, kind, null, new NpeTrainingOptions { MaxEpochs = 40, Seed = 1, StopAfterEpochs = 8 });
        foreach (var obs in new[] { new[] { 0.0, 0.0 }, new[] { 1.0, -2.0 }, new[] { -1.5, 3.0 } })
        {
            var draws = model.SamplePosterior(obs, 4000, 11);
            for (int j = 0; j < 2; j++)
            {
                double s2 = prior[j] * prior[j], n2 = noise * noise;
                double postMean = obs[j] * s2 / (s2 + n2), postVar = 1 / (1 / s2 + 1 / n2);
                double m = draws.Average(d => d[j]);
                double v = draws.Average(d => (d[j] - m) * (d[j] - m));
                Assert.That(m, Is.EqualTo(postMean).Within(meanTolerance * prior[j]), $"{kind} mean of {j} at ({obs[0]}, {obs[1]})");
                Assert.That(v / postVar, Is.EqualTo(1).Within(varianceTolerance + 0.1), $"{kind} variance of {j} at ({obs[0]}, {obs[1]})");
            }
            double c = draws.Average(d => d[0] * d[1]) - draws.Average(d => d[0]) * draws.Average(d => d[1]);
            Assert.That(c / Math.Sqrt(prior[0] * prior[1]), Is.EqualTo(0).Within(0.05), "components are independent a posteriori");
        }
    }
}
