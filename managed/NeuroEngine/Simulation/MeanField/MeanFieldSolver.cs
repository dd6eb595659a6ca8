using MathNet.Numerics.LinearAlgebra;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>Finds the fixed points nu = Phi(nu) of a <see cref="LifMeanFieldModel"/> from several
/// starting rates: damped Newton on F(nu) = nu - Phi(nu) with a forward-difference Jacobian and
/// step halving until max|F| decreases, falling back to Levenberg-Marquardt steps where the Newton
/// direction does not help. A search has converged when max_i |F_i| &lt;= <see cref="ToleranceHz"/>
/// and no rate is below -<see cref="ToleranceHz"/>. Unlike the reference (which keeps scipy's <c>.x</c> without checking
/// <c>.success</c>), a search that did not converge is returned with Converged = false and is never a
/// fixed point. Rates in Hz.</summary>
public sealed class MeanFieldSolver
{
    /// <summary>Roots whose max-norm distance is at most this times the larger max-norm are one point.</summary>
    public const double DuplicateRelativeDistance = 1e-6;

    /// <summary>A solver for <paramref name="model"/> (validated when solving).</summary>
    public MeanFieldSolver(LifMeanFieldModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
    }

    /// <summary>The mean field being solved.</summary>
    public LifMeanFieldModel Model { get; }

    /// <summary>Convergence: max_i |nu_i - Phi_i(nu)| at most this (Hz). Default 1e-9.</summary>
    public double ToleranceHz { get; init; } = 1e-9;

    /// <summary>Newton steps taken after max|F| reached the tolerance, while they still reduce it.</summary>
    public const int PolishSteps = 2;

    /// <summary>Most Newton iterations per start. Default 200.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>The rate dynamics used for the stability of the fixed points found. Default <see cref="MeanFieldDynamics.Unit"/> (the reference).</summary>
    public MeanFieldDynamics Dynamics { get; init; } = MeanFieldDynamics.Unit;

    /// <summary>The reference's random restarts (FullMeanFieldStager): each start is U(0,1) Hz per
    /// population, then a random number k in 0..P of distinct entries are replaced by U(0,10) Hz.
    /// Deterministic for a seed (System.Random's seeded generator).</summary>
    public static IEnumerable<double[]> RandomStarts(int populations, int count, int seed)
    {
        if (populations < 1) throw new ArgumentException($"populations must be >= 1, got {populations}", nameof(populations));
        if (count < 0) throw new ArgumentException($"count must be >= 0, got {count}", nameof(count));
        return Generate();

        IEnumerable<double[]> Generate()
        {
            var rng = new System.Random(seed);
            var order = new int[populations];
            for (int n = 0; n < count; n++)
            {
                var start = new double[populations];
                for (int i = 0; i < populations; i++) start[i] = rng.NextDouble();
                int k = rng.Next(populations + 1);
                for (int i = 0; i < populations; i++) order[i] = i;
                for (int i = 0; i < k; i++)
                {
                    int pick = i + rng.Next(populations - i); // partial Fisher-Yates: k distinct entries
                    (order[i], order[pick]) = (order[pick], order[i]);
                    start[order[i]] = 10 * rng.NextDouble();
                }
                yield return start;
            }
        }
    }

    /// <summary>The default starts: all rates zero (the reference's default guess), then
    /// <paramref name="restarts"/> <see cref="RandomStarts"/> for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<double[]> DefaultStarts(int populations, int restarts, int seed) =>
        [new double[populations], .. RandomStarts(populations, restarts, seed)];

    /// <summary>All distinct roots found from <paramref name="starts"/> (Hz), converged ones first (by
    /// increasing total rate), each with its stability; non-converged searches follow with
    /// Converged = false, label "not converged" and no eigenvalues.</summary>
    /// <param name="starts">Starting rate vectors (Hz), P finite entries each.</param>
    /// <param name="progress">Fraction of starts done (0..1), optional.</param>
    /// <param name="cancellationToken">Checked between iterations.</param>
    public IReadOnlyList<MeanFieldFixedPoint> Solve(IEnumerable<double[]> starts, IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(starts);
        Model.Validate();
        if (!(ToleranceHz > 0)) throw new ArgumentException($"ToleranceHz must be > 0, got {ToleranceHz}", nameof(ToleranceHz));
        if (MaxIterations < 0) throw new ArgumentException($"MaxIterations must be >= 0, got {MaxIterations}", nameof(MaxIterations));
        var list = starts.ToList();
        for (int s = 0; s < list.Count; s++) CheckStart(list[s], $"starts[{s}]");
        var found = new List<MeanFieldFixedPoint>();
        for (int s = 0; s < list.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (rates, residual) = Search(list[s], cancellationToken);
            bool converged = IsConverged(rates, residual);
            if (!found.Any(f => f.Converged == converged && AreSamePoint(f.RatesHz, rates)))
            {
                var (eig, label) = converged ? FixedPointStability.Analyze(Model, rates, Dynamics) : ([], "not converged");
                found.Add(new MeanFieldFixedPoint(rates, converged, residual, label, eig));
            }
            progress?.Report((s + 1) / (double)list.Count);
        }
        return found.OrderByDescending(f => f.Converged).ThenBy(f => f.RatesHz.Sum()).ToList();
    }

