namespace NeuroEngine.Simulation.Mass;

/// <summary>How the connectome input of a node is formed from what the other nodes send (y): additive
/// <c>K sum_j C_ij y_j(t - d_ij)</c>, or diffusive <c>K sum_j C_ij (y_j(t - d_ij) - y_i(t))</c>.</summary>
public enum MassCouplingMode
{
    /// <summary><c>K sum_j C_ij y_j(t - d_ij)</c> (as Wilson-Cowan's).</summary>
    Additive = 0,
    /// <summary><c>K sum_j C_ij (y_j(t - d_ij) - y_i(t))</c> (as FitzHugh-Nagumo's and Hopf's).</summary>
    Diffusive = 1,
}

/// <summary>A user-defined neural mass model as the native engine runs it: three lane functions (native code, e.g.
/// compiled from a model file, or managed callbacks) and where they find their parameters. The engine keeps what every
/// model shares (delayed coupling, OU noise, sampling, batches, threads), exactly as for the built-in models
/// (docs/neural-mass.md, "User-defined models"). The function pointers must stay valid while the kernel object is
/// alive; <see cref="NeuralMassNetwork.Run(IUserMassKernel, IReadOnlyList{double[]}, double[,], int[,], double[][], double, double, double, ulong, int, IProgress{double}, CancellationToken)"/>
/// keeps it alive for the run.</summary>
/// <remarks>The C signatures (native/include/neuroengine.h, <c>ne_mass_user_model</c>); every pointer array holds one
/// pointer per variable, each to <c>count</c> consecutive lanes (nodes of one set, or sets of one node):
/// <code>
/// void step(void *context, int32_t count, double dt, const double *const *params, double *const *state,
///           const double *const *coupling, const double *const *noise);   /* x(t) -> x(t + dt) in place */
/// void send(void *context, int32_t count, const double *const *params, const double *const *state, double *const *values);
/// void observe(void *context, int32_t count, const double *const *params, const double *const *state, double *const *values);
/// </code>
/// A lane's result must depend on that lane alone (no sums over lanes), so where it falls in a call never matters; the
/// engine's threads call the functions at the same time on disjoint lanes.</remarks>
public interface IUserMassKernel
{
    /// <summary>The model: <see cref="MassModelDescriptor.StateVariables"/> (the initial state's order; a non-finite
    /// state names its variable) and <see cref="MassModelDescriptor.Outputs"/> (what a run records).</summary>
    MassModelDescriptor Descriptor { get; }

    /// <summary>Slots used in each native parameter row (1 to 64).</summary>
    int ParameterCount { get; }

    /// <summary>One entry per value a node sends (each with its own delayed sum and coupling input).</summary>
    IReadOnlyList<MassCouplingMode> Couplings { get; }

    /// <summary>Slot of the global coupling strength K, or -1 (K = 1).</summary>
    int StrengthSlot { get; }

    /// <summary>Per OU input (at most 4), the slot of its mean.</summary>
    IReadOnlyList<int> NoiseMeanSlots { get; }

    /// <summary>Slot of the OU time constant (ms), or -1 without OU inputs.</summary>
    int TauOuSlot { get; }

    /// <summary>Slot of the OU noise strength, or -1 without OU inputs.</summary>
    int SigmaOuSlot { get; }

    /// <summary>The step function (C calling convention).</summary>
    nint Step { get; }

    /// <summary>The send function: the <see cref="Couplings"/> values of a state.</summary>
    nint Send { get; }

    /// <summary>The observe function: the <see cref="MassModelDescriptor.Outputs"/> values of a state.</summary>
    nint Observe { get; }

    /// <summary>Passed as the functions' first argument.</summary>
    nint Context { get; }
}
