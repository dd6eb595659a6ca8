using NeuroEngine.IO;

namespace NeuroEngine.Simulation.Mass;

/// <summary>ALN's precomputed transfer functions of the AdEx population (Cakan and Obermayer 2020,
/// neurolib's quantities_cascade.h5 as CSV, shipped in data/aln, see data/README.md): on a uniform grid of the mean
/// input mu (mV/ms) and its standard deviation sigma (mV/sqrt(ms)), the steady-state rate (kHz), mean
/// membrane potential (mV) and the time constant of the linear response to mu (ms), each [mu, sigma].</summary>
public sealed class AlnTables
{
    /// <summary>The files a table folder holds (all header-less CSV).</summary>
    public static readonly string[] Files = ["mu_vals.csv", "sigma_vals.csv", "r_ss.csv", "V_mean_ss.csv", "tau_mu_exp.csv"];

    private AlnTables(string source, double[] mu, double[] sigma, double[] rate, double[] vMean, double[] tauMu)
    {
        Source = source;
        Mu = mu;
        Sigma = sigma;
        Rate = rate;
        VMean = vMean;
        TauMu = tauMu;
    }

    /// <summary>No tables (for the models that need none).</summary>
    internal static readonly AlnTables Empty = new("", [], [], [], [], []);

    /// <summary>The folder the tables came from.</summary>
    public string Source { get; }
    /// <summary>Grid of mu (mV/ms).</summary>
    public double[] Mu { get; }
    /// <summary>Grid of sigma (mV/sqrt(ms)).</summary>
    public double[] Sigma { get; }
    /// <summary>Steady-state rate (kHz), row-major [mu, sigma].</summary>
    public double[] Rate { get; }
    /// <summary>Mean membrane potential (mV), [mu, sigma].</summary>
    public double[] VMean { get; }
    /// <summary>Linear-response time constant for mu (ms), [mu, sigma].</summary>
    public double[] TauMu { get; }

    /// <summary>The shipped tables (the folder <c>aln</c> of <see cref="NeuroEngine.Data.DataFolder"/>), read once per
    /// folder and then shared; <see cref="DirectoryNotFoundException"/> saying where it looked when they are missing.</summary>
    public static AlnTables LoadDefault()
    {
        string folder = Path.GetFullPath(NeuroEngine.Data.DataFolder.Resolve("aln"));
        lock (DefaultLock)
        {
            // a search parses its config once per evaluation: the 1.5 MB of CSV are read on the first only
            if (_default is null || _default.Source != folder) _default = Load(folder);
            return _default;
        }
    }

    private static readonly object DefaultLock = new();
    private static AlnTables? _default;

    /// <summary>Reads a folder with <see cref="Files"/>; <see cref="InvalidDataException"/> naming the file for a
    /// wrong shape or value (grids are checked for uniform spacing by the native kernel).</summary>
    public static AlnTables Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"ALN table folder {folder} not found");
        double[] Vector(string file)
        {
            var t = NumericCsv.Read(Path.Combine(folder, file), hasHeader: false);
            if (t.Columns.Length != 1) throw new InvalidDataException($"{Path.Combine(folder, file)}: expected one value per line, got {t.Columns.Length}");
            return t.Rows.Select(r => r[0]).ToArray();
        }
        double[] Table(string file, int rows, int columns)
        {
            string path = Path.Combine(folder, file);
            var t = NumericCsv.Read(path, hasHeader: false);
            if (t.Rows.Length != rows || t.Columns.Length != columns)
                throw new InvalidDataException($"{path}: expected {rows} rows (mu) of {columns} values (sigma), got {t.Rows.Length} of {t.Columns.Length}");
            return t.Rows.SelectMany(r => r).ToArray();
        }
        var mu = Vector("mu_vals.csv");
        var sigma = Vector("sigma_vals.csv");
        return new AlnTables(Path.GetFullPath(folder), mu, sigma, Table("r_ss.csv", mu.Length, sigma.Length),
            Table("V_mean_ss.csv", mu.Length, sigma.Length), Table("tau_mu_exp.csv", mu.Length, sigma.Length));
    }
}
