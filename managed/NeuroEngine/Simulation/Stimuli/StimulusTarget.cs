namespace NeuroEngine.Simulation.Stimuli;

/// <summary>Where a stimulus enters: a state variable of the model (by name) in the listed regions, or in every
/// region when <see cref="Regions"/> is null. Each targeted region gets its own copy of the stimulus (for noise, its
/// own independent realisation: the channel is the region index).</summary>
public sealed record StimulusTarget(string Variable, IReadOnlyList<RegionSelector>? Regions = null)
{
    /// <summary>The region indices this target selects among <paramref name="regions"/> regions named
    /// <paramref name="regionNames"/> (may be null: then only indices select). Errors name the offending region.</summary>
    public int[] Resolve(int regions, IReadOnlyList<string>? regionNames)
    {
        if (Regions is null) return Enumerable.Range(0, regions).ToArray();
        var result = new List<int>();
        foreach (var r in Regions)
        {
            int index;
            if (r.Index is { } i)
            {
                if (i >= regions) throw new ArgumentException($"region {i} does not exist (the run has {regions} regions, 0 to {regions - 1})");
                index = i;
            }
            else
            {
                if (regionNames is null) throw new ArgumentException($"region {r} is a name but the run's regions have no names; give indices 0 to {regions - 1}");
                index = -1;
                for (int k = 0; k < regionNames.Count && k < regions; k++) if (regionNames[k] == r.Name) { index = k; break; }
                if (index < 0) throw new ArgumentException($"region {r} is not one of the run's regions ({string.Join(", ", regionNames.Take(regions))})");
            }
            if (result.Contains(index)) throw new ArgumentException($"region {r} is targeted twice");
            result.Add(index);
        }
        return result.ToArray();
    }
}
