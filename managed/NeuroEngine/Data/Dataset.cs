using NeuroEngine.Simulation;

namespace NeuroEngine.Data;

/// <summary>A whole-brain data set loaded by <see cref="Datasets.Load"/>: the connectome models run on and,
/// per subject, the empirical functional connectivity and BOLD signal to compare them with.</summary>
public sealed class Dataset
{
    internal Dataset(string name, string description, string folder, Connectome connectome, IReadOnlyList<string> subjects,
        IReadOnlyList<double[,]> empiricalFc, IReadOnlyList<double[,]> bold)
    {
        Name = name;
        Description = description;
        Folder = folder;
        Connectome = connectome;
        Subjects = subjects;
        EmpiricalFc = empiricalFc;
        Bold = bold;
    }

    /// <summary>The name it is loaded by (e.g. <c>gw</c>).</summary>
    public string Name { get; }
    /// <summary>One paragraph: what the data are and where they come from.</summary>
    public string Description { get; }
    /// <summary>The folder it was read from.</summary>
    public string Folder { get; }
    /// <summary>The connectome (for gw the mean over the subjects of the max-normalised coupling matrices and of the fibre lengths).</summary>
    public Connectome Connectome { get; }
    /// <summary>Subject names, in the order of <see cref="EmpiricalFc"/> and <see cref="Bold"/>.</summary>
    public IReadOnlyList<string> Subjects { get; }
    /// <summary>Per subject: the empirical FC, regions x regions (Pearson r, diagonal 1).</summary>
    public IReadOnlyList<double[,]> EmpiricalFc { get; }
    /// <summary>Per subject: the BOLD signal, regions x time points (scanner units).</summary>
    public IReadOnlyList<double[,]> Bold { get; }
}
