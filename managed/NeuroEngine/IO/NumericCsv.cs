using System.Globalization;

namespace NeuroEngine.IO;

/// <summary>A CSV table of numbers with a header: column names and rows. Reading checks that every row
/// has the header's width and every field is a finite number; errors name the file, line and column.</summary>
public sealed class NumericCsv
{
    private NumericCsv(string[] columns, double[][] rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names from the header.</summary>
    public string[] Columns { get; }
    /// <summary>Rows of values, each of <see cref="Columns"/>.Length.</summary>
    public double[][] Rows { get; }

    /// <summary>Index of a column, or -1.</summary>
    public int IndexOf(string column) => Array.IndexOf(Columns, column);

    /// <summary>Reads <paramref name="path"/>; <see cref="InvalidDataException"/> (or FileNotFoundException)
    /// with a message naming the file, line and column for anything malformed.</summary>
    public static NumericCsv Read(string path, bool hasHeader = true)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var reader = new StreamReader(path);
        return Read(reader, path, hasHeader);
    }

    /// <summary>Reads a table that may hold missing values (<c>nan</c>, <c>inf</c>, empty fields read
    /// as NaN or infinity, e.g. a feature that failed) and text id columns named in
    /// <paramref name="idColumns"/>, which are dropped.</summary>
    public static NumericCsv ReadWithMissing(string path, IReadOnlyCollection<string> idColumns)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var reader = new StreamReader(path);
        return Read(reader, path, hasHeader: true, allowNonFinite: true, idColumns);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="name"/> names the source in errors.
    /// Without a header the columns are named <c>column 0</c>, <c>column 1</c>, ... after the first row.</summary>
    public static NumericCsv Read(TextReader reader, string name, bool hasHeader = true, bool allowNonFinite = false,
        IReadOnlyCollection<string>? idColumns = null)
    {
        int lineNo = 0;
        string? header;
        do { header = reader.ReadLine(); lineNo++; } while (header is not null && header.Trim().Length == 0);
        if (header is null) throw new InvalidDataException($"{name}: empty file, expected {(hasHeader ? "a header line" : "rows of numbers")}");
        string? pending = null;
        if (!hasHeader)
        {
            pending = header;
            header = string.Join(",", Enumerable.Range(0, header.Split(',').Length).Select(i => $"column {i}"));
            lineNo--;
        }
        var columns = header.TrimStart('\uFEFF').Split(',').Select(c => c.Trim()).ToArray();
        var duplicate = columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{name} line {lineNo}: column '{duplicate.Key}' appears twice");
        var keep = Enumerable.Range(0, columns.Length).Where(j => idColumns is null || !idColumns.Contains(columns[j])).ToArray();
        var rows = new List<double[]>();
        string? line;
        while ((line = pending ?? reader.ReadLine()) is not null)
        {
            pending = null;
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != columns.Length)
                throw new InvalidDataException($"{name} line {lineNo}: expected {columns.Length} values, got {fields.Length}");
            var row = new double[keep.Length];
            for (int k = 0; k < keep.Length; k++)
            {
                int j = keep[k];
                string field = fields[j].Trim();
                if (allowNonFinite && Missing(field) is double missing) { row[k] = missing; continue; }
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]) || !double.IsFinite(row[k]))
                    throw new InvalidDataException($"{name} line {lineNo}: column {columns[j]} must be a {(allowNonFinite ? "" : "finite ")}number, got '{field}'");
            }
            rows.Add(row);
        }
        return new NumericCsv(keep.Select(j => columns[j]).ToArray(), rows.ToArray());
    }

    private static double? Missing(string field) => field.ToLowerInvariant() switch
    {
        "" or "nan" or "na" => double.NaN,
        "inf" or "+inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => null,
    };
}
