using System.Text.Json.Nodes;

namespace NeuroEngine.Inference;

/// <summary>The average of several fitted regressors' predictions: ncpi's final model after a
/// cross-validated grid search is the ensemble of the best candidate's fold models.</summary>
public sealed class EnsembleRegressor(IReadOnlyList<IRegressor> members) : IRegressor
{
    public IReadOnlyList<IRegressor> Members { get; } = members.Count > 0 ? members : throw new ArgumentException("an ensemble needs at least one member", nameof(members));
    public string Kind => "ensemble";
    public JsonObject Hyperparameters => new() { ["members"] = Members.Count, ["member_kind"] = Members[0].Kind, ["member"] = Members[0].Hyperparameters };

    /// <summary>Fits every member on the same data (members differ by seed).</summary>
    public void Fit(double[][] x, double[][] y, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        foreach (var m in Members) m.Fit(x, y, progress, cancellation);
    }

    public double[][] Predict(double[][] x)
    {
        var sum = Members[0].Predict(x);
        for (int m = 1; m < Members.Count; m++)
        {
            var p = Members[m].Predict(x);
            for (int i = 0; i < sum.Length; i++) for (int j = 0; j < sum[i].Length; j++) sum[i][j] += p[i][j];
        }
        foreach (var row in sum) for (int j = 0; j < row.Length; j++) row[j] /= Members.Count;
        return sum;
    }

    public IRegressor CreateUnfitted(ulong seed) =>
        new EnsembleRegressor(Members.Select((m, i) => m.CreateUnfitted(seed + (ulong)i)).ToArray());

    public void Save(ModelArchive archive, string prefix)
    {
        for (int m = 0; m < Members.Count; m++) Members[m].Save(archive, $"{prefix}m{m}/");
    }
}
