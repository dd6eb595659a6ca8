namespace NeuroEngine.Simulation.Network;

/// <summary>Floating-point type of the network state (V, synaptic variables, ring buffers).</summary>
public enum NetworkPrecision
{
    /// <summary>double: the exact propagators match their closed forms to about 1e-12; the default.</summary>
    Float64 = 0,
    /// <summary>float: twice the SIMD width and half the state memory; single steps are accurate to
    /// about 1e-7 relative, so trajectories drift from float64 ones and spikes differ individually
    /// while the statistics agree within sampling error. Still bit-reproducible for any thread
    /// count, chunking and SIMD level. Population sums are accumulated in double.</summary>
    Float32 = 1,
}
