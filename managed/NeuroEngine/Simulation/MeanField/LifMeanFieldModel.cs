namespace NeuroEngine.Simulation.MeanField;

/// <summary>P populations of LIF neurons in the diffusion approximation (Amit and Brunel 1997;
/// Brunel 2000), as VectorialNeuroModulators' LIFMeanField. Row i = postsynaptic population,
/// column j = presynaptic. With tau_m in seconds and rates nu in Hz:
/// <code>
/// mu_i      = tau_m,i ( sum_j C_ij J_ij   nu_j + j_ext,i   c_ext,i nu_ext,i )
/// sigma_i^2 = tau_m,i ( sum_j C_ij J_ij^2 nu_j + j_ext,i^2 c_ext,i nu_ext,i )   (no factor 1/2)
/// nu_i      = Phi_i(mu_i, sigma_i)     (<see cref="LifTransferFunction"/>)
/// </code>
/// sigma is sqrt(max(sigma^2, 1e-12)), as the reference. Efficacies J (and j_ext) are in the units of
/// the threshold (mV): the voltage integral of one input (the PSC jumps by J / tau_s).
/// tau_m scales ROWS (the textbook form); the reference's numpy broadcasting scales COLUMNS, which
/// differs only when tau_m differs between populations: <see cref="ReferenceColumnScaling"/> reproduces it.
/// Set every property, then <see cref="Validate"/> (the solver and <see cref="FixedPointStability"/> do).</summary>
public sealed record LifMeanFieldModel
{
    /// <summary>C: P x P expected synapse counts (inputs per neuron of row i from population j), &gt;= 0.
    /// Used as given (the reference truncates to unsigned 16-bit integers).</summary>
    public required double[,] C { get; init; }

    /// <summary>J: P x P efficacies (mV, the units of the threshold), rows = postsynaptic; negative = inhibitory.</summary>
    public required double[,] J { get; init; }

    /// <summary>Efficacy of the external inputs of each population (mV).</summary>
    public required double[] JExt { get; init; }

    /// <summary>Number of external inputs per neuron of each population, &gt;= 0.</summary>
    public required double[] CExt { get; init; }

    /// <summary>Rate of each external input (Hz), &gt;= 0.</summary>
    public required double[] NuExtHz { get; init; }

    /// <summary>Membrane time constant tau_m (ms), &gt; 0.</summary>
    public required double[] TauMMs { get; init; }

    /// <summary>Synaptic time constant tau_s (ms), &gt;= 0; 0 = delta synapses (no colored-noise shift).</summary>
    public required double[] TauSMs { get; init; }

    /// <summary>Firing threshold theta (mV).</summary>
    public required double[] Threshold { get; init; }

    /// <summary>Reset potential V_r (mV), below the threshold.</summary>
    public required double[] Reset { get; init; }

    /// <summary>Absolute refractory period (ms), &gt;= 0.</summary>
    public required double[] TauRefMs { get; init; }

    /// <summary>Scale C∘J and C∘J² by tau_m of the presynaptic COLUMN, as the reference's numpy
    /// broadcasting does (a CAVEAT of the reference; identical to the default row scaling when tau_m
    /// is uniform). Default false: tau_m of the postsynaptic row.</summary>
    public bool ReferenceColumnScaling { get; init; }

    /// <summary>Number of populations P (the length of <see cref="JExt"/>).</summary>
    public int P => JExt.Length;

