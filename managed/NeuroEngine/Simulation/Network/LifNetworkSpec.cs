using System.Globalization;

namespace NeuroEngine.Simulation.Network;

/// <summary>A recurrent network of LIF neuron populations: what to simulate, independent of seeds,
/// recording and threads. Build it in code (<see cref="LifNetworkBuilder"/>), from the standard
/// models (<see cref="StandardNetworks"/>) or from a YAML config (CLI).</summary>
/// <param name="Synapse">Synapse model shared by all projections.</param>
/// <param name="DtMs">Time step (ms).</param>
/// <param name="Populations">Populations in neuron-id order.</param>
/// <param name="Projections">Connections, one per (source, target) population pair.</param>
/// <param name="Drives">Poisson inputs.</param>
/// <param name="Stimuli">Time-limited inputs.</param>
public sealed record LifNetworkSpec(SynapseType Synapse, double DtMs, IReadOnlyList<Population> Populations,
    IReadOnlyList<Projection> Projections, IReadOnlyList<PoissonDrive> Drives, IReadOnlyList<Stimulus> Stimuli)
{
    /// <summary>Floating-point type of the state (default float64).</summary>
    public NetworkPrecision Precision { get; init; } = NetworkPrecision.Float64;

    /// <summary>Total neurons.</summary>
    public long Neurons => Populations.Sum(p => (long)p.Size);

    /// <summary>Index of a population by name; ArgumentException naming <paramref name="where"/> if unknown.</summary>
    public int IndexOf(string population, string where = "population")
    {
        for (int i = 0; i < Populations.Count; i++)
            if (Populations[i].Name == population) return i;
        throw new ArgumentException(
            $"{where} names an unknown population '{population}' (known: {string.Join(", ", Populations.Select(p => p.Name))})", where);
    }

    /// <summary>First global neuron id of each population (and the total at the end).</summary>
    public long[] FirstNeurons()
    {
        var first = new long[Populations.Count + 1];
        for (int i = 0; i < Populations.Count; i++) first[i + 1] = first[i] + Populations[i].Size;
        return first;
    }

    /// <summary>Throws ArgumentException naming the field and value for anything the kernel would refuse
    /// or that makes no sense (the native layer checks again).</summary>
    public void Validate()
    {
        Positive(DtMs, "dt_ms");
        if (Populations.Count == 0) throw new ArgumentException("populations must list at least one population", "populations");
        var names = new HashSet<string>();
        foreach (var p in Populations)
        {
            string at = $"populations.{p.Name}";
            if (string.IsNullOrWhiteSpace(p.Name)) throw new ArgumentException("population names must not be empty", "populations");
            if (!names.Add(p.Name)) throw new ArgumentException($"population '{p.Name}' is defined twice", at);
            if (p.Size < 1) throw new ArgumentException($"{at}.size must be >= 1, got {p.Size}", at + ".size");
            if (p.RecordSpikes < -1) throw new ArgumentException($"{at}.record_spikes must be -1 (all), 0 or a count, got {p.RecordSpikes}", at);
            if (p.Model is { } model)
            {
                ValidateModel(p, model, at);
                continue;
            }
            var n = p.Neuron;
            Positive(n.TauMMs, at + ".tau_m_ms");
            Finite(n.VTh, at + ".V_th");
            Finite(n.VReset, at + ".V_reset");
            Finite(n.EL, at + ".E_L");
            Finite(n.IDc, at + ".I_dc");
            if (!(n.VReset < n.VTh)) throw new ArgumentException($"{at}.V_reset ({Num(n.VReset)}) must be below V_th ({Num(n.VTh)})", at + ".V_reset");
            if (!double.IsFinite(n.TRefMs) || n.TRefMs < 0) throw new ArgumentException($"{at}.t_ref_ms must be finite and >= 0, got {Num(n.TRefMs)}", at + ".t_ref_ms");
            n.VInit.Validate(at + ".V_init");
            if (Synapse != SynapseType.Delta)
            {
                Positive(n.CmPf, at + ".C_m_pF");
                Positive(n.TauExcMs, at + ".tau_exc_ms");
                Positive(n.TauInhMs, at + ".tau_inh_ms");
            }
            if (Synapse == SynapseType.ExpConductance)
            {
                Finite(n.EExc, at + ".E_exc");
                Finite(n.EInh, at + ".E_inh");
                n.GExcInit.Validate(at + ".g_exc_init");
                n.GInhInit.Validate(at + ".g_inh_init");
            }
        }
        var pairs = new HashSet<(int, int)>();
        for (int i = 0; i < Projections.Count; i++)
        {
            var c = Projections[i];
            string at = $"connections[{i}] ({c.From}->{c.To})";
            int from = IndexOf(c.From, $"connections[{i}].from"), to = IndexOf(c.To, $"connections[{i}].to");
            if (!pairs.Add((from, to)))
                throw new ArgumentException($"{at} connects {c.From} to {c.To} a second time; give one connection per pair", $"connections[{i}]");
            Finite(c.Weight, at + ".weight");
            if (!double.IsFinite(c.DelayMs) || c.DelayMs < DtMs * (1 - 1e-9))
                throw new ArgumentException($"{at}.delay_ms must be >= dt_ms ({Num(DtMs)}), got {Num(c.DelayMs)}", $"connections[{i}].delay_ms");
            if (!double.IsFinite(c.DelayMaxMs) || (c.SpreadDelays && c.DelayMaxMs / DtMs > 65535))
                throw new ArgumentException($"{at}.delay_ms upper bound must be finite and at most 65535 steps, got {Num(c.DelayMaxMs)}", $"connections[{i}].delay_ms");
            long available = Populations[from].Size - (from == to && !c.Autapses ? 1 : 0);
            if (c.Rule == ConnectionRule.FixedIndegree)
            {
                if (c.Indegree < 0) throw new ArgumentException($"{at}.indegree must be >= 0, got {c.Indegree}", $"connections[{i}].indegree");
                if (!c.Multapses && c.Indegree > available)
                    throw new ArgumentException($"{at}.indegree ({c.Indegree}) exceeds the {available} distinct sources of {c.From} without multapses", $"connections[{i}].indegree");
                if (c.Indegree > 0 && available < 1)
                    throw new ArgumentException($"{at}.indegree is {c.Indegree} but {c.From} has no source other than the target itself", $"connections[{i}].indegree");
            }
            else if (!(c.Probability >= 0 && c.Probability <= 1))
                throw new ArgumentException($"{at}.p must be in [0, 1], got {Num(c.Probability)}", $"connections[{i}].p");
        }
        for (int i = 0; i < Drives.Count; i++)
        {
            var d = Drives[i];
            string at = $"drive[{i}] ({d.To})";
            IndexOf(d.To, $"drive[{i}].to");
            if (!double.IsFinite(d.Inputs) || d.Inputs < 0) throw new ArgumentException($"{at}.inputs must be finite and >= 0, got {Num(d.Inputs)}", $"drive[{i}].inputs");
            if (!double.IsFinite(d.RateHz) || d.RateHz < 0) throw new ArgumentException($"{at}.rate_hz must be finite and >= 0, got {Num(d.RateHz)}", $"drive[{i}].rate_hz");
            Finite(d.Weight, at + ".weight");
        }
        for (int i = 0; i < Stimuli.Count; i++)
        {
            var s = Stimuli[i];
            string at = $"stimuli[{i}] ({s.To})";
            IndexOf(s.To, $"stimuli[{i}].to");
            if (!double.IsFinite(s.OnsetMs) || s.OnsetMs < 0) throw new ArgumentException($"{at}.onset_ms must be finite and >= 0, got {Num(s.OnsetMs)}", $"stimuli[{i}].onset_ms");
            Positive(s.DurationMs, at + ".duration_ms");
            Finite(s.Amplitude, at + ".amplitude");
            if (s.Shape == StimulusShape.Diff2Exp && !(s.TauRiseMs > 0 && s.TauDecayMs > s.TauRiseMs && double.IsFinite(s.TauDecayMs)))
                throw new ArgumentException($"{at} diff2exp needs 0 < tau_rise_ms < tau_decay_ms, got {Num(s.TauRiseMs)} and {Num(s.TauDecayMs)}", $"stimuli[{i}].tau_rise_ms");
        }
    }

    /// <summary>Delays whose rounding to whole steps changes them by more than 1% (the kernel rounds
    /// to the nearest step, at least one).</summary>
    public IReadOnlyList<string> DelayWarnings()
    {
        var warnings = new List<string>();
        for (int i = 0; i < Projections.Count; i++)
        {
            var c = Projections[i];
            if (c.SpreadDelays) continue; // per-synapse delays are drawn from a range and rounded individually
            double steps = Math.Max(1, Math.Round(c.DelayMs / DtMs, MidpointRounding.AwayFromZero));
            double used = steps * DtMs;
            if (Math.Abs(used - c.DelayMs) > 0.01 * c.DelayMs)
                warnings.Add($"connections[{i}] ({c.From}->{c.To}): delay {Num(c.DelayMs)} ms is rounded to {steps:0} steps = {Num(used)} ms");
        }
        return warnings;
    }

    /// <summary>True when <paramref name="other"/> can share this network's connectivity in a batch:
    /// same synapse type, dt, population sizes and order, and projection topology (rules, in-degrees,
    /// probabilities, delays); weights, neuron parameters, drives and stimuli may differ.</summary>
    public bool SameStructure(LifNetworkSpec other) =>
        Synapse == other.Synapse && DtMs == other.DtMs && Precision == other.Precision &&
        Populations.Select(p => (p.Name, p.Size, p.RecordSpikes, p.Model?.Model)).SequenceEqual(other.Populations.Select(p => (p.Name, p.Size, p.RecordSpikes, p.Model?.Model))) &&
        Projections.Select(p => p with { Weight = 0 }).SequenceEqual(other.Projections.Select(p => p with { Weight = 0 })) &&
        Drives.Count == other.Drives.Count && Stimuli.Count == other.Stimuli.Count &&
        Drives.Select(d => d.To).SequenceEqual(other.Drives.Select(d => d.To));

    /// <summary>A population's own neuron model: its parameters and initial states, its refractory period, and the
    /// input rings it needs (a model whose excitatory and inhibitory inputs enter different variables, or as
    /// conductances, needs them apart: a synapse type other than delta).</summary>
    private void ValidateModel(Population p, PopulationModel model, string at)
    {
        var m = model.Model.Definition;
        double[] slots = model.Slots(DtMs, at + ".neuron");
        model.Model.Initial(model.Init, at + ".neuron");
        double refractory = model.Model.RefractoryMs(slots);
        if (!double.IsFinite(refractory) || refractory < 0)
            throw new ArgumentException($"{at}.neuron: the refractory period of neuron model {m.Name} must be finite and >= 0 ms, got {Num(refractory)}", at + ".neuron");
        if (m.SeparatesInputs && Synapse == SynapseType.Delta)
            throw new ArgumentException($"{at}.neuron: neuron model {m.Name} takes excitatory input on {m.ExcitatoryTarget} and inhibitory input on {m.InhibitoryTarget} ({m.InputKind.ToString().ToLowerInvariant()}), which needs the two kept apart: synapse type exp_current or exp_conductance, not delta", at + ".neuron");
        if (Precision != NetworkPrecision.Float64)
            throw new ArgumentException($"{at}.neuron: neuron model {m.Name} runs in float64 only (precision is {Precision.ToString().ToLowerInvariant()})", at + ".neuron");
    }

    private static void Finite(double x, string name)
    {
        if (!double.IsFinite(x)) throw new ArgumentException($"{name} must be finite, got {Num(x)}", name);
    }

    private static void Positive(double x, string name)
    {
        if (!double.IsFinite(x) || x <= 0) throw new ArgumentException($"{name} must be finite and > 0, got {Num(x)}", name);
    }

    internal static string Num(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
