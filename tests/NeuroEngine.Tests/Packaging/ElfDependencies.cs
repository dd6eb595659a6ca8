using System.Buffers.Binary;
using System.Text;

namespace NeuroEngine.Tests.Packaging;

/// <summary>The DT_NEEDED entries of a 64-bit little-endian ELF shared library (the libraries the
/// dynamic loader must find before it can load it), read from the file's dynamic section.</summary>
public static class ElfDependencies
{
    private const uint ShtDynamic = 6;
    private const long DtNull = 0, DtNeeded = 1;

    public static IReadOnlyList<string> Needed(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7F || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F')
            throw new InvalidDataException($"{path} is not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file (class {elf[4]}, data {elf[5]})");

        var span = elf.AsSpan();
        long sectionTable = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        Span<byte> Section(int index) => elf.AsSpan(checked((int)(sectionTable + (long)index * entrySize)), 64);

        var needed = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var header = Section(i);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtDynamic) continue;
            long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[32..]);
            // sh_link of the dynamic section names its string table (.dynstr).
            var strings = Section((int)BinaryPrimitives.ReadUInt32LittleEndian(header[40..]));
            long stringsOffset = (long)BinaryPrimitives.ReadUInt64LittleEndian(strings[24..]);
            for (long entry = offset; entry + 16 <= offset + size; entry += 16)
            {
                long tag = BinaryPrimitives.ReadInt64LittleEndian(span[(int)entry..]);
                if (tag == DtNull) break;
                if (tag != DtNeeded) continue;
                int start = checked((int)(stringsOffset + (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(int)(entry + 8)..])));
                int length = span[start..].IndexOf((byte)0);
                needed.Add(Encoding.UTF8.GetString(span.Slice(start, length)));
            }
        }
        return needed;
    }
}
