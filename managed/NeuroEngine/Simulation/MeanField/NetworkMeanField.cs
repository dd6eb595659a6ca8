using NeuroEngine.Simulation.Network;

namespace NeuroEngine.Simulation.MeanField;

/// <summary>The mean-field model of a current-based <see cref="LifNetworkSpec"/> (delta or
/// exponential-current synapses): one mean-field population per network population, C_ij = the
/// expected number of inputs from population j per neuron of i, J_ij = the voltage integral of one
/// input in the reference's convention: J = w for delta synapses and
/// J = w tau_s / C_m for exponential currents (the PSC jump is J / tau_s), tau_s = the receptor's time
/// constant of the population (the excitatory one; inhibitory currents use the same value in the
/// reference models). Poisson drives become j_ext, c_ext, nu_ext (one drive per population).</summary>
public static class NetworkMeanField
{
    public static LifMeanFieldModel From(LifNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Synapse == SynapseType.ExpConductance)
            throw new ArgumentException("the mean field covers current-based synapses (delta, exp_current), not conductances", nameof(spec));
        // the Siegert transfer function is the LIF's: a population running its own neuron model has none here
        if (spec.Populations.FirstOrDefault(pop => pop.Model is not null) is { } own)
            throw new ArgumentException($"population {own.Name} runs its own neuron model; the mean field covers the built-in LIF only", nameof(spec));
        int p = spec.Populations.Count;
        var c = new double[p, p];
        var j = new double[p, p];
        var jExt = new double[p];
        var cExt = new double[p];
        var nuExt = new double[p];
        double Scale(Population post, double w) => spec.Synapse == SynapseType.Delta ? w
            : w * (w >= 0 ? post.Neuron.TauExcMs : post.Neuron.TauInhMs) / post.Neuron.CmPf;
        foreach (var pr in spec.Projections)
        {
            int from = spec.IndexOf(pr.From), to = spec.IndexOf(pr.To);
            var post = spec.Populations[to];
            double n = spec.Populations[from].Size - (from == to && !pr.Autapses ? 1 : 0);
            c[to, from] = pr.Rule == ConnectionRule.FixedIndegree ? pr.Indegree : pr.Probability * n;
            j[to, from] = Scale(post, pr.Weight);
        }
        foreach (var d in spec.Drives)
        {
            int to = spec.IndexOf(d.To);
            if (cExt[to] != 0) throw new ArgumentException($"population {d.To} has more than one Poisson drive; the mean field takes one", nameof(spec));
            jExt[to] = Scale(spec.Populations[to], d.Weight);
            cExt[to] = d.Inputs;
            nuExt[to] = d.RateHz;
        }
        return new LifMeanFieldModel
        {
            C = c, J = j, JExt = jExt, CExt = cExt, NuExtHz = nuExt,
            TauMMs = spec.Populations.Select(q => q.Neuron.TauMMs).ToArray(),
            TauSMs = spec.Populations.Select(q => spec.Synapse == SynapseType.Delta ? 0 : q.Neuron.TauExcMs).ToArray(),
            Threshold = spec.Populations.Select(q => q.Neuron.VTh).ToArray(),
            Reset = spec.Populations.Select(q => q.Neuron.VReset).ToArray(),
            TauRefMs = spec.Populations.Select(q => q.Neuron.TRefMs).ToArray(),
        };
    }
}
