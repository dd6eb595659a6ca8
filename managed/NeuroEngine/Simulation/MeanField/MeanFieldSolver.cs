namespace NeuroEngine.Simulation.MeanField;

/// <summary>Finds the fixed points nu = Phi(nu) of a <see cref="LifMeanFieldModel"/> from several
/// starting points: a damped Newton iteration with a forward-difference Jacobian ,
/// converged when max |F| &lt;= <see cref="ToleranceHz"/> with no negative rate. Unlike the reference, roots that did not
/// converge are returned with Converged = false and are never reported as fixed points.</summary>
public sealed class MeanFieldSolver(LifMeanFieldModel model)
{
    public double ToleranceHz { get; init; } = 1e-9;
    public int MaxIterations { get; init; } = 200;
    public MeanFieldDynamics Dynamics { get; init; } = MeanFieldDynamics.Unit;

    /// <summary>The reference's random restarts: each start is U(0,1) per population, then a random
    /// number k in 0..P of entries replaced by U(0,10) (Hz); deterministic for a seed.</summary>
    public static IEnumerable<double[]> RandomStarts(int populations, int count, int seed)
    {
        var rng = new System.Random(seed);
        for (int n = 0; n < count; n++)
        {
            var start = new double[populations];
            for (int i = 0; i < populations; i++) start[i] = rng.NextDouble();
            int k = rng.Next(populations + 1);
            foreach (int i in Enumerable.Range(0, populations).OrderBy(_ => rng.Next()).Take(k)) start[i] = 10 * rng.NextDouble();
            yield return start;
        }
    }

    /// <summary>All distinct roots (relative distance above 1e-6) found from <paramref name="starts"/>,
    /// converged ones first, with their stability.</summary>
    public IReadOnlyList<MeanFieldFixedPoint> Solve(IEnumerable<double[]> starts)
    {
        model.Validate();
        var found = new List<MeanFieldFixedPoint>();
        foreach (var start in starts)
        {
            if (start.Length != model.P) throw new ArgumentException($"a start has {start.Length} rates, the model {model.P} populations", nameof(starts));
            var (rates, residual) = Newton(start);
            bool converged = residual <= ToleranceHz && rates.All(r => r >= -ToleranceHz);
            if (found.Any(f => f.Converged == converged && Close(f.RatesHz, rates))) continue;
            var (eig, label) = converged
                ? FixedPointStability.Classify(FixedPointStability.Jacobian(model, rates, Dynamics))
                : ([], "not converged");
            found.Add(new MeanFieldFixedPoint(rates, converged, residual, label, eig));
        }
        return found.OrderByDescending(f => f.Converged).ThenBy(f => f.RatesHz.Sum()).ToList();
    }

    private (double[] Rates, double MaxResidual) Newton(double[] start)
    {
        int p = model.P;
        var nu = (double[])start.Clone();
        var f = model.Residual(nu);
        double norm = f.Max(Math.Abs);
        for (int it = 0; it < MaxIterations && norm > ToleranceHz; it++)
        {
            // J_F = I - DPhi by forward differences, step relative to the rate
            var jac = new double[p, p];
            for (int j = 0; j < p; j++)
            {
                double h = 1e-7 * Math.Max(1.0, Math.Abs(nu[j]));
                var shifted = (double[])nu.Clone();
                shifted[j] += h;
                var fs = model.Residual(shifted);
                for (int i = 0; i < p; i++) jac[i, j] = (fs[i] - f[i]) / h;
            }
            double[] step;
            try { step = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(jac).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(f)).ToArray(); }
            catch (Exception) { break; }
            if (step.Any(s => !double.IsFinite(s))) break;
            // backtracking: halve the step until |F| decreases (rates may pass below 0 on the way;
            // Phi is defined there, and a root with a negative rate is not reported as converged)
            double lambda = 1;
            bool improved = false;
            for (int b = 0; b < 30; b++, lambda /= 2)
            {
                var trial = new double[p];
                for (int i = 0; i < p; i++) trial[i] = nu[i] - lambda * step[i];
                var ft = model.Residual(trial);
                double nt = ft.Max(Math.Abs);
                if (double.IsFinite(nt) && nt < norm)
                {
                    nu = trial; f = ft; norm = nt; improved = true;
                    break;
                }
            }
            if (!improved) break;
        }
        return (nu, norm);
    }

    private static bool Close(double[] a, double[] b)
    {
        double diff = 0, scale = 0;
        for (int i = 0; i < a.Length; i++) { diff = Math.Max(diff, Math.Abs(a[i] - b[i])); scale = Math.Max(scale, Math.Max(Math.Abs(a[i]), Math.Abs(b[i]))); }
        return diff <= 1e-6 * Math.Max(scale, 1e-9) || diff < 1e-9;
    }
}
