using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Simulation.Stimuli;

/// <summary>The stimuli of a run, each with its target; <see cref="Render"/> sums them per (variable, region).</summary>
public sealed class StimulusSet
{
    private readonly List<(Stimulus Stimulus, StimulusTarget Target)> _entries = [];

    /// <summary>The stimuli in the order added.</summary>
    public IReadOnlyList<(Stimulus Stimulus, StimulusTarget Target)> Entries => _entries;

    /// <summary>Adds <paramref name="stimulus"/> entering <paramref name="target"/>.</summary>
    public StimulusSet Add(Stimulus stimulus, StimulusTarget target)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        ArgumentNullException.ThrowIfNull(target);
        _entries.Add((stimulus, target));
        return this;
    }

    /// <summary>Checks every target against the model and the regions; the message names the stimulus (0-based) and
    /// what is wrong, e.g. a variable the model does not have with the allowed ones.</summary>
    public void Validate(MassModelDescriptor model, int regions, IReadOnlyList<string>? regionNames = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(regions);
        for (int i = 0; i < _entries.Count; i++) Resolve(i, model, regions, regionNames);
    }

    /// <summary>The summed input per stimulated state variable of <paramref name="model"/>, [step x regions + region],
    /// at t = step x <paramref name="dtMs"/> for <paramref name="steps"/> steps.</summary>
    public StimulusInput Render(MassModelDescriptor model, int regions, IReadOnlyList<string>? regionNames, double dtMs, int steps)
    {
        Validate(model, regions, regionNames);
        if ((long)steps * regions > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"{steps} steps x {regions} regions is too large to hold");
        var byVariable = new SortedDictionary<int, double[]>();
        for (int i = 0; i < _entries.Count; i++)
        {
            var (variable, targetRegions) = Resolve(i, model, regions, regionNames);
            if (!byVariable.TryGetValue(variable, out var sum)) byVariable[variable] = sum = new double[(long)steps * regions];
            foreach (int r in targetRegions)
            {
                double[] series = _entries[i].Stimulus.Render(dtMs, steps, r);
                for (int n = 0; n < steps; n++) sum[(long)n * regions + r] += series[n];
            }
        }
        int[] indices = byVariable.Keys.ToArray();
        return new StimulusInput(steps, regions, dtMs, indices.Select(v => model.StateVariables[v]).ToArray(), indices, byVariable.Values.ToArray());
    }

    private (int Variable, int[] Regions) Resolve(int entry, MassModelDescriptor model, int regions, IReadOnlyList<string>? regionNames)
    {
        var target = _entries[entry].Target;
        int v = -1;
        for (int k = 0; k < model.StateVariables.Count; k++) if (model.StateVariables[k] == target.Variable) { v = k; break; }
        if (v < 0)
            throw new ArgumentException($"stimulus {entry}: variable '{target.Variable}' is not a state variable of {model.Name} (allowed: {string.Join(", ", model.StateVariables)})");
        try { return (v, target.Resolve(regions, regionNames)); }
        catch (ArgumentException ex) { throw new ArgumentException($"stimulus {entry}: {ex.Message}", ex); }
    }
}
