using System.Globalization;
using NeuroEngine.Simulation;

namespace NeuroEngine.Cli.Config;

/// <summary>Reads a parameters CSV: header naming V_th,tau_m,g_L,V_reset,V_init,E_L (any order,
/// each once), one row per neuron. Every row is checked with the model's rules; errors name the
/// file and line.</summary>
public static class ParameterFile
{
    /// <summary>Reads all rows; <paramref name="displayName"/> names the file in errors (default: the path).</summary>
    public static LifParameters[] Read(string path, string? displayName = null)
    {
        string name = displayName ?? path;
        if (!File.Exists(path)) throw new CliException($"{name}: parameters file not found");
        try
        {
            using var reader = new StreamReader(path);
            return Read(reader, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{name}: cannot read: {ex.Message}");
        }
    }

    /// <summary>Reads all rows from <paramref name="reader"/>.</summary>
    public static LifParameters[] Read(TextReader reader, string name)
    {
        string? header = reader.ReadLine();
        int lineNo = 1;
        while (header is not null && header.Trim().Length == 0) { header = reader.ReadLine(); lineNo++; }
        if (header is null) throw new CliException($"{name}: empty file, expected a header {string.Join(",", LifParameters.Names)}");
        var columns = header.TrimStart('\uFEFF').Split(',').Select(c => c.Trim()).ToArray();
        var index = new int[6];
        for (int j = 0; j < 6; j++)
        {
            int found = Array.IndexOf(columns, LifParameters.Names[j]);
            if (found < 0 || Array.LastIndexOf(columns, LifParameters.Names[j]) != found)
                throw new CliException($"{name} line {lineNo}: header must name each of {string.Join(",", LifParameters.Names)} once, got '{header.Trim()}'");
            index[j] = found;
        }
        if (columns.Length != 6)
            throw new CliException($"{name} line {lineNo}: header has {columns.Length} columns, expected {string.Join(",", LifParameters.Names)}");

        var rows = new List<LifParameters>();
        Span<double> values = stackalloc double[6];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 6) throw new CliException($"{name} line {lineNo}: expected 6 values, got {fields.Length}");
            for (int j = 0; j < 6; j++)
            {
                string f = fields[index[j]].Trim();
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
                    throw new CliException($"{name} line {lineNo}: {LifParameters.Names[j]} must be a number, got '{f}'");
            }
            var p = LifParameters.FromArray(values);
            try { p.Validate(rows.Count); }
            catch (ArgumentException ex)
            {
                string message = ex.Message;
                int note = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
                if (note >= 0) message = message[..note];
                throw new CliException($"{name} line {lineNo}: {message}");
            }
            rows.Add(p);
        }
        if (rows.Count == 0) throw new CliException($"{name}: no parameter rows after the header");
        return rows.ToArray();
    }
}
