using System.Text.Json.Nodes;

namespace NeuroEngine.Inference;

/// <summary>A point-estimate model of parameters from features (ridge, MLP, ensembles of them).
/// Inputs are the already scaled features (see <see cref="InferenceModel"/>, which owns scaling).</summary>
public interface IRegressor
{
    /// <summary>Short name written to model files: ridge, mlp, ensemble.</summary>
    string Kind { get; }

    /// <summary>Fits on rows <paramref name="x"/> [row][feature] and targets <paramref name="y"/> [row][parameter].</summary>
    void Fit(double[][] x, double[][] y, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default);

    /// <summary>Predictions [row][parameter].</summary>
    double[][] Predict(double[][] x);

    /// <summary>A fresh, unfitted model with the same hyperparameters and the given seed.</summary>
    IRegressor CreateUnfitted(ulong seed);

    /// <summary>Hyperparameters with sklearn's names.</summary>
    JsonObject Hyperparameters { get; }

    /// <summary>Adds the fitted state to <paramref name="archive"/> under <paramref name="prefix"/>.</summary>
    void Save(ModelArchive archive, string prefix);
}

/// <summary>One epoch of training: losses are the training objective and, when a validation set
/// is used, its loss or score (named by <see cref="ValidationName"/>).</summary>
public sealed record EpochReport(int Epoch, int MaxEpochs, double TrainLoss, double ValidationValue = double.NaN,
    string ValidationName = "", string Model = "");

/// <summary>Scores shared by regressors.</summary>
public static class RegressionScore
{
    /// <summary>Coefficient of determination averaged uniformly over outputs (sklearn's score).
    /// A constant truth column scores 1 if predicted exactly, else 0 (sklearn's convention).</summary>
    public static double R2(double[][] truth, double[][] predicted)
    {
        int p = truth[0].Length;
        double total = 0;
        for (int j = 0; j < p; j++) total += R2Column(truth, predicted, j);
        return total / p;
    }

    /// <summary>R^2 of one output column.</summary>
    public static double R2Column(double[][] truth, double[][] predicted, int column)
    {
        double mean = 0;
        foreach (var t in truth) mean += t[column];
        mean /= truth.Length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double r = truth[i][column] - predicted[i][column], d = truth[i][column] - mean;
            ssRes += r * r; ssTot += d * d;
        }
        if (ssTot == 0) return ssRes == 0 ? 1 : 0;
        return 1 - ssRes / ssTot;
    }

    /// <summary>Mean squared error over all rows and outputs.</summary>
    public static double MeanSquaredError(double[][] truth, double[][] predicted)
    {
        double s = 0;
        for (int i = 0; i < truth.Length; i++)
            for (int j = 0; j < truth[i].Length; j++) { double r = truth[i][j] - predicted[i][j]; s += r * r; }
        return s / (truth.Length * truth[0].Length);
    }
}