    /// <summary>One root search from <paramref name="startHz"/>, with the stability of the root when it converged.</summary>
    public MeanFieldFixedPoint FindRoot(double[] startHz, CancellationToken cancellationToken = default)
    {
        Model.Validate();
        CheckStart(startHz, nameof(startHz));
        var (rates, residual) = Search(startHz, cancellationToken);
        if (!IsConverged(rates, residual)) return new MeanFieldFixedPoint(rates, false, residual, "not converged", []);
        var (eig, label) = FixedPointStability.Analyze(Model, rates, Dynamics);
        return new MeanFieldFixedPoint(rates, true, residual, label, eig);
    }

    /// <summary>Whether two rate vectors are one fixed point: max |a - b| &lt;= 1e-6 max(|a|, |b|) (max norms),
    /// or below 1e-12 Hz.</summary>
    public static bool AreSamePoint(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length) return false;
        double diff = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(a[i]), Math.Abs(b[i])));
        }
        return diff <= DuplicateRelativeDistance * scale || diff < 1e-12;
    }

    private bool IsConverged(double[] rates, double residual) =>
        residual <= ToleranceHz && rates.All(r => r >= -ToleranceHz); // a root's rates equal Phi >= 0 up to the residual

    private void CheckStart(double[]? start, string name)
    {
        if (start is null) throw new ArgumentException($"{name} is null", nameof(start));
        if (start.Length != Model.P) throw new ArgumentException($"{name} has {start.Length} rates, the model {Model.P} populations", name);
        for (int i = 0; i < start.Length; i++)
            if (!double.IsFinite(start[i])) throw new ArgumentException($"{name}[{i}] must be finite, got {start[i]}", name);
    }

    private static double MaxAbs(double[] v)
    {
        double m = 0;
        foreach (double x in v)
        {
            if (double.IsNaN(x)) return double.NaN;
            m = Math.Max(m, Math.Abs(x));
        }
        return m;
    }

    private (double[] Rates, double MaxResidual) Search(double[] start, CancellationToken cancellationToken)
    {
        int p = Model.P;
        var nu = (double[])start.Clone();
        var f = Model.Residual(nu);
        double norm = MaxAbs(f);
        int polish = 0;
        for (int it = 0; it < MaxIterations; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // within the tolerance: up to PolishSteps more Newton steps while they still reduce max|F|,
            // so the root is as accurate as Phi allows, not just within ToleranceHz
            bool polishing = norm <= ToleranceHz;
            if (polishing && (norm == 0 || polish++ >= PolishSteps)) break;
            // J_F = I - DPhi by forward differences, step relative to the rate
            var jac = Matrix<double>.Build.Dense(p, p);
            for (int j = 0; j < p; j++)
            {
                double h = 1e-7 * Math.Max(1.0, Math.Abs(nu[j]));
                var shifted = (double[])nu.Clone();
                shifted[j] += h;
                h = shifted[j] - nu[j]; // the step actually taken
                var fs = Model.Residual(shifted);
                for (int i = 0; i < p; i++) jac[i, j] = (fs[i] - f[i]) / h;
            }
            var fv = Vector<double>.Build.DenseOfArray(f);
            if (TryStep(nu, NewtonStep(jac, fv), norm, halvings: polishing ? 2 : 30, out var next, out var fNext, out double nNext)
                || (!polishing && TryLevenbergMarquardt(nu, jac, fv, norm, out next, out fNext, out nNext)))
            {
                nu = next; f = fNext; norm = nNext;
            }
            else break;
        }
        return (nu, norm);
    }

    private static double[]? NewtonStep(Matrix<double> jac, Vector<double> f)
    {
        try
        {
            var step = jac.LU().Solve(f).ToArray();
            return step.All(double.IsFinite) ? step : null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return null;
        }
    }

    /// <summary>nu - lambda step for lambda = 1, 1/2, ... until max|F| decreases.</summary>
    private bool TryStep(double[] nu, double[]? step, double norm, int halvings, out double[] next, out double[] fNext, out double nNext)
    {
        next = nu; fNext = []; nNext = norm;
        if (step is null) return false;
        double lambda = 1;
        for (int b = 0; b <= halvings; b++, lambda *= 0.5)
        {
            var trial = new double[nu.Length];
            for (int i = 0; i < nu.Length; i++) trial[i] = nu[i] - lambda * step[i];
            var ft = Model.Residual(trial);
            double nt = MaxAbs(ft);
            if (nt < norm)
            {
                next = trial; fNext = ft; nNext = nt;
                return true;
            }
        }
        return false;
    }

    /// <summary>Steps (J^T J + m diag(J^T J)) d = J^T F with growing damping m: a gradient-like
    /// direction where the Newton direction fails (near folds, singular Jacobians).</summary>
    private bool TryLevenbergMarquardt(double[] nu, Matrix<double> jac, Vector<double> f, double norm, out double[] next, out double[] fNext, out double nNext)
    {
        next = nu; fNext = []; nNext = norm;
        var jtj = jac.TransposeThisAndMultiply(jac);
        var g = jac.TransposeThisAndMultiply(f);
        foreach (double m in new[] { 1e-4, 1e-2, 1, 1e2, 1e4 })
        {
            var a = jtj.Clone();
            for (int i = 0; i < a.RowCount; i++) a[i, i] += m * Math.Max(jtj[i, i], 1e-12);
            double[]? step;
            try { step = a.Cholesky().Solve(g).ToArray(); }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException) { continue; }
            if (!step.All(double.IsFinite)) continue;
            if (TryStep(nu, step, norm, halvings: 4, out next, out fNext, out nNext)) return true;
        }
        return false;
    }
}
