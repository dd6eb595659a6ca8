using NeuroEngine.IO;

namespace NeuroEngine.Simulation;

/// <summary>A structural connectome: coupling weights Cmat[i, j] from region j to region i and fibre
/// lengths Dmat (mm), both square, the same size, finite and non-negative (DESIGN.md: a folder
/// with Cmat.csv and Dmat.csv, no header; e.g. ../shared/data/gw/connectome).</summary>
public sealed class Connectome
{
    private Connectome(double[,] cmat, double[,] dmat, string source)
    {
        Cmat = cmat;
        Dmat = dmat;
        Source = source;
    }

    /// <summary>Coupling weights, [target, source].</summary>
    public double[,] Cmat { get; }
    /// <summary>Fibre lengths (mm), [target, source].</summary>
    public double[,] Dmat { get; }
    /// <summary>Where it was loaded from.</summary>
    public string Source { get; }
    /// <summary>Number of regions.</summary>
    public int Regions => Cmat.GetLength(0);

    /// <summary>Loads and validates <c>Cmat.csv</c> and <c>Dmat.csv</c> from <paramref name="folder"/>;
    /// <see cref="InvalidDataException"/> naming the file, line and problem.</summary>
    public static Connectome Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: connectome folder not found");
        var c = ReadMatrix(Path.Combine(folder, "Cmat.csv"));
        var d = ReadMatrix(Path.Combine(folder, "Dmat.csv"));
        if (c.GetLength(0) != d.GetLength(0))
            throw new InvalidDataException($"{folder}: Cmat.csv is {c.GetLength(0)} x {c.GetLength(0)} but Dmat.csv is {d.GetLength(0)} x {d.GetLength(0)}");
        return new Connectome(c, d, Path.GetFullPath(folder));
    }

    /// <summary>A square, finite (and, unless <paramref name="allowNegative"/>, non-negative) matrix from a
    /// header-less CSV.</summary>
    public static double[,] ReadMatrix(string path, bool allowNegative = false)
    {
        var table = NumericCsv.Read(path, hasHeader: false);
        int n = table.Columns.Length;
        if (table.Rows.Length != n) throw new InvalidDataException($"{path}: must be square, got {table.Rows.Length} rows of {n} values");
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = table.Rows[i][j];
                if (v < 0 && !allowNegative) throw new InvalidDataException($"{path} line {i + 1}: value {v} in column {j} is negative");
                m[i, j] = v;
            }
        return m;
    }
}
