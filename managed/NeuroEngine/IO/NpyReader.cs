using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroEngine.IO;

/// <summary>A 1-D or 2-D array read from a <c>.npy</c> file: its shape and its values as float64 in row-major
/// (C) order whatever the file's order.</summary>
public sealed record NpyArray(long[] Shape, double[] Data)
{
    /// <summary>Rows (the first dimension).</summary>
    public long Rows => Shape[0];
    /// <summary>Columns (1 for a 1-D array).</summary>
    public long Columns => Shape.Length == 2 ? Shape[1] : 1;
}

/// <summary>Reads NumPy <c>.npy</c> files (format versions 1, 2 and 3) holding little-endian float64, float32,
/// int64 or int32 arrays of one or two dimensions, in C or Fortran order: what <c>numpy.save</c> writes for a
/// matrix or vector of numbers on any common machine. Anything else (big-endian, other types, more dimensions,
/// object arrays, a truncated file) is refused with an <see cref="InvalidDataException"/> naming the file.</summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a 2-D array as a matrix [row, column] (a 1-D array is refused).</summary>
    public static double[,] ReadMatrix(string path)
    {
        var a = Read(path);
        if (a.Shape.Length != 2) throw new InvalidDataException($"{path}: expected a 2-D array, got shape ({ShapeText(a.Shape)})");
        var m = new double[a.Rows, a.Columns];
        Buffer.BlockCopy(a.Data, 0, m, 0, a.Data.Length * sizeof(double));
        return m;
    }

    /// <summary>Reads an array from <paramref name="stream"/>; <paramref name="name"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var prefix = new byte[8];
        ReadExactly(stream, prefix, name, "the magic string");
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic)) throw new InvalidDataException($"{name}: not a .npy file (no \\x93NUMPY magic string)");
        int major = prefix[6];
        if (major is < 1 or > 3) throw new InvalidDataException($"{name}: .npy format version {major}.{prefix[7]} is not supported (1, 2 or 3)");
        // version 1 stores the header length in 2 bytes, versions 2 and 3 in 4
        var lengthBytes = new byte[major == 1 ? 2 : 4];
        ReadExactly(stream, lengthBytes, name, "the header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > 1 << 20) throw new InvalidDataException($"{name}: header of {headerLength} bytes is implausibly long");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, name, "the header");
        // version 3 allows UTF-8 in the header (field names of structured types, refused below anyway)
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);

        string descr = Field(DescrPattern(), header, name, "descr");
        bool fortran = Field(FortranPattern(), header, name, "fortran_order") == "True";
        long[] shape = ParseShape(Field(ShapePattern(), header, name, "shape"), name);
        int itemSize = descr switch
        {
            "<f8" or "<i8" => 8,
            "<f4" or "<i4" => 4,
            _ => throw new InvalidDataException($"{name}: dtype '{descr}' is not supported (little-endian float64 '<f8', float32 '<f4', int64 '<i8' or int32 '<i4')"),
        };
        if (shape.Length is not (1 or 2))
            throw new InvalidDataException($"{name}: shape ({ShapeText(shape)}) has {shape.Length} dimensions, only 1-D and 2-D arrays are supported");
        long count = 1;
        foreach (long n in shape) count = checked(count * n);
        if (count > Array.MaxLength) throw new InvalidDataException($"{name}: {count} values are too many for one array");

        var raw = new byte[checked(count * itemSize)];
        ReadExactly(stream, raw, name, $"the data ({count} values of {itemSize} bytes for shape ({ShapeText(shape)}))");
        if (stream.ReadByte() != -1) throw new InvalidDataException($"{name}: more bytes after the data than shape ({ShapeText(shape)}) holds");

        var values = new double[count];
        for (long i = 0; i < count; i++)
        {
            var b = raw.AsSpan((int)(i * itemSize), itemSize);
            values[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(b),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(b),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(b),
                _ => BinaryPrimitives.ReadInt32LittleEndian(b),
            };
        }
        if (fortran && shape.Length == 2)
        {
            // Fortran order stores column after column: element [i, j] sits at j * rows + i
            long rows = shape[0], columns = shape[1];
            var c = new double[count];
            for (long i = 0; i < rows; i++)
                for (long j = 0; j < columns; j++) c[i * columns + j] = values[j * rows + i];
            values = c;
        }
        return new NpyArray(shape, values);
    }

    private static string Field(Regex pattern, string header, string name, string key)
    {
        var m = pattern.Match(header);
        if (!m.Success) throw new InvalidDataException($"{name}: the .npy header has no valid '{key}' entry: {header.Trim()}");
        return m.Groups[1].Value;
    }

    private static long[] ParseShape(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new InvalidDataException($"{name}: shape ({text}) holds '{parts[i]}', not a dimension");
        return shape;
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string name, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length) throw new InvalidDataException($"{name}: file ends inside {what} ({read} of {buffer.Length} bytes)");
    }

    private static string ShapeText(long[] shape) => string.Join(", ", shape);

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
