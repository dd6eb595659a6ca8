using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Models;

/// <summary>A neuron model compiled to native code and loaded: the network engine calls its update function for
/// the populations that use it (<see cref="PopulationModel"/>). Loaded libraries stay loaded for the process (a
/// network may still run their code); loading the same model again reuses them.</summary>
public sealed unsafe class NeuronModel
{
    private static readonly ConcurrentDictionary<string, nint> Libraries = new(StringComparer.Ordinal);
    private readonly delegate* unmanaged<double*, void> _derive;

    /// <summary>The checked model file.</summary>
    public NeuronModelDefinition Definition { get; }
    /// <summary>The generated C source.</summary>
    public string Source { get; }
    /// <summary>The compiled library (in the model cache).</summary>
    public string LibraryPath { get; }
    /// <summary>The address of <c>ne_neuron_update</c>.</summary>
    internal nint UpdateFunction { get; }

    private NeuronModel(NeuronModelDefinition definition, string source, string library)
    {
        Definition = definition;
        Source = source;
        LibraryPath = library;
        nint handle = Libraries.GetOrAdd(library, path => NativeLibrary.Load(path));
        UpdateFunction = NativeLibrary.GetExport(handle, NeuronCodeGenerator.UpdateSymbol);
        _derive = (delegate* unmanaged<double*, void>)NativeLibrary.GetExport(handle, NeuronCodeGenerator.DeriveSymbol);
    }

    /// <summary>Reads, checks, compiles (or takes from the cache) and loads a model file.</summary>
    /// <exception cref="ModelException">The file is invalid, or no C compiler could build it.</exception>
    public static NeuronModel Load(string path) => Compile(NeuronModelFile.Load(path));

    /// <summary>Compiles (or takes from the cache) and loads a checked model, with the model compiler driver shared
    /// with the neural-mass models (<see cref="ModelCompiler"/>: $CC or the system compiler, on-disk cache).</summary>
    public static NeuronModel Compile(NeuronModelDefinition definition, ModelCompilerOptions? options = null)
    {
        if (definition.SlotCount > 64)
            throw new ModelException($"{definition.File}: the model has {definition.SlotCount - 1} parameters and derived parameters; at most 63 are supported");
        string source = NeuronCodeGenerator.Generate(definition);
        var compiler = new ModelCompiler(options);
        // neuron models have no managed fallback: say so rather than point at one
        if (compiler.FindCompiler(out string searched) is null)
            throw new ModelException($"{definition.File}: no C compiler found to compile the neuron model {definition.Name} (looked at: {searched}); neuron models run as compiled code only: set CC or install gcc or clang");
        return new NeuronModel(definition, source, compiler.Compile(source, definition.File).Library);
    }

    /// <summary>The model's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The native parameter slots of one population: the defaults with <paramref name="overrides"/> applied,
    /// the derived parameters computed from them (by the compiled code, with the C library's exp and expm1), and
    /// <paramref name="dtMs"/>.</summary>
    /// <exception cref="ArgumentException">An unknown or derived parameter overridden, a non-finite value, or a
    /// derived parameter that comes out non-finite; the message names the parameter, its value and
    /// <paramref name="where"/>.</exception>
    public double[] Parameters(IReadOnlyDictionary<string, double>? overrides, double dtMs, string where = "neuron")
    {
        var m = Definition;
        var slots = new double[m.SlotCount];
        for (int i = 0; i < m.Parameters.Count; i++) slots[i] = m.Parameters[i].Default;
        foreach (var (name, value) in overrides ?? new Dictionary<string, double>())
        {
            int slot = m.SlotOf(name);
            if (slot < 0 || slot >= m.Parameters.Count)
                throw new ArgumentException(slot >= 0
                    ? $"{where}.{name}: '{name}' is a derived parameter of neuron model {m.Name}; set the parameters it is computed from"
                    : $"{where}.{name}: neuron model {m.Name} has no parameter '{name}' (parameters: {string.Join(", ", m.Parameters.Select(p => p.Name))})", where);
            if (!double.IsFinite(value)) throw new ArgumentException($"{where}.{name} must be finite, got {Num(value)}", where);
            slots[slot] = value;
        }
        slots[m.DtSlot] = dtMs;
        fixed (double* p = slots) _derive(p);
        for (int d = 0; d < m.Derived.Count; d++)
        {
            double value = slots[m.Parameters.Count + d];
            if (!double.IsFinite(value))
                throw new ArgumentException($"{where}: derived parameter {m.Derived[d].Name} of neuron model {m.Name} ({m.Derived[d].Position}) is {Num(value)} with these parameters", where);
        }
        return slots;
    }

    /// <summary>The refractory period (ms) of a population with these parameter slots.</summary>
    public double RefractoryMs(double[] slots) =>
        Definition.RefractoryParameter is { } p ? slots[Definition.SlotOf(p)] : Definition.RefractoryMs ?? 0;

    /// <summary>The initial distribution of each state variable, with <paramref name="overrides"/> applied.</summary>
    /// <exception cref="ArgumentException">An unknown state variable or an invalid distribution.</exception>
    public InitialValue[] Initial(IReadOnlyDictionary<string, InitialValue>? overrides, string where = "neuron")
    {
        var init = Definition.State.Select(s => s.Init).ToArray();
        foreach (var (name, value) in overrides ?? new Dictionary<string, InitialValue>())
        {
            int j = Definition.State.ToList().FindIndex(s => s.Name == name);
            if (j < 0)
                throw new ArgumentException($"{where}.init.{name}: neuron model {Name} has no state variable '{name}' (state: {string.Join(", ", Definition.State.Select(s => s.Name))})", where);
            init[j] = value;
        }
        for (int j = 0; j < init.Length; j++) init[j].Validate($"{where}.init.{Definition.State[j].Name}");
        return init;
    }

    private static string Num(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
