namespace NeuroEngine.Signals;

/// <summary>The field-potential proxies of ncpi's FieldPotential.compute_proxy (docs/field-potential.md; Mazzoni et
/// al. 2015, Martinez-Canada et al. 2021): signals computed from the synaptic currents, membrane
/// potentials or rates of simulated units.</summary>
public enum ProxyMethod
{
    /// <summary>Mean firing rate over units.</summary>
    FR,
    /// <summary>Sum of the AMPA currents.</summary>
    AMPA,
    /// <summary>Minus the sum of the GABA currents.</summary>
    GABA,
    /// <summary>Sum of the membrane potentials.</summary>
    Vm,
    /// <summary>Sum of AMPA + GABA currents.</summary>
    I,
    /// <summary>Sum of |AMPA| + |GABA|.</summary>
    I_abs,
    /// <summary>Reference weighted sum: AMPA delayed 6 ms minus 1.65 GABA.</summary>
    LRWS,
    /// <summary>AMPA advanced 0.9 ms minus 0.3 GABA delayed 2.3 ms.</summary>
    ERWS1,
    /// <summary>Delays and weight depending on the external rate nu_ext.</summary>
    ERWS2,
}

/// <summary>How ERWS2's delays are read: ncpi uses c0 nu^-c1 + c2, truncated, directly as sample counts
/// (its behaviour and the default); the published definition gives them in ms.</summary>
public enum Erws2Delays
{
    /// <summary>ncpi 1.0.0b2: trunc(delay) samples, whatever the sampling step.</summary>
    Samples,
    /// <summary>Martinez-Canada et al. 2021: the delay in ms, trunc(delay / dt) samples.</summary>
    Milliseconds,
}

/// <summary>Inputs of a proxy, [unit][time] each (units are neurons or populations; ncpi sums over them).
/// Only the arrays a method needs must be given.</summary>
public sealed record ProxyInputs(double[][]? Ampa = null, double[][]? Gaba = null, double[][]? Vm = null, double[][]? Fr = null)
{
    /// <summary>Divisor of the FR mean: the number of units (default: the FR rows); a network run's
    /// population sums divide by the number of neurons instead.</summary>
    public int? FrUnits { get; init; }
}

/// <summary>ncpi's proxies with its quirks by default (docs/field-potential.md): delays d = trunc(ms / dt) as Python's
/// int() truncates (int(2.3 / 0.1) = 22), shifts zero-padded, ERWS2's delays as sample counts.</summary>
public static class FieldPotential
{
    private static readonly double[] Erws2Coefficients = [-0.6, 0.1, -0.4, -1.9, 0.6, 3.0, 1.4, 1.7, 0.2];

    /// <summary>Computes a proxy over the units of <paramref name="inputs"/>.</summary>
    /// <param name="method">The proxy.</param>
    /// <param name="inputs">Per-unit series, all of one length.</param>
    /// <param name="dtMs">Sampling step of the series (ms); needed by LRWS, ERWS1 and ERWS2 (ms delays).</param>
    /// <param name="nuExt">External rate (Hz), needed by ERWS2.</param>
    /// <param name="erws2Delays">How ERWS2's delays are read.</param>
    public static double[] Compute(ProxyMethod method, ProxyInputs inputs, double dtMs = double.NaN, double? nuExt = null,
        Erws2Delays erws2Delays = Erws2Delays.Samples)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        double[][] Need(double[][]? x, string name) =>
            x is { Length: > 0 } ? x : throw new ArgumentException($"proxy {method} needs the {name} series", nameof(inputs));
        int length = new[] { inputs.Ampa, inputs.Gaba, inputs.Vm, inputs.Fr }.Where(a => a is { Length: > 0 }).Select(a => a![0].Length).FirstOrDefault(-1);
        if (length < 1) throw new ArgumentException("give at least one series of at least one sample", nameof(inputs));
        foreach (var (series, name) in new[] { (inputs.Ampa, "AMPA"), (inputs.Gaba, "GABA"), (inputs.Vm, "Vm"), (inputs.Fr, "FR") })
            if (series is not null)
                for (int u = 0; u < series.Length; u++)
                {
                    if (series[u].Length != length)
                        throw new ArgumentException($"{name} series {u} has {series[u].Length} samples, the others {length}", nameof(inputs));
                    int bad = Array.FindIndex(series[u], v => !double.IsFinite(v));
                    if (bad >= 0) throw new ArgumentException($"{name} series {u} sample {bad} is {series[u][bad]}, must be finite", nameof(inputs));
                }
        bool needsDt = method is ProxyMethod.LRWS or ProxyMethod.ERWS1 || (method == ProxyMethod.ERWS2 && erws2Delays == Erws2Delays.Milliseconds);
        if ((needsDt || method == ProxyMethod.ERWS2) && !(dtMs > 0 && double.IsFinite(dtMs)))
            throw new ArgumentException($"proxy {method} needs the sampling step dt (ms) > 0, got {dtMs}", nameof(dtMs));

