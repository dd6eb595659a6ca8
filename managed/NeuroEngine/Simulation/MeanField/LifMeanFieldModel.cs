namespace NeuroEngine.Simulation.MeanField;

/// <summary>Populations of LIF neurons in the diffusion approximation (Amit and Brunel 1997;
/// Brunel 2000), as VectorialNeuroModulators' LIFMeanField: for population i (rows = postsynaptic)
/// mu_i = tau_m,i (sum_j C_ij J_ij nu_j + j_ext,i c_ext,i nu_ext,i),
/// sigma_i^2 = tau_m,i (sum_j C_ij J_ij^2 nu_j + j_ext,i^2 c_ext,i nu_ext,i), rates nu_i = Phi_i(mu_i, sigma_i).
/// Rates in Hz, times in ms, J in mV (the threshold's units). tau_m scales ROWS (the textbook form; the
/// reference scales columns, which differs only for heterogeneous tau_m: <see cref="ReferenceColumnScaling"/>).</summary>
public sealed record LifMeanFieldModel
{
    public required double[,] C { get; init; }
    public required double[,] J { get; init; }
    public required double[] JExt { get; init; }
    public required double[] CExt { get; init; }
    public required double[] NuExtHz { get; init; }
    public required double[] TauMMs { get; init; }
    public required double[] TauSMs { get; init; }
    public required double[] Threshold { get; init; }
    public required double[] Reset { get; init; }
    public required double[] TauRefMs { get; init; }
    /// <summary>Scale C∘J by tau_m of the presynaptic column, as the reference's numpy broadcasting does.</summary>
    public bool ReferenceColumnScaling { get; init; }

    /// <summary>Number of populations P.</summary>
    public int P => JExt.Length;

    /// <summary>Throws ArgumentException naming the field for inconsistent or invalid values.</summary>
    public void Validate()
    {
        int p = JExt.Length;
        if (p < 1) throw new ArgumentException("j_ext must list at least one population", "j_ext");
        void Square(double[,] m, string name)
        {
            if (m.GetLength(0) != p || m.GetLength(1) != p)
                throw new ArgumentException($"{name} must be {p} x {p} (one row and column per population), got {m.GetLength(0)} x {m.GetLength(1)}", name);
            foreach (double x in m) if (!double.IsFinite(x)) throw new ArgumentException($"{name} must be finite, got {x}", name);
        }
        void Vector(double[] v, string name, double min, bool strict)
        {
            if (v.Length != p) throw new ArgumentException($"{name} must have {p} entries (one per population), got {v.Length}", name);
            foreach (double x in v)
                if (!double.IsFinite(x) || (strict ? x <= min : x < min))
                    throw new ArgumentException($"{name} must be finite and {(strict ? ">" : ">=")} {min}, got {x}", name);
        }
        Square(C, "c_matrix");
        Square(J, "j_matrix");
        foreach (double c in C) if (c < 0) throw new ArgumentException($"c_matrix holds synapse counts, which must be >= 0, got {c}", "c_matrix");
        Vector(JExt, "j_ext", double.NegativeInfinity, false);
        Vector(CExt, "c_ext", 0, false);
        Vector(NuExtHz, "nu_ext", 0, false);
        Vector(TauMMs, "tau_membrane_ms", 0, true);
        Vector(TauSMs, "tau_synaptic_ms", 0, false);
        Vector(Threshold, "threshold", double.NegativeInfinity, false);
        Vector(Reset, "reset_voltage", double.NegativeInfinity, false);
        Vector(TauRefMs, "tau_refractory_ms", 0, false);
        for (int i = 0; i < p; i++)
            if (!(Reset[i] < Threshold[i]))
                throw new ArgumentException($"reset_voltage ({Reset[i]}) must be below threshold ({Threshold[i]}) for population {i}", "reset_voltage");
    }

    /// <summary>Mean input mu_i (mV) at rates nu (Hz).</summary>
    public double[] Mu(ReadOnlySpan<double> nuHz) => Moments(nuHz, squared: false);

    /// <summary>Input standard deviation sigma_i (mV) at rates nu (Hz), at least 1e-6.</summary>
    public double[] Sigma(ReadOnlySpan<double> nuHz)
    {
        var variance = Moments(nuHz, squared: true);
        for (int i = 0; i < variance.Length; i++) variance[i] = Math.Sqrt(Math.Max(variance[i], 1e-12));
        return variance;
    }

    /// <summary>Phi(mu(nu), sigma(nu)) per population (Hz).</summary>
    public double[] Transfer(ReadOnlySpan<double> nuHz)
    {
        var mu = Mu(nuHz);
        var sigma = Sigma(nuHz);
        var rate = new double[P];
        for (int i = 0; i < P; i++)
            rate[i] = LifTransferFunction.RateHz(mu[i], sigma[i], TauMMs[i], TauSMs[i], TauRefMs[i], Threshold[i], Reset[i]);
        return rate;
    }

    /// <summary>F(nu) = nu - Phi(nu); zero at a fixed point.</summary>
    public double[] Residual(ReadOnlySpan<double> nuHz)
    {
        var phi = Transfer(nuHz);
        for (int i = 0; i < P; i++) phi[i] = nuHz[i] - phi[i];
        return phi;
    }

    private double[] Moments(ReadOnlySpan<double> nuHz, bool squared)
    {
        if (nuHz.Length != P) throw new ArgumentException($"rates must have {P} entries, got {nuHz.Length}", nameof(nuHz));
        var result = new double[P];
        for (int i = 0; i < P; i++)
        {
            double tauRow = TauMMs[i] / 1000.0;
            double sum = 0;
            for (int j = 0; j < P; j++)
            {
                double tau = ReferenceColumnScaling ? TauMMs[j] / 1000.0 : tauRow;
                double w = squared ? J[i, j] * J[i, j] : J[i, j];
                sum += tau * C[i, j] * w * nuHz[j];
            }
            double jExt = squared ? JExt[i] * JExt[i] : JExt[i];
            result[i] = sum + tauRow * jExt * CExt[i] * NuExtHz[i];
        }
        return result;
    }
}
