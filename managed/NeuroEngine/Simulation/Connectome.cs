using NeuroEngine.IO;

namespace NeuroEngine.Simulation;

/// <summary>A structural connectome: coupling weights Cmat[i, j] from region j to region i and fibre
/// lengths Dmat (mm), both square, the same size, finite and non-negative. On disk: a folder with
/// Cmat.csv and Dmat.csv (header-less CSV) or Cmat.npy and Dmat.npy, e.g. the shipped data/gw/connectome
/// (<see cref="NeuroEngine.Data.Datasets"/>).</summary>
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

    /// <summary>Loads and validates the matrices in <paramref name="folder"/>: <c>Cmat.csv</c> and <c>Dmat.csv</c>,
    /// or, where there is no Cmat.csv, <c>Cmat.npy</c> and <c>Dmat.npy</c>; <see cref="InvalidDataException"/>
    /// naming the file, line and problem.</summary>
    public static Connectome Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: connectome folder not found");
        string extension = File.Exists(Path.Combine(folder, "Cmat.csv")) ? ".csv"
            : File.Exists(Path.Combine(folder, "Cmat.npy")) ? ".npy"
            : throw new FileNotFoundException($"{folder}: connectome folder holds neither Cmat.csv nor Cmat.npy");
        var connectome = Load(Path.Combine(folder, "Cmat" + extension), Path.Combine(folder, "Dmat" + extension));
        return new Connectome(connectome.Cmat, connectome.Dmat, Path.GetFullPath(folder));
    }

    /// <summary>Loads and validates a coupling matrix and a length matrix from two files, each CSV or .npy
    /// (by extension, see <see cref="ReadMatrix"/>).</summary>
    public static Connectome Load(string cmatFile, string dmatFile)
    {
        var c = ReadMatrix(cmatFile);
        var d = ReadMatrix(dmatFile);
        if (c.GetLength(0) != d.GetLength(0))
            throw new InvalidDataException($"{cmatFile} is {c.GetLength(0)} x {c.GetLength(0)} but {dmatFile} is {d.GetLength(0)} x {d.GetLength(0)}");
        return new Connectome(c, d, $"{Path.GetFullPath(cmatFile)}, {Path.GetFullPath(dmatFile)}");
    }

    /// <summary>A square, finite (and, unless <paramref name="allowNegative"/>, non-negative) matrix from a
    /// header-less CSV or, for a name ending in <c>.npy</c>, a 2-D NumPy array.</summary>
    public static double[,] ReadMatrix(string path, bool allowNegative = false)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) return CheckNpy(path, NpyReader.ReadMatrix(path), allowNegative);
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

    // the CSV reader already refuses non-numbers; a binary file can hold NaN or infinity
    private static double[,] CheckNpy(string path, double[,] m, bool allowNegative)
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        if (rows != columns) throw new InvalidDataException($"{path}: must be square, got shape ({rows}, {columns})");
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double v = m[i, j];
                if (!double.IsFinite(v)) throw new InvalidDataException($"{path}: value [{i}, {j}] is {v}, not a finite number");
                if (v < 0 && !allowNegative) throw new InvalidDataException($"{path}: value [{i}, {j}] = {v} is negative");
            }
        return m;
    }
}
