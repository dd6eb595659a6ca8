using System.Text.Json.Nodes;
using NeuroEngine.Inference;
using NUnit.Framework;

namespace NeuroEngine.Tests.Inference;

public class GridSearchTests
{
    [Test]
    public void ExpandsGridsAsSklearnDoes()
    {
        var one = GridSearch.Expand(JsonNode.Parse("{\"alpha\": [1, 2, 3], \"max_iter\": [10, 20]}")!);
        Assert.That(one, Has.Count.EqualTo(6));
        var union = GridSearch.Expand(JsonNode.Parse("[{\"alpha\": [1]}, {\"alpha\": [2, 3], \"tol\": [0.1]}]")!);
        Assert.That(union.Select(c => c.ToJsonString()), Is.EqualTo(new[] { "{\"alpha\":1}", "{\"alpha\":2,\"tol\":0.1}", "{\"alpha\":3,\"tol\":0.1}" }));
        Assert.That(() => GridSearch.Expand(JsonNode.Parse("{\"alpha\": []}")!), Throws.ArgumentException.With.Message.Contains("'alpha' needs a non-empty list"));
    }

    [Test]
    public void PicksTheLowestHeldOutErrorAndEnsemblesItsFoldModels()
    {
        // y = x0 + noise: heavy shrinkage (alpha 1e4 on 200 rows) must lose to alpha 0.1
        var x = InferenceTestData.Normals(200, 3, 20);
        var noise = InferenceTestData.Normals(200, 1, 21);
        var y = x.Select((r, i) => new[] { r[0] + 0.1 * noise[i][0] }).ToArray();
        var result = GridSearch.Run("ridge", null, GridSearch.Expand(JsonNode.Parse("{\"alpha\": [10000, 0.1]}")!), x, y, folds: 5, repeats: 2, seed: 4);
        Assert.That((double)result.Best.Candidate["alpha"]!, Is.EqualTo(0.1));
        Assert.That(result.Scores[0].MeanMse, Is.GreaterThan(result.Scores[1].MeanMse));
        Assert.That(result.Best.MeanMse, Is.EqualTo(0.01).Within(0.005), "held-out MSE near the noise variance");
        Assert.That(result.Model.Members, Has.Count.EqualTo(10));
        // the ensemble is the mean of its members
        var members = result.Model.Members.Select(m => m.Predict(x[..3])).ToArray();
        var mean = result.Model.Predict(x[..3]);
        for (int i = 0; i < 3; i++) Assert.That(mean[i][0], Is.EqualTo(members.Average(m => m[i][0])).Within(1e-12));
        var again = GridSearch.Run("ridge", null, GridSearch.Expand(JsonNode.Parse("{\"alpha\": [10000, 0.1]}")!), x, y, folds: 5, repeats: 2, seed: 4);
        Assert.That(again.Scores.Select(s => s.MeanMse), Is.EqualTo(result.Scores.Select(s => s.MeanMse)), "seeded folds");
    }

    [Test]
    public void NcpiWorkflowAddsTrainsAndPredictsWithNaNForBadRows()
    {
        var x = InferenceTestData.Normals(300, 2, 22);
        var y = x.Select(r => new[] { 2 * r[0] - r[1] }).ToArray();
        var inference = new NcpiInference("ridge");
        inference.AddSimulationData(x[..150], y[..150]);
        inference.AddSimulationData(x[150..], y[150..]);
        Assert.That(inference.Rows, Is.EqualTo(300));
        inference.Train(JsonNode.Parse("{\"alpha\": [0.001, 1]}"), folds: 3, repeats: 1);
        var p = inference.Predict([[1.0, 1.0], [double.NaN, 0.0]]);
        Assert.That(p[0][0], Is.EqualTo(1.0).Within(0.01));
        Assert.That(double.IsNaN(p[1][0]), Is.True);
        Assert.That(() => new NcpiInference("forest"), Throws.ArgumentException.With.Message.Contains("not a regressor"));
        Assert.That(() => inference.AddSimulationData(x[..2], y[..1]), Throws.ArgumentException.With.Message.Contains("rows must correspond"));
    }
}
