using System.Runtime.InteropServices;
using System.Text;
using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Network;

/// <summary>The native descriptions of the user neuron models of one network creation: one
/// <c>ne_network_neuron_model</c> per model and each population's parameter and initial-state arrays, in native
/// memory that lives until the network is created (the engine copies what it keeps; the compiled code itself
/// stays loaded).</summary>
internal sealed unsafe class NativeNeuronModels : IDisposable
{
    private readonly List<nint> _blocks = [];
    private readonly Dictionary<Models.NeuronModel, nint> _models = [];

    /// <summary>Points <paramref name="population"/> at its model, parameters and initial states.</summary>
    public void Attach(ref NetworkPopulation population, PopulationModel model, double dtMs, string where)
    {
        double[] slots = model.Slots(dtMs, where + ".neuron");
        var init = model.Model.Initial(model.Init, where + ".neuron");
        var parameters = (double*)Alloc(slots.Length * sizeof(double));
        slots.CopyTo(new Span<double>(parameters, slots.Length));
        var initial = (NetworkInitial*)Alloc(init.Length * sizeof(NetworkInitial));
        for (int j = 0; j < init.Length; j++)
        {
            var (kind, a, b) = init[j].ToNative();
            initial[j] = new NetworkInitial { Kind = kind, A = a, B = b };
        }
        population.Model = Describe(model.Model);
        population.ModelParams = parameters;
        population.ModelInit = initial;
        population.TRefMs = model.Model.RefractoryMs(slots);
    }

    private NetworkNeuronModel* Describe(Models.NeuronModel model)
    {
        if (_models.TryGetValue(model, out nint known)) return (NetworkNeuronModel*)known;
        var d = model.Definition;
        var names = (byte**)Alloc(d.State.Count * sizeof(byte*));
        for (int j = 0; j < d.State.Count; j++) names[j] = Utf8(d.State[j].Name);
        var native = (NetworkNeuronModel*)Alloc(sizeof(NetworkNeuronModel));
        *native = new NetworkNeuronModel
        {
            StructSize = (uint)sizeof(NetworkNeuronModel), NState = d.State.Count, NParams = d.SlotCount,
            Update = model.UpdateFunction, Name = Utf8(d.Name), StateNames = names,
        };
        _models[model] = (nint)native;
        return native;
    }

    private byte* Utf8(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var p = (byte*)Alloc(bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        return p;
    }

    private void* Alloc(int bytes)
    {
        void* p = NativeMemory.AllocZeroed((nuint)Math.Max(1, bytes));
        _blocks.Add((nint)p);
        return p;
    }

    public void Dispose()
    {
        foreach (nint p in _blocks) NativeMemory.Free((void*)p);
        _blocks.Clear();
    }
}
