using System.Globalization;
using System.Text;

namespace NeuroEngine.IO;

/// <summary>Writes a CSV table with a header row: comma separated, '\n' line ends, invariant
/// culture, doubles in round-trippable form ("R"), text fields quoted only when needed.</summary>
/// <example><code>
/// using var csv = new CsvTableWriter(path, ["neuron", "t_ms"]);
/// csv.Field(3).Field(0.6).EndRow();
/// </code></example>
public sealed class CsvTableWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly int _columns;
    private int _field;

    /// <summary>Writes to a new file (refuses to overwrite).</summary>
    public CsvTableWriter(string path, IReadOnlyList<string> header)
        : this(new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16),
            new UTF8Encoding(false)), header, ownsWriter: true) { }

    /// <summary>Writes to <paramref name="writer"/>; disposes it when <paramref name="ownsWriter"/>.</summary>
    public CsvTableWriter(TextWriter writer, IReadOnlyList<string> header, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(header);
        if (header.Count == 0) throw new ArgumentException("a CSV table needs at least one column", nameof(header));
        _writer = writer; _ownsWriter = ownsWriter; _columns = header.Count;
        writer.NewLine = "\n";
        foreach (var name in header) Field(name);
        EndRow();
    }

    /// <summary>Rows written, not counting the header.</summary>
    public long Rows { get; private set; } = -1;

    /// <summary>A text field, quoted when it holds a comma, quote or line break.</summary>
    public CsvTableWriter Field(string value)
    {
        Separator();
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) _writer.Write("\"" + value.Replace("\"", "\"\"") + "\"");
        else _writer.Write(value);
        return this;
    }

    /// <summary>An integer field.</summary>
    public CsvTableWriter Field(long value)
    {
        Separator();
        _writer.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A double field, round-trippable (nan, inf and -inf for non-finite values).</summary>
    public CsvTableWriter Field(double value)
    {
        Separator();
        _writer.Write(Format(value));
        return this;
    }

    /// <summary>Ends the current row; throws if it does not have as many fields as the header.</summary>
    public void EndRow()
    {
        if (_field != _columns) throw new InvalidOperationException($"row has {_field} fields, the header has {_columns}");
        _writer.Write('\n');
        _field = 0;
        Rows++;
    }

    /// <summary>Shortest round-trippable invariant text of a double.</summary>
    public static string Format(double value) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf"
            : value.ToString("R", CultureInfo.InvariantCulture);

    private void Separator()
    {
        if (_field >= _columns) throw new InvalidOperationException($"row has more fields than the header ({_columns})");
        if (_field++ > 0) _writer.Write(',');
    }

    /// <summary>Flushes and, if owned, closes the writer.</summary>
    public void Dispose()
    {
        _writer.Flush();
        if (_ownsWriter) _writer.Dispose();
    }
}
