namespace NeuroEngine.Simulation;

/// <summary>Settings shared by every neuron of a batch (the BayesFlow LIF project's SimConfig; docs/lif-neurons.md).
/// Time in ms, voltage in mV, currents in the model's pA-like units.</summary>
public sealed record LifSettings
{
    /// <summary>Duration T (ms). Samples: ceil(T/dt), the seed's arange(0, T, dt).</summary>
    public double TMs { get; init; } = 200.0;
    /// <summary>Time step (ms).</summary>
    public double DtMs { get; init; } = 0.2;
    /// <summary>Absolute refractory period (ms); the neuron is held for ceil(tref/dt) samples.</summary>
    public double TrefMs { get; init; } = 2.0;
    /// <summary>Mean injected current.</summary>
    public double IMean { get; init; } = 200.0;
    /// <summary>Sd of the injected current noise (per step for <see cref="LifScheme.EulerReference"/>).</summary>
    public double IStd { get; init; } = 50.0;
    /// <summary>Sd (mV) of Gaussian noise added to the recorded voltage only.</summary>
    public double ObsNoiseStd { get; init; } = 1.0;
    /// <summary>Lower clamp after each update (mV).</summary>
    public double VClipLo { get; init; } = -100.0;
    /// <summary>Upper clamp after each update (mV).</summary>
    public double VClipHi { get; init; } = 100.0;
    /// <summary>Integration scheme.</summary>
    public LifScheme Scheme { get; init; } = LifScheme.EulerReference;

    /// <summary>Number of samples Lt = ceil(T/dt) computed in double, as numpy's arange does.</summary>
    public long Samples => (long)Math.Ceiling(TMs / DtMs);

    /// <summary>Samples a neuron is held after a spike: ceil(tref/dt).</summary>
    public int RefractorySteps => (int)Math.Ceiling(TrefMs / DtMs);

    /// <summary>Throws ArgumentException naming the setting and value.</summary>
    public void Validate()
    {
        static void Finite(double x, string name) { if (!double.IsFinite(x)) throw new ArgumentException($"{name} must be finite, got {x}", name); }
        Finite(DtMs, nameof(DtMs));
        if (!(DtMs > 0)) throw new ArgumentException($"DtMs must be > 0, got {DtMs}", nameof(DtMs));
        Finite(TMs, nameof(TMs));
        if (!(TMs >= DtMs)) throw new ArgumentException($"TMs ({TMs}) must be >= DtMs ({DtMs})", nameof(TMs));
        Finite(TrefMs, nameof(TrefMs));
        if (TrefMs < 0) throw new ArgumentException($"TrefMs must be >= 0, got {TrefMs}", nameof(TrefMs));
        Finite(IMean, nameof(IMean));
        Finite(IStd, nameof(IStd));
        if (IStd < 0) throw new ArgumentException($"IStd must be >= 0, got {IStd}", nameof(IStd));
        Finite(ObsNoiseStd, nameof(ObsNoiseStd));
        if (ObsNoiseStd < 0) throw new ArgumentException($"ObsNoiseStd must be >= 0, got {ObsNoiseStd}", nameof(ObsNoiseStd));
        Finite(VClipLo, nameof(VClipLo));
        Finite(VClipHi, nameof(VClipHi));
        if (!(VClipLo < VClipHi)) throw new ArgumentException($"VClipLo ({VClipLo}) must be < VClipHi ({VClipHi})", nameof(VClipLo));
        if (TMs / DtMs > int.MaxValue) throw new ArgumentException($"TMs/DtMs = {TMs / DtMs} samples is too many (max {int.MaxValue})", nameof(TMs));
        if (!Enum.IsDefined(Scheme)) throw new ArgumentException($"Scheme {(int)Scheme} is not a known scheme", nameof(Scheme));
    }
}
