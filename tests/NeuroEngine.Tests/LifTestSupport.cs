using NeuroEngine.Simulation;

namespace NeuroEngine.Tests;

/// <summary>Independent re-implementations and statistics used by the LIF tests
/// (nothing here calls the engine).</summary>
internal static class LifTestSupport
{
    /// <summary>Straight C# transliteration of the BayesFlow LIF project's loop (docs/lif-neurons.md) for
    /// noiseless input (I[k] = I_mean): returns the trace (reset applied) and spike sample indices.</summary>
    public static (double[] Trace, List<int> Spikes) SeedLoopNoiseless(LifParameters p, LifSettings s)
    {
        long lt = (long)Math.Ceiling(s.TMs / s.DtMs);
        int nRef = (int)Math.Ceiling(s.TrefMs / s.DtMs);
        var v = new double[lt];
        var spikes = new List<int>();
        v[0] = p.VInit;
        int counter = 0;
        for (int k = 0; k < lt - 1; k++)
        {
            if (counter > 0) { v[k] = p.VReset; counter -= 1; }
            else if (v[k] >= p.VTh) { spikes.Add(k); v[k] = p.VReset; counter = nRef; }
            double i = s.IMean;
            double dv = (-(v[k] - p.EL) + i / p.GL) * (s.DtMs / p.TauM);
            double next = v[k] + dv;
            v[k + 1] = Math.Min(Math.Max(next, s.VClipLo), s.VClipHi);
        }
        return (v, spikes);
    }

    /// <summary>Spike samples predicted by a constant first-spike sample and a constant interspike interval,
    /// keeping only samples 0 .. Lt-2 (the last sample is never tested).</summary>
    public static List<int> PeriodicSpikes(int first, int isi, long samples)
    {
        var list = new List<int>();
        for (long s = first; s <= samples - 2; s += isi) list.Add((int)s);
        return list;
    }

    public static (double Mean, double Var) MeanVar(IReadOnlyList<double> x)
    {
        double m = 0;
        for (int i = 0; i < x.Count; i++) m += x[i];
        m /= x.Count;
        double ss = 0;
        for (int i = 0; i < x.Count; i++) ss += (x[i] - m) * (x[i] - m);
        return (m, ss / (x.Count - 1));
    }

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var (mx, vx) = MeanVar(x);
        var (my, vy) = MeanVar(y);
        double c = 0;
        for (int i = 0; i < x.Count; i++) c += (x[i] - mx) * (y[i] - my);
        c /= x.Count - 1;
        return c / Math.Sqrt(vx * vy);
    }

    /// <summary>Column <paramref name="col"/> of the recorded voltage, as doubles.</summary>
    public static double[] Column(LifBatchResult r, long col)
    {
        var x = new double[r.Count];
        for (int i = 0; i < r.Count; i++) x[i] = r.Voltage![i * r.VoltageSamples + col];
        return x;
    }

    /// <summary>Synchronous progress sink (Progress&lt;T&gt; posts asynchronously).</summary>
    public sealed class ProgressLog : IProgress<double>
    {
        public List<double> Values { get; } = [];
        public void Report(double value) { lock (Values) Values.Add(value); }
    }
}
