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

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="name"/> names the source in errors.
    /// Without a header the columns are named <c>column 0</c>, <c>column 1</c>, ... after the first row.</summary>
    public static NumericCsv Read(TextReader reader, string name, bool hasHeader = true)
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
            var row = new double[fields.Length];
            for (int j = 0; j < fields.Length; j++)
                if (!double.TryParse(fields[j].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !double.IsFinite(row[j]))
                    throw new InvalidDataException($"{name} line {lineNo}: column {columns[j]} must be a finite number, got '{fields[j].Trim()}'");
            rows.Add(row);
        }
        return new NumericCsv(columns, rows.ToArray());
    }
}