        switch (method)
        {
            case ProxyMethod.FR:
            {
                var fr = Need(inputs.Fr, "FR");
                int units = inputs.FrUnits ?? fr.Length;
                if (units < 1) throw new ArgumentException($"FrUnits must be >= 1, got {units}", nameof(inputs));
                return Scale(Sum(fr), 1.0 / units);
            }
            case ProxyMethod.AMPA: return Sum(Need(inputs.Ampa, "AMPA"));
            case ProxyMethod.GABA: return Scale(Sum(Need(inputs.Gaba, "GABA")), -1);
            case ProxyMethod.Vm: return Sum(Need(inputs.Vm, "Vm"));
            case ProxyMethod.I: return Add(Sum(Need(inputs.Ampa, "AMPA")), Sum(Need(inputs.Gaba, "GABA")), 1);
            case ProxyMethod.I_abs:
                return Add(Sum(Need(inputs.Ampa, "AMPA"), absolute: true), Sum(Need(inputs.Gaba, "GABA"), absolute: true), 1);
            case ProxyMethod.LRWS:
                // GABA with its own sign here (not negated), as ncpi
                return Add(Shift(Sum(Need(inputs.Ampa, "AMPA")), Truncate(6.0 / dtMs)), Sum(Need(inputs.Gaba, "GABA")), -1.65);
            case ProxyMethod.ERWS1:
                return Add(Shift(Sum(Need(inputs.Ampa, "AMPA")), -Truncate(0.9 / dtMs)),
                    Shift(Sum(Need(inputs.Gaba, "GABA")), Truncate(2.3 / dtMs)), -0.3);
            default:
            {
                if (nuExt is not { } nu || !(nu > 0) || !double.IsFinite(nu))
                    throw new ArgumentException($"proxy ERWS2 needs the external rate nu_ext (Hz) > 0, got {nuExt}", nameof(nuExt));
                var (ka, kg, alpha) = Erws2Parameters(nu, dtMs, erws2Delays);
                return Add(Shift(Sum(Need(inputs.Ampa, "AMPA")), ka), Shift(Sum(Need(inputs.Gaba, "GABA")), kg), -alpha);
            }
        }
    }

    /// <summary>ERWS2's AMPA and GABA shifts (samples) and GABA weight for an external rate (Hz).</summary>
    public static (int AmpaShift, int GabaShift, double Alpha) Erws2Parameters(double nuExt, double dtMs, Erws2Delays delays = Erws2Delays.Samples)
    {
        var c = Erws2Coefficients;
        double ampa = c[0] * Math.Pow(nuExt, -c[1]) + c[2], gaba = c[3] * Math.Pow(nuExt, -c[4]) + c[5];
        double alpha = c[6] * Math.Pow(nuExt, -c[7]) + c[8];
        return delays == Erws2Delays.Samples
            ? (Truncate(ampa), Truncate(gaba), alpha)
            : (Truncate(ampa / dtMs), Truncate(gaba / dtMs), alpha);
    }

    /// <summary>Python's int() of a float: toward zero.</summary>
    public static int Truncate(double x) => checked((int)Math.Truncate(x));

    /// <summary>R_k: k &gt; 0 delays (x[t - k], zeros first), k &lt; 0 advances (x[t + |k|], zeros last).</summary>
    public static double[] Shift(double[] x, int k)
    {
        var y = new double[x.Length];
        if (k >= 0) { if (k < x.Length) Array.Copy(x, 0, y, k, x.Length - k); }
        else if (-k < x.Length) Array.Copy(x, -k, y, 0, x.Length + k);
        return y;
    }

    private static double[] Sum(double[][] units, bool absolute = false)
    {
        var s = new double[units[0].Length];
        foreach (var u in units)
            for (int t = 0; t < s.Length; t++) s[t] += absolute ? Math.Abs(u[t]) : u[t];
        return s;
    }

    private static double[] Scale(double[] x, double factor)
    {
        for (int t = 0; t < x.Length; t++) x[t] *= factor;
        return x;
    }

    // a + weight * b
    private static double[] Add(double[] a, double[] b, double weight)
    {
        for (int t = 0; t < a.Length; t++) a[t] += weight * b[t];
        return a;
    }
}
