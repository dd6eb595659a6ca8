namespace NeuroEngine.Simulation;

/// <summary>Integration scheme of the batched LIF model.</summary>
public enum LifScheme
{
    /// <summary>The seed project's explicit Euler, exactly (default): input noise is white per step
    /// with sd I_std, not scaled by sqrt(dt), so the model changes with dt.</summary>
    EulerReference = 0,

    /// <summary>Exact exponential integration of tau_m dV = (-(V-E_L) + I_mean/g_L) dt + (I_std/g_L) sqrt(tau_m) dW
    /// (Brunel 2000 convention): an Ornstein-Uhlenbeck process whose stationary sd is (I_std/g_L)/sqrt(2),
    /// independent of dt.</summary>
    Exact = 1,
}
