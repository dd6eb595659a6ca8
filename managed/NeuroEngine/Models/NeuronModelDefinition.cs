using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Models;

/// <summary>How synaptic input enters its variable: <see cref="Current"/> adds the signed weights (Brian2's
/// <c>on_pre: v += w</c>, inhibitory weights negative); <see cref="Conductance"/> adds the magnitude of
/// inhibitory weights (<c>gi += |w|</c>), so conductances stay positive.</summary>
public enum NeuronInputKind
{
    /// <summary>Signed weights.</summary>
    Current,
    /// <summary>Magnitudes.</summary>
    Conductance,
}

/// <summary>A parameter of a neuron model: one value per population (and network of a batch).</summary>
public sealed record NeuronModelParameter(string Name, double Default, string Unit = "", string Description = "");

/// <summary>A parameter computed once per population on the host from the parameters, <c>dt</c> and the derived
/// parameters before it (GeNN's derived parameters): propagators such as <c>exp(-dt / tau_m)</c>.</summary>
public sealed record NeuronDerivedParameter(string Name, Expr Value, SourcePosition Position);

/// <summary>A state variable: initial distribution and unit. The first one is the membrane potential.</summary>
public sealed record NeuronStateVariable(string Name, InitialValue Init, string Unit = "");

/// <summary>How a state variable changes over one step: <see cref="Derivative"/> (<c>d x/dt = e</c>, explicit Euler,
/// Brian2's <c>method='euler'</c>) or <see cref="Update"/> (<c>x = e</c>: the value after the step from the values
/// before it, GeNN's sim code, for exact propagators).</summary>
public enum NeuronEquationKind
{
    /// <summary>x(t + dt) = x + dt * e.</summary>
    Derivative,
    /// <summary>x(t + dt) = e.</summary>
    Update,
}

/// <summary>The equation of one state variable.</summary>
/// <param name="Variable">Its state variable.</param>
/// <param name="Kind">Derivative or explicit update.</param>
/// <param name="Value">The right-hand side (of the state before the step).</param>
/// <param name="UnlessRefractory">Held while the neuron is refractory (Brian2's <c>(unless refractory)</c>); input
/// arriving on it then is discarded.</param>
public sealed record NeuronEquation(string Variable, NeuronEquationKind Kind, Expr Value, bool UnlessRefractory);

/// <summary>A checked neuron model file (docs/lif-network.md, "Your own neuron model"): Brian2's form of a spiking
/// neuron, which <see cref="NeuronCodeGenerator"/> turns into the network engine's update function.</summary>
public sealed record NeuronModelDefinition
{
    /// <summary>The model's name (config and report name).</summary>
    public required string Name { get; init; }
    /// <summary>A title for reports, or the name.</summary>
    public string Title { get; init; } = "";
    /// <summary>Where the model comes from.</summary>
    public string Citation { get; init; } = "";
    /// <summary>The file it was read from (for messages).</summary>
    public string File { get; init; } = "";
    /// <summary>Parameters in slot order.</summary>
    public required IReadOnlyList<NeuronModelParameter> Parameters { get; init; }
    /// <summary>Derived parameters, in order of computation (slots after the parameters).</summary>
    public IReadOnlyList<NeuronDerivedParameter> Derived { get; init; } = [];
    /// <summary>The file's own functions, in order.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; init; } = [];
    /// <summary>State variables; the first is the membrane potential.</summary>
    public required IReadOnlyList<NeuronStateVariable> State { get; init; }
    /// <summary>Named intermediate results, computed in order from the state before the step.</summary>
    public IReadOnlyList<(string Name, Expr Value)> Subexpressions { get; init; } = [];
    /// <summary>One equation per state variable that changes between spikes (others change only by input and reset).</summary>
    public required IReadOnlyList<NeuronEquation> Equations { get; init; }
    /// <summary>The spike condition, of the state after the step and its input.</summary>
    public required Expr Threshold { get; init; }
    /// <summary>Statements applied in order after a spike (<c>v = c</c>, <c>u += d</c>).</summary>
    public required IReadOnlyList<AssignmentStatement> Reset { get; init; }
    /// <summary>Refractory period: a number of ms or the name of a parameter; null for none.</summary>
    public double? RefractoryMs { get; init; }
    /// <summary>The parameter holding the refractory period, when it is one.</summary>
    public string? RefractoryParameter { get; init; }
    /// <summary>The variable excitatory input (weights &gt;= 0, drive included) is added to.</summary>
    public required string ExcitatoryTarget { get; init; }
    /// <summary>The variable inhibitory input (weights &lt; 0) is added to.</summary>
    public required string InhibitoryTarget { get; init; }
    /// <summary>Signed weights or magnitudes.</summary>
    public NeuronInputKind InputKind { get; init; } = NeuronInputKind.Current;
    /// <summary>The symbol table the expressions were checked against.</summary>
    public required SymbolTable Symbols { get; init; }

    /// <summary>True when excitatory and inhibitory input enter different variables, or inhibition enters as a
    /// magnitude: the network must keep the two apart (two input rings).</summary>
    public bool SeparatesInputs => ExcitatoryTarget != InhibitoryTarget || InputKind == NeuronInputKind.Conductance;

    /// <summary>Native parameter slots: parameters, derived parameters, then dt.</summary>
    public int SlotCount => Parameters.Count + Derived.Count + 1;

    /// <summary>The slot of <c>dt</c>.</summary>
    public int DtSlot => Parameters.Count + Derived.Count;

    /// <summary>The slot of a parameter or derived parameter, or -1.</summary>
    public int SlotOf(string name)
    {
        for (int i = 0; i < Parameters.Count; i++) if (Parameters[i].Name == name) return i;
        for (int i = 0; i < Derived.Count; i++) if (Derived[i].Name == name) return Parameters.Count + i;
        return name == "dt" ? DtSlot : -1;
    }
}
