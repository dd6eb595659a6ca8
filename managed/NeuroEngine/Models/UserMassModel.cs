using System.Runtime.InteropServices;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Models;

/// <summary>A user-defined neural mass model ready to run: read from its file, its lane functions compiled to native
/// code (cached on disk) or, without a C compiler, compiled by the .NET JIT (<see cref="MassManagedKernel"/>), given to
/// the engine as an <see cref="IUserMassKernel"/> (<see cref="NeuralMassNetwork"/>'s user-model Run). Dispose after
/// the runs that use it.</summary>
public sealed unsafe class UserMassModel : IUserMassKernel, IDisposable
{
    private static int _notedFallback;

    private readonly nint _library;
    private readonly MassManagedKernel? _managed;
    private bool _disposed;

    /// <summary>The model as configs, searches and docs see it.</summary>
    public MassModelDescriptor Descriptor => Definition.Descriptor;

    /// <summary>The parsed model file.</summary>
    public MassModelDefinition Definition { get; }

    /// <summary>The backend in use: <see cref="ModelBackend.Compiled"/> or <see cref="ModelBackend.Managed"/>.</summary>
    public ModelBackend Backend { get; }

    /// <summary>The compiled shared object, or null for the managed fallback.</summary>
    public string? LibraryPath { get; }

    /// <summary>The generated C source beside it, or null for the managed fallback.</summary>
    public string? SourcePath { get; }

    /// <summary>Whether the shared object came from the cache (no compile in this load).</summary>
    public bool FromCache { get; }

    /// <inheritdoc/>
    public int ParameterCount => Descriptor.Parameters.Count;

    /// <inheritdoc/>
    public IReadOnlyList<MassCouplingMode> Couplings { get; }

    /// <inheritdoc/>
    public int StrengthSlot => Definition.StrengthSlot;

    /// <inheritdoc/>
    public IReadOnlyList<int> NoiseMeanSlots { get; }

    /// <inheritdoc/>
    public int TauOuSlot => Definition.TauOuSlot;

    /// <inheritdoc/>
    public int SigmaOuSlot => Definition.SigmaOuSlot;

    /// <summary>ne_mass_user_step_fn of the model.</summary>
    public nint Step { get; }

    /// <summary>ne_mass_user_values_fn of what each node sends.</summary>
    public nint Send { get; }

    /// <summary>ne_mass_user_values_fn of the recorded outputs.</summary>
    public nint Observe { get; }

    /// <summary>The context the three functions take.</summary>
    public nint Context { get; }

    /// <summary>Reads the model file at <paramref name="path"/> and readies it with <paramref name="backend"/>.</summary>
    /// <param name="path">The model file (YAML).</param>
    /// <param name="backend">Auto: compiled when a C compiler works, else managed (one note to
    /// <paramref name="notes"/>, default stderr, per process).</param>
    /// <param name="compiler">Compiler and cache settings (null: from the environment).</param>
    /// <param name="notes">Where the fallback note goes.</param>
    /// <exception cref="ModelException">The file is invalid, or the compiled backend has no compiler or fails.</exception>
    public static UserMassModel Load(string path, ModelBackend backend = ModelBackend.Auto, ModelCompilerOptions? compiler = null, TextWriter? notes = null) =>
        new(MassModelFile.Load(path), backend, compiler, notes);