    /// <summary>Checks shapes and values; throws <see cref="ArgumentException"/> whose ParamName is the
    /// config key (c_matrix, j_matrix, j_ext, c_ext, nu_ext, tau_membrane_ms, tau_synaptic_ms,
    /// threshold, reset_voltage, tau_refractory_ms) and whose message gives the population and the bad value.</summary>
    public void Validate()
    {
        if (JExt is null || JExt.Length < 1) throw new ArgumentException("j_ext must list at least one population", "j_ext");
        int p = JExt.Length;
        void Square(double[,] m, string name)
        {
            if (m is null) throw new ArgumentException($"{name} is missing", name);
            if (m.GetLength(0) != p || m.GetLength(1) != p)
                throw new ArgumentException($"{name} must be {p} x {p} (one row and column per population, as j_ext), got {m.GetLength(0)} x {m.GetLength(1)}", name);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    if (!double.IsFinite(m[i, j])) throw new ArgumentException($"{name}[{i}][{j}] must be finite, got {m[i, j]}", name);
        }
        void Vector(double[] v, string name, double min, bool strict, string what)
        {
            if (v is null) throw new ArgumentException($"{name} is missing", name);
            if (v.Length != p) throw new ArgumentException($"{name} must have {p} entries (one per population, as j_ext), got {v.Length}", name);
            for (int i = 0; i < p; i++)
                if (!double.IsFinite(v[i]) || (strict ? v[i] <= min : v[i] < min))
                    throw new ArgumentException($"{name}[{i}] must be finite{what}, got {v[i]}", name);
        }
        Square(C, "c_matrix");
        Square(J, "j_matrix");
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                if (C[i, j] < 0) throw new ArgumentException($"c_matrix[{i}][{j}] is a synapse count and must be >= 0, got {C[i, j]}", "c_matrix");
        Vector(JExt, "j_ext", double.NegativeInfinity, false, "");
        Vector(CExt, "c_ext", 0, false, " and >= 0 (a count of inputs)");
        Vector(NuExtHz, "nu_ext", 0, false, " and >= 0 Hz");
        Vector(TauMMs, "tau_membrane_ms", 0, true, " and > 0 ms");
        Vector(TauSMs, "tau_synaptic_ms", 0, false, " and >= 0 ms (0: delta synapses)");
        Vector(Threshold, "threshold", double.NegativeInfinity, false, "");
        Vector(Reset, "reset_voltage", double.NegativeInfinity, false, "");
        Vector(TauRefMs, "tau_refractory_ms", 0, false, " and >= 0 ms");
        for (int i = 0; i < p; i++)
            if (!(Threshold[i] > Reset[i]))
                throw new ArgumentException($"threshold[{i}] ({Threshold[i]}) must be above reset_voltage[{i}] ({Reset[i]})", "threshold");
    }

    /// <summary>Mean input mu_i (mV) at population rates <paramref name="nuHz"/> (Hz).</summary>
    public double[] Mu(ReadOnlySpan<double> nuHz) => Moments(nuHz, squared: false);

    /// <summary>Input standard deviation sigma_i = sqrt(max(sigma_i^2, 1e-12)) (mV) at rates <paramref name="nuHz"/> (Hz).</summary>
    public double[] Sigma(ReadOnlySpan<double> nuHz)
    {
        var variance = Moments(nuHz, squared: true);
        for (int i = 0; i < variance.Length; i++) variance[i] = Math.Sqrt(Math.Max(variance[i], 1e-12));
        return variance;
    }

    /// <summary>Phi_i(mu_i(nu), sigma_i(nu)) (Hz): the rates the populations settle to when their
    /// inputs fire at <paramref name="nuHz"/> (Hz).</summary>
    public double[] Transfer(ReadOnlySpan<double> nuHz)
    {
        var mu = Mu(nuHz);
        var sigma = Sigma(nuHz);
        var rate = new double[P];
        for (int i = 0; i < rate.Length; i++)
            rate[i] = LifTransferFunction.RateHz(mu[i], sigma[i], TauMMs[i], TauSMs[i], TauRefMs[i], Threshold[i], Reset[i]);
        return rate;
    }

    /// <summary>F(nu) = nu - Phi(nu) (Hz); zero at a fixed point.</summary>
    public double[] Residual(ReadOnlySpan<double> nuHz)
    {
        var phi = Transfer(nuHz);
        for (int i = 0; i < phi.Length; i++) phi[i] = nuHz[i] - phi[i];
        return phi;
    }

    private double[] Moments(ReadOnlySpan<double> nuHz, bool squared)
    {
        int p = P;
        if (nuHz.Length != p) throw new ArgumentException($"rates must have {p} entries (one per population), got {nuHz.Length}", nameof(nuHz));
        for (int j = 0; j < p; j++)
            if (!double.IsFinite(nuHz[j])) throw new ArgumentException($"rate {j} must be finite, got {nuHz[j]}", nameof(nuHz));
        var result = new double[p];
        for (int i = 0; i < p; i++)
        {
            double tauRowS = TauMMs[i] / 1000.0;
            double sum = 0;
            for (int j = 0; j < p; j++)
            {
                double w = squared ? J[i, j] * J[i, j] : J[i, j];
                double term = C[i, j] * w * nuHz[j];
                sum += ReferenceColumnScaling ? TauMMs[j] / 1000.0 * term : term;
            }
            if (!ReferenceColumnScaling) sum *= tauRowS;
            double jExt = squared ? JExt[i] * JExt[i] : JExt[i];
            result[i] = sum + tauRowS * jExt * CExt[i] * NuExtHz[i];
        }
        return result;
    }
}
