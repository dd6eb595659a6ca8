namespace NeuroEngine.Inference.Diagnostics;

/// <summary>How well one parameter is recovered by point estimates over a set of simulated data sets.</summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="R2">Coefficient of determination of estimate against truth, as sklearn's <c>r2_score</c>.</param>
/// <param name="Nrmse">RMSE divided by the range of the truth (BayesFlow's normalised RMSE).</param>
public sealed record RecoveryRow(string Parameter, double R2, double Nrmse);

/// <summary>Parameter recovery: point estimates (e.g. posterior means) against the true parameters that
/// generated each data set. The usual first check that an amortised posterior has learnt anything.</summary>
public static class Recovery
{
    /// <summary>R2 and NRMSE of every parameter (column).</summary>
    /// <remarks>
    /// <para>R2 = 1 - SS_res / SS_tot, as sklearn's <c>r2_score</c> (with its default <c>force_finite</c>):
    /// when the truth column is constant (SS_tot = 0) R2 is 1 if the estimates are exact and 0 otherwise, so
    /// a constant column (or a single row) never gives NaN or infinity.</para>
    /// <para>NRMSE = RMSE / (max(truth) - min(truth)) of the column, BayesFlow's normalised RMSE, so that
    /// parameters on different scales compare. When the truth column has zero range the RMSE itself is
    /// returned (dividing would give NaN or infinity).</para>
    /// </remarks>
    /// <param name="truth">truth[row][parameter]: true values, finite, at least one row.</param>
    /// <param name="estimate">estimate[row][parameter]: point estimates, finite, same shape as truth.</param>
    /// <param name="names">One name per parameter (column).</param>
    /// <exception cref="ArgumentException">Shapes differ, input is empty, or a value is not finite.</exception>
    public static RecoveryRow[] Compute(double[][] truth, double[][] estimate, IReadOnlyList<string> names)
    {
        int p = Inputs.Names(names, nameof(names));
        int n = Inputs.Table(truth, nameof(truth), -1, p);
        Inputs.Table(estimate, nameof(estimate), n, p);

        var rows = new RecoveryRow[p];
        for (int j = 0; j < p; j++)
        {
            double mean = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double t = truth[i][j];
                mean += t;
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }
            mean /= n;
            double ssRes = 0, ssTot = 0;
            for (int i = 0; i < n; i++)
            {
                double e = estimate[i][j] - truth[i][j], d = truth[i][j] - mean;
                ssRes += e * e;
                ssTot += d * d;
            }
            double r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
            double rmse = Math.Sqrt(ssRes / n), range = max - min;
            rows[j] = new RecoveryRow(names[j], r2, range > 0 ? rmse / range : rmse);
        }
        return rows;
    }
}