    /// <summary>Readies an already read model.</summary>
    public UserMassModel(MassModelDefinition definition, ModelBackend backend = ModelBackend.Auto, ModelCompilerOptions? compiler = null, TextWriter? notes = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Couplings = definition.Couplings.Select(c => c.Mode).ToArray();
        NoiseMeanSlots = definition.NoiseInputs.Select(q => q.MeanSlot).ToArray();
        if (backend != ModelBackend.Managed)
        {
            var driver = new ModelCompiler(compiler);
            if (backend == ModelBackend.Auto && driver.FindCompiler(out string searched) is null)
            {
                if (Interlocked.Exchange(ref _notedFallback, 1) == 0)
                    (notes ?? Console.Error).WriteLine($"note: {definition.SourceFile}: no C compiler found (looked at: {searched}); running the model on the managed fallback (slower, the same results)");
                backend = ModelBackend.Managed;
            }
            else
            {
                (string so, string c, bool cached) = driver.Compile(MassCodeGenerator.Generate(definition), definition.SourceFile);
                try { _library = NativeLibrary.Load(so); }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                {
                    throw new ModelException($"{definition.SourceFile}: cannot load the compiled model {so}: {e.Message} (delete it to compile again)", e);
                }
                var abi = (delegate* unmanaged[Cdecl]<int>)Export(so, "ne_user_abi");
                int version = abi();
                if (version != MassCodeGenerator.Abi)
                {
                    NativeLibrary.Free(_library);
                    throw new ModelException($"{definition.SourceFile}: {so} was generated for another engine version (ne_user_abi {version}, expected {MassCodeGenerator.Abi}); delete it");
                }
                (Step, Send, Observe) = (Export(so, "ne_user_step"), Export(so, "ne_user_send"), Export(so, "ne_user_observe"));
                (LibraryPath, SourcePath, FromCache, Backend) = (so, c, cached, ModelBackend.Compiled);
            }
        }
        if (backend == ModelBackend.Managed)
        {
            _managed = new MassManagedKernel(definition);
            (Step, Send, Observe, Context) = (MassManagedKernel.StepFunction, MassManagedKernel.SendFunction, MassManagedKernel.ObserveFunction, _managed.Context);
            Backend = ModelBackend.Managed;
        }
    }

    private nint Export(string so, string name)
    {
        if (NativeLibrary.TryGetExport(_library, name, out nint address)) return address;
        NativeLibrary.Free(_library);
        throw new ModelException($"{Definition.SourceFile}: {so} lacks {name} (not a NeuroEngine model; delete it)");
    }

    /// <summary>A native parameter row (64 slots): the defaults, with <paramref name="values"/> by name over them.</summary>
    /// <exception cref="ArgumentException">An unknown name or a value outside the parameter's range.</exception>
    public double[] ParameterRow(IReadOnlyDictionary<string, double>? values = null)
    {
        var row = new double[MassModelDefinition.MaxParameters];
        foreach (MassModelParameter p in Descriptor.Parameters) row[p.Slot] = p.Default;
        foreach ((string name, double value) in values ?? new Dictionary<string, double>())
        {
            MassModelParameter p = Descriptor.Parameter(name)
                ?? throw new ArgumentException($"params.{name} is not a parameter of {Descriptor.Name} (known: {string.Join(", ", Descriptor.Parameters.Select(x => x.Name))})", nameof(values));
            if (!p.Allows(value)) throw new ArgumentException($"params.{name} = {value} is outside its range {p.RangeText}", nameof(values));
            row[p.Slot] = value;
        }
        return row;
    }

    /// <summary>The network outputs (<c>network_outputs</c> of the file) of one run: <paramref name="outputs"/>[v] is
    /// output v as [sample, node] (a result's <c>Values[set]</c>); each network output gets one value per sample.</summary>
    public IReadOnlyDictionary<string, double[]> NetworkOutputs(IReadOnlyList<double[,]> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count != Definition.Outputs.Count)
            throw new ArgumentException($"expected {Definition.Outputs.Count} outputs ({string.Join(", ", Descriptor.Outputs)}), got {outputs.Count}", nameof(outputs));
        SymbolTable table = Models.NetworkOutputs.Symbols(Descriptor.Outputs);
        return Definition.NetworkOutputs.ToDictionary(o => o.Name, o => Models.NetworkOutputs.Evaluate(o.Value, table, outputs));
    }

    /// <summary>Frees the managed context and the loaded library; the functions must not run afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _managed?.Dispose();
        if (_library != 0) NativeLibrary.Free(_library);
    }
}
