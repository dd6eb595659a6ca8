using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NeuroEngine.IO;

/// <summary>Writes 2-D float32 or float64 arrays as NumPy <c>.npy</c> files (format version 1.0,
/// little-endian <c>&lt;f4</c> / <c>&lt;f8</c>, C order, header padded so the data starts on a 64-byte boundary),
/// readable with <c>numpy.load</c>.</summary>
public static class NpyWriter
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>The complete header (magic, version, length, dict, padding) for a float32 array of shape [rows, columns].</summary>
    public static byte[] Header(long rows, long columns) => Header(rows, columns, "<f4");

    private static byte[] Header(long rows, long columns, string descr) => Header([rows, columns], descr);

    private static byte[] Header(long[] shape, string descr)
    {
        foreach (long n in shape) ArgumentOutOfRangeException.ThrowIfNegative(n);
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        string dict = string.Create(CultureInfo.InvariantCulture,
            $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}");
        int unpadded = Magic.Length + 2 + dict.Length + 1; // + trailing '\n'
        int padding = (64 - unpadded % 64) % 64;
        string text = dict + new string(' ', padding) + "\n";
        if (text.Length > ushort.MaxValue) throw new InvalidOperationException("npy header too long for format 1.0");
        var header = new byte[Magic.Length + 2 + text.Length];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(Magic.Length), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, header.AsSpan(Magic.Length + 2));
        return header;
    }

    /// <summary>Writes <paramref name="data"/> (row-major, length rows*columns) to a stream.</summary>
    public static void Write(Stream stream, ReadOnlySpan<float> data, long rows, long columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (checked(rows * columns) != data.Length)
            throw new ArgumentException($"data has {data.Length} values, shape ({rows}, {columns}) needs {rows * columns}", nameof(data));
        stream.Write(Header(rows, columns));
        if (BitConverter.IsLittleEndian)
        {
            const int chunk = 1 << 18; // floats per write
            for (int i = 0; i < data.Length; i += chunk)
                stream.Write(MemoryMarshal.AsBytes(data.Slice(i, Math.Min(chunk, data.Length - i))));
        }
        else
        {
            Span<byte> buf = stackalloc byte[4];
            foreach (float f in data) { BinaryPrimitives.WriteSingleLittleEndian(buf, f); stream.Write(buf); }
        }
    }

    /// <summary>Writes <paramref name="data"/> (row-major, length rows*columns) to a new file.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, long rows, long columns)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        Write(stream, data, rows, columns);
    }

    /// <summary>Writes a float64 array (row-major, length rows*columns) to a new file (<c>&lt;f8</c>).</summary>
    public static void Write(string path, ReadOnlySpan<double> data, long rows, long columns) => Write(path, data, [rows, columns]);

    /// <summary>Writes a float64 array of any shape (row-major, C order) to a new file (<c>&lt;f8</c>).</summary>
    public static void Write(string path, ReadOnlySpan<double> data, long[] shape)
    {
        long size = 1;
        foreach (long n in shape) size = checked(size * n);
        if (shape.Length == 0 || size != data.Length)
            throw new ArgumentException($"data has {data.Length} values, shape ({string.Join(", ", shape)}) needs {size}", nameof(data));
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        stream.Write(Header(shape, "<f8"));
        Span<byte> buf = stackalloc byte[8];
        foreach (double d in data) { BinaryPrimitives.WriteDoubleLittleEndian(buf, d); stream.Write(buf); }
    }
}
