using MathNet.Numerics.LinearAlgebra;

namespace NeuroEngine.Features;

/// <summary>Nonlinear least squares by Levenberg-Marquardt with optional box bounds (steps projected onto
/// the box), stopping on relative tolerances in the cost and the step as scipy's curve_fit does
/// (ftol = xtol = 1e-5 by default, as specparam sets them), or after <c>maxEvaluations</c> model calls.</summary>
public static class CurveFit
{
    /// <summary>A model: fills <c>y</c> with the model at every x for parameters <c>p</c>.</summary>
    public delegate void Model(double[] p, double[] x, double[] y);

    /// <summary>The parameters minimising sum (model(x) - y)^2, starting at <paramref name="guess"/>.</summary>
    public static double[] Fit(Model model, double[] x, double[] y, double[] guess, double[]? lower = null, double[]? upper = null,
        double ftol = 1e-5, double xtol = 1e-5, int maxEvaluations = 5000)
    {
        int n = guess.Length, m = x.Length;
        if (y.Length != m) throw new ArgumentException($"x ({m}) and y ({y.Length}) differ in length", nameof(y));
        var p = Clip((double[])guess.Clone(), lower, upper);
        var f = new double[m];
        var trial = new double[m];
        double Cost(double[] q, double[] buffer)
        {
            model(q, x, buffer);
            double s = 0;
            for (int i = 0; i < m; i++) s += (buffer[i] - y[i]) * (buffer[i] - y[i]);
            return s;
        }
        double cost = Cost(p, f);
        int evaluations = 1;
        double lambda = 1e-3;
        var jac = Matrix<double>.Build.Dense(m, n);
        var shifted = new double[m];
        while (evaluations < maxEvaluations)
        {
            // forward-difference Jacobian
            for (int j = 0; j < n; j++)
            {
                double h = 1.4901161193847656e-8 * Math.Max(1.0, Math.Abs(p[j]));
                var q = (double[])p.Clone();
                q[j] += h;
                model(q, x, shifted);
                evaluations++;
                for (int i = 0; i < m; i++) jac[i, j] = (shifted[i] - f[i]) / h;
            }
            var residual = Vector<double>.Build.Dense(m, i => y[i] - f[i]);
            var jtj = jac.TransposeThisAndMultiply(jac);
            var jtr = jac.TransposeThisAndMultiply(residual);
            bool improved = false;
            while (evaluations < maxEvaluations)
            {
                var a = jtj.Clone();
                for (int j = 0; j < n; j++) a[j, j] += lambda * Math.Max(jtj[j, j], 1e-12);
                var step = a.Solve(jtr);
                var q = Clip(p.Select((v, j) => v + step[j]).ToArray(), lower, upper);
                double next = Cost(q, trial);
                evaluations++;
                if (double.IsFinite(next) && next <= cost)
                {
                    double stepNorm = Math.Sqrt(q.Select((v, j) => (v - p[j]) * (v - p[j])).Sum());
                    double pNorm = Math.Sqrt(p.Sum(v => v * v));
                    bool converged = cost - next <= ftol * cost || stepNorm <= xtol * (xtol + pNorm);
                    p = q;
                    (f, trial) = (trial, f);
                    cost = next;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    if (converged) return p;
                    break;
                }
                lambda *= 10;
                if (lambda > 1e12) return p; // no descent direction left
            }
            if (!improved) break;
        }
        return p;
    }

    private static double[] Clip(double[] p, double[]? lower, double[]? upper)
    {
        for (int j = 0; j < p.Length; j++)
        {
            if (lower is not null && p[j] < lower[j]) p[j] = lower[j];
            if (upper is not null && p[j] > upper[j]) p[j] = upper[j];
        }
        return p;
    }
}
