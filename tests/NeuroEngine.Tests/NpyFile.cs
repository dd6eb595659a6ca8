using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace NeuroEngine.Tests;

/// <summary>Reads the little-endian float64 .npy files the engine writes (version 1.0, C order).</summary>
public static class NpyFile
{
    public static (long[] Shape, double[] Data) ReadFloat64(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        if (!header.Contains("'descr': '<f8'") || !header.Contains("'fortran_order': False"))
            throw new InvalidDataException($"{path}: not a C-order float64 array: {header}");
        var dims = Regex.Match(header, @"'shape': \(([^)]*)\)").Groups[1].Value;
        long[] shape = dims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        int start = 10 + headerLength;
        var data = new double[(bytes.Length - start) / 8];
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(start + 8 * i));
        if (shape.Aggregate(1L, (a, b) => a * b) != data.Length) throw new InvalidDataException($"{path}: shape and data disagree");
        return (shape, data);
    }
}
