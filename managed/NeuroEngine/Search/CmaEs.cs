using MathNet.Numerics.LinearAlgebra;
using NeuroEngine.Random;

namespace NeuroEngine.Search;

/// <summary>CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016): (mu/mu_w, lambda) with
/// cumulative step-size adaptation and rank-one plus rank-mu covariance updates, the tutorial's
/// default constants, lambda = 4 + floor(3 ln d) (Nevergrad's CMA default), start at the cube's centre
/// with sigma 0.3. Bounds: a sample outside the cube is evaluated at its clipped point and the
/// distribution is updated with the unclipped sample (simple, as pycma's default is a penalty).</summary>
public sealed class CmaEs : IOptimizer
{
    private readonly PhiloxStream _random;
    private readonly int _lambda, _mu;
    private readonly double[] _weights;
    private readonly double _muEff, _cc, _cs, _c1, _cmu, _damps, _chiN;
    private Vector<double> _mean, _pc, _ps;
    private Matrix<double> _c, _b, _d;
    private double _sigma;
    private int _generation;
    private double[][] _samples = [];

    public string Name => "cmaes";
    public int Dimension { get; }
    public int PopulationSize => _lambda;
    public double Sigma => _sigma;
    public (double[] Point, double Value)? Best { get; private set; }

    public CmaEs(int dimension, ulong seed, int populationSize = 0, double sigma0 = 0.3)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "need at least one dimension");
        if (!(sigma0 > 0)) throw new ArgumentOutOfRangeException(nameof(sigma0), sigma0, "initial step size must be > 0");
        int n = Dimension = dimension;
        _random = new PhiloxStream(seed, 71);
        _lambda = populationSize > 0 ? Math.Max(2, populationSize) : 4 + (int)Math.Floor(3 * Math.Log(n));
        _mu = _lambda / 2;
        _weights = Enumerable.Range(0, _mu).Select(i => Math.Log((_lambda + 1) / 2.0) - Math.Log(i + 1)).ToArray();
        double sum = _weights.Sum();
        for (int i = 0; i < _mu; i++) _weights[i] /= sum;
        _muEff = 1 / _weights.Sum(w => w * w);
        _cc = (4 + _muEff / n) / (n + 4 + 2 * _muEff / n);
        _cs = (_muEff + 2) / (n + _muEff + 5);
        _c1 = 2 / ((n + 1.3) * (n + 1.3) + _muEff);
        _cmu = Math.Min(1 - _c1, 2 * (_muEff - 2 + 1 / _muEff) / ((n + 2) * (n + 2) + _muEff));
        _damps = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (n + 1)) - 1) + _cs;
        _chiN = Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        _mean = Vector<double>.Build.Dense(n, 0.5);
        _pc = Vector<double>.Build.Dense(n);
        _ps = Vector<double>.Build.Dense(n);
        _c = Matrix<double>.Build.DenseIdentity(n);
        _b = Matrix<double>.Build.DenseIdentity(n);
        _d = Matrix<double>.Build.DenseIdentity(n);
        _sigma = sigma0;
    }

    public IReadOnlyList<double[]> Ask()
    {
        var bd = _b * _d;
        _samples = new double[_lambda][];
        var evaluate = new double[_lambda][];
        for (int k = 0; k < _lambda; k++)
        {
            var z = Vector<double>.Build.Dense(Dimension, _ => _random.NextNormal());
            var x = _mean + _sigma * (bd * z);
            _samples[k] = x.ToArray();
            evaluate[k] = x.Select(v => Math.Clamp(v, 0, 1)).ToArray();
        }
        return evaluate;
    }

    public void Tell(IReadOnlyList<double> values)
    {
        if (values.Count != _samples.Length) throw new ArgumentException($"told {values.Count} values for {_samples.Length} points", nameof(values));
        int n = Dimension;
        var order = Enumerable.Range(0, _lambda).OrderBy(k => double.IsFinite(values[k]) ? values[k] : double.PositiveInfinity).ThenBy(k => k).ToArray();
        for (int k = 0; k < _lambda; k++)
        {
            double f = double.IsFinite(values[k]) ? values[k] : double.PositiveInfinity;
            if (Best is null || f < Best.Value.Value) Best = (_samples[k].Select(v => Math.Clamp(v, 0, 1)).ToArray(), f);
        }
        var old = _mean;
        _mean = Vector<double>.Build.Dense(n);
        for (int i = 0; i < _mu; i++) _mean += _weights[i] * Vector<double>.Build.DenseOfArray(_samples[order[i]]);
        var step = (_mean - old) / _sigma;
        // C^(-1/2) = B D^-1 B^T
        var invSqrt = _b * Matrix<double>.Build.DenseDiagonal(n, n, j => 1 / _d[j, j]) * _b.Transpose();
        _ps = (1 - _cs) * _ps + Math.Sqrt(_cs * (2 - _cs) * _muEff) * (invSqrt * step);
        _generation++;
        bool hsig = _ps.L2Norm() / Math.Sqrt(1 - Math.Pow(1 - _cs, 2 * _generation)) / _chiN < 1.4 + 2.0 / (n + 1);
        _pc = (1 - _cc) * _pc + (hsig ? Math.Sqrt(_cc * (2 - _cc) * _muEff) : 0) * step;
        var rankMu = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < _mu; i++)
        {
            var y = (Vector<double>.Build.DenseOfArray(_samples[order[i]]) - old) / _sigma;
            rankMu += _weights[i] * y.OuterProduct(y);
        }
        _c = (1 - _c1 - _cmu) * _c + _c1 * (_pc.OuterProduct(_pc) + (hsig ? 0 : _cc * (2 - _cc)) * _c) + _cmu * rankMu;
        _sigma *= Math.Exp(_cs / _damps * (_ps.L2Norm() / _chiN - 1));
        _c = (_c + _c.Transpose()) / 2;
        var evd = _c.Evd(Symmetricity.Symmetric);
        _b = evd.EigenVectors;
        _d = Matrix<double>.Build.DenseDiagonal(n, n, j => Math.Sqrt(Math.Max(evd.EigenValues[j].Real, 1e-300)));
    }
}
