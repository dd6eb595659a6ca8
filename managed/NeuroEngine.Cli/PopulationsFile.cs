using System.Globalization;

namespace NeuroEngine.Cli;

/// <summary>A network run's populations.csv (<c>population,first,size</c>; neuron ids are global, in the
/// order the populations are listed).</summary>
public static class PopulationsFile
{
    /// <summary>The populations in file order; CliException naming the file and line for anything malformed.</summary>
    public static IReadOnlyList<(string Name, int First, int Size)> Read(string path, string option)
    {
        if (!File.Exists(path)) throw new CliException($"{option} {path}: file not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "population,first,size")
            throw new CliException($"{option} {path} line 1: expected the header population,first,size");
        var result = new List<(string, int, int)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 3 || f[0].Trim().Length == 0
                || !int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int first) || first < 0
                || !int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size < 1)
                throw new CliException($"{option} {path} line {i + 1}: expected name,first,size with first >= 0 and size >= 1, got '{lines[i]}'");
            result.Add((f[0].Trim(), first, size));
        }
        if (result.Count == 0) throw new CliException($"{option} {path}: no populations");
        return result;
    }
}
