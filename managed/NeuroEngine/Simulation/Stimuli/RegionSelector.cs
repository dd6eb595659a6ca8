namespace NeuroEngine.Simulation.Stimuli;

/// <summary>A region a stimulus targets: by index (0-based, connectome order) or by name (the run's region labels).</summary>
public readonly record struct RegionSelector
{
    private RegionSelector(int? index, string? name) { Index = index; Name = name; }

    /// <summary>The index, or null when selected by name.</summary>
    public int? Index { get; }

    /// <summary>The name, or null when selected by index.</summary>
    public string? Name { get; }

    public static RegionSelector ByIndex(int index) =>
        index >= 0 ? new(index, null) : throw new ArgumentOutOfRangeException(nameof(index), index, "a region index must be >= 0");

    public static RegionSelector ByName(string name) =>
        !string.IsNullOrWhiteSpace(name) ? new(null, name) : throw new ArgumentException("a region name must not be empty", nameof(name));

    public override string ToString() => Index is { } i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'{Name}'";
}
