using System.Runtime.InteropServices;
using System.Text;
using NeuroEngine.Native;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Models;

/// <summary>A user-defined neural mass model ready to run: read from its file, its lane functions compiled to native
/// code (cached on disk) or, without a C compiler, compiled by the .NET JIT (<see cref="MassManagedKernel"/>), and the
/// <c>ne_mass_user_model</c> the engine runs it through. Dispose after the runs that use it.</summary>
public sealed unsafe class UserMassModel : IDisposable, IUserMassKernel
{
    private static int _notedFallback;

    private readonly nint _library;
    private readonly MassManagedKernel? _managed;
    private uint* _couplingModes;
    private int* _noiseMeanSlots;
    private byte** _stateNames;
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

    /// <summary>ne_mass_user_step_fn of the model.</summary>
    public nint StepFunction { get; }

    /// <summary>ne_mass_user_values_fn of what each node sends.</summary>
    public nint SendFunction { get; }

    /// <summary>ne_mass_user_values_fn of the recorded outputs.</summary>
    public nint ObserveFunction { get; }

    /// <summary>The context the three functions take.</summary>
    public nint Context { get; }

    /// <summary>Reads the model file at <paramref name="path"/> and readies it with <paramref name="backend"/>.</summary>
    /// <param name="path">The model file (YAML).</param>
    /// <param name="backend">Auto: compiled when a C compiler works, else managed (one note to
    /// <paramref name="notes"/>, default stderr).</param>
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
                if (abi() != MassCodeGenerator.Abi)
                    throw new ModelException($"{definition.SourceFile}: {so} was generated for another engine version (ne_user_abi {abi()}, expected {MassCodeGenerator.Abi}); delete it");
                (StepFunction, SendFunction, ObserveFunction) = (Export(so, "ne_user_step"), Export(so, "ne_user_send"), Export(so, "ne_user_observe"));
                (LibraryPath, SourcePath, FromCache, Backend) = (so, c, cached, ModelBackend.Compiled);
            }
        }
        if (backend == ModelBackend.Managed)
        {
            _managed = new MassManagedKernel(definition);
            (StepFunction, SendFunction, ObserveFunction, Context) =
                (MassManagedKernel.StepFunction, MassManagedKernel.SendFunction, MassManagedKernel.ObserveFunction, _managed.Context);
            Backend = ModelBackend.Managed;
        }
        AllocateTables();
    }

    private nint Export(string so, string name)
    {
        if (NativeLibrary.TryGetExport(_library, name, out nint address)) return address;
        NativeLibrary.Free(_library);
        throw new ModelException($"{Definition.SourceFile}: {so} lacks {name} (not a NeuroEngine model; delete it)");
    }

    private void AllocateTables()
    {
        int nc = Definition.Couplings.Count, nq = Definition.NoiseInputs.Count, ns = Definition.States.Count;
        _couplingModes = (uint*)NativeMemory.Alloc((nuint)Math.Max(nc, 1), sizeof(uint));
        for (int c = 0; c < nc; c++) _couplingModes[c] = (uint)Definition.Couplings[c].Mode;
        _noiseMeanSlots = (int*)NativeMemory.Alloc((nuint)Math.Max(nq, 1), sizeof(int));
        for (int q = 0; q < nq; q++) _noiseMeanSlots[q] = Definition.NoiseInputs[q].MeanSlot;
        _stateNames = (byte**)NativeMemory.AllocZeroed((nuint)ns, (nuint)sizeof(byte*));
        for (int v = 0; v < ns; v++)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(Definition.States[v].Name + "\0");
            _stateNames[v] = (byte*)NativeMemory.Alloc((nuint)utf8.Length);
            utf8.CopyTo(new Span<byte>(_stateNames[v], utf8.Length));
        }
    }

    /// <summary>Fills <paramref name="native"/> with this model's layout, slots and functions (valid while this object
    /// is not disposed).</summary>
    internal void Fill(ref MassUserModelNative native)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        native = new MassUserModelNative
        {
            StructSize = (uint)sizeof(MassUserModelNative), NParams = Descriptor.Parameters.Count, NState = Definition.States.Count,
            NOutputs = Definition.Outputs.Count, NCouplings = Definition.Couplings.Count, NNoise = Definition.NoiseInputs.Count,
            StrengthSlot = Definition.StrengthSlot, TauOuSlot = Definition.TauOuSlot, SigmaOuSlot = Definition.SigmaOuSlot, Reserved = 0,
            CouplingModes = _couplingModes, NoiseMeanSlots = _noiseMeanSlots, Step = StepFunction, Send = SendFunction,
            Observe = ObserveFunction, Context = Context, StateNames = _stateNames,
        };
    }

    void IUserMassKernel.Fill(ref MassUserModelNative native) => Fill(ref native);

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

    /// <summary>Frees the tables, the managed context and the loaded library.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _managed?.Dispose();
        NativeMemory.Free(_couplingModes);
        NativeMemory.Free(_noiseMeanSlots);
        if (_stateNames is not null)
        {
            for (int v = 0; v < Definition.States.Count; v++) NativeMemory.Free(_stateNames[v]);
            NativeMemory.Free(_stateNames);
        }
        if (_library != 0) NativeLibrary.Free(_library);
    }
}
