using System.Buffers.Binary;
using System.Text;
using NeuroEngine.IO;
using NeuroEngine.Simulation;
using NUnit.Framework;

namespace NeuroEngine.Tests.IO;

/// <summary>The .npy reader: round trips through <see cref="NpyWriter"/>, files built byte by byte as numpy lays
/// them out (other types, Fortran order, format version 2), and the refusals, each naming the file.</summary>
public class NpyReaderTests : TempFolderTest
{
    // a .npy file as numpy.save lays it out: magic, version, header length, the dict padded with spaces to a
    // multiple of 64 bytes ending in '\n', then the raw little-endian values
    private static byte[] Build(string dict, byte[] data, int major = 1)
    {
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        int padding = (64 - (prefix + dict.Length + 1) % 64) % 64;
        string text = dict + new string(' ', padding) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        bytes.AddRange(length);
        bytes.AddRange(Encoding.ASCII.GetBytes(text));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void Float64AndFloat32RoundTripThroughTheWriter()
    {
        double[] d = [1.5, -2.25, Math.PI, 1e-300, double.MaxValue, 0];
        string p64 = Path.Combine(Dir, "d.npy");
        NpyWriter.Write(p64, d, 2, 3);
        var a = NpyReader.Read(p64);
        Assert.That(a.Shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(a.Data, Is.EqualTo(d), "float64 bit for bit");

        float[] f = [0.1f, -3.5f, 1e30f, float.Epsilon];
        string p32 = Path.Combine(Dir, "f.npy");
        NpyWriter.Write(p32, f, 4, 1);
        var b = NpyReader.Read(p32);
        Assert.That(b.Shape, Is.EqualTo(new long[] { 4, 1 }));
        Assert.That(b.Data, Is.EqualTo(f.Select(x => (double)x).ToArray()), "float32 widened exactly");

        string p3 = Path.Combine(Dir, "three.npy");
        NpyWriter.Write(p3, new double[8], [2, 2, 2]);
        var ex = Assert.Throws<InvalidDataException>(() => NpyReader.Read(p3));
        Assert.That(ex!.Message, Does.Contain(p3).And.Contain("3 dimensions"));
    }

    [Test]
    public void AHandBuiltHeaderIsParsedAsNumpyWritesIt()
    {
        // np.save(f, np.array([[1., 2., 3.], [4., 5., 6.]])): header of 118 bytes, data at offset 128
        var bytes = Build("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", Doubles(1, 2, 3, 4, 5, 6));
        Assert.That(bytes.Length, Is.EqualTo(128 + 48));
        Assert.That(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), Is.EqualTo(118));
        var m = NpyReader.ReadMatrix(WriteFile("m.npy", bytes));
        Assert.That(m, Is.EqualTo(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        // the writer's header for the same shape is the same bytes (up to the type)
        Assert.That(NpyWriter.Header(2, 3), Is.EqualTo(Build("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", [])));
    }

    [Test]
    public void FortranOrderIsReadColumnByColumn()
    {
        // np.asfortranarray([[1, 2, 3], [4, 5, 6]]) stores 1, 4, 2, 5, 3, 6
        var bytes = Build("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", Doubles(1, 4, 2, 5, 3, 6));
        var a = NpyReader.Read(WriteFile("f.npy", bytes));
        Assert.That(a.Data, Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void IntegersOneDimensionAndVersionTwoAreRead()
    {
        var i8 = new byte[24];
        long[] longs = [-7, 1L << 52, 3];
        for (int k = 0; k < 3; k++) BinaryPrimitives.WriteInt64LittleEndian(i8.AsSpan(8 * k), longs[k]);
        var a = NpyReader.Read(WriteFile("i8.npy", Build("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", i8)));
        Assert.That(a.Shape, Is.EqualTo(new long[] { 3 }));
        Assert.That(a.Data, Is.EqualTo(new double[] { -7, 1L << 52, 3 }));

        var i4 = new byte[16];
        int[] ints = [int.MinValue, -1, 0, int.MaxValue];
        for (int k = 0; k < 4; k++) BinaryPrimitives.WriteInt32LittleEndian(i4.AsSpan(4 * k), ints[k]);
        var b = NpyReader.Read(WriteFile("i4.npy", Build("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 2), }", i4, major: 2)));
        Assert.That(b.Data, Is.EqualTo(new double[] { int.MinValue, 0, -1, int.MaxValue }), "version 2 header, Fortran order");
    }

    [TestCase("{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }", 16, "dtype '>f8' is not supported")]
    [TestCase("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16, "dtype '<c16'")]
    [TestCase("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8, "dtype '|O'")]
    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8, "0 dimensions")]
    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", 24, "file ends inside the data")]
    [TestCase("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 24, "more bytes after the data")]
    [TestCase("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8, "no valid 'descr'")]
    public void UnsupportedFilesAreRefusedNamingTheFile(string dict, int dataBytes, string expected)
    {
        string path = WriteFile("bad.npy", Build(dict, new byte[dataBytes]));
        var ex = Assert.Throws<InvalidDataException>(() => NpyReader.Read(path));
        Assert.That(ex!.Message, Does.StartWith(path + ":").And.Contain(expected));
    }

    [Test]
    public void NotNpyAndMissingFilesAreNamed()
    {
        string text = WriteFile("text.npy", Encoding.ASCII.GetBytes("0,1\n1,0\n"));
        Assert.That(Assert.Throws<InvalidDataException>(() => NpyReader.Read(text))!.Message, Does.Contain(text).And.Contain("not a .npy file"));
        string missing = Path.Combine(Dir, "missing.npy");
        Assert.That(Assert.Throws<FileNotFoundException>(() => NpyReader.Read(missing))!.Message, Does.Contain(missing));
    }

    [Test]
    public void AConnectomeLoadsFromNpyFilesAsFromCsv()
    {
        var csv = Connectome.Load(Path.Combine(RepositoryData.Data("gw"), "connectome"));
        string folder = Path.Combine(Dir, "npy");
        Directory.CreateDirectory(folder);
        NpyWriter.Write(Path.Combine(folder, "Cmat.npy"), csv.Cmat.Cast<double>().ToArray(), 80, 80);
        NpyWriter.Write(Path.Combine(folder, "Dmat.npy"), csv.Dmat.Cast<double>().ToArray(), 80, 80);
        var npy = Connectome.Load(folder);
        Assert.That(npy.Cmat, Is.EqualTo(csv.Cmat));
        Assert.That(npy.Dmat, Is.EqualTo(csv.Dmat));
        var files = Connectome.Load(Path.Combine(folder, "Cmat.npy"), Path.Combine(folder, "Dmat.npy"));
        Assert.That(files.Cmat, Is.EqualTo(csv.Cmat));

        // a negative or non-finite value, or a non-square matrix, is refused naming the file
        string negative = Path.Combine(Dir, "neg.npy");
        NpyWriter.Write(negative, new double[] { 0, -1, 0, 0 }, 2, 2);
        Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.ReadMatrix(negative))!.Message, Does.Contain(negative).And.Contain("negative"));
        string nan = Path.Combine(Dir, "nan.npy");
        NpyWriter.Write(nan, new double[] { 0, double.NaN, 0, 0 }, 2, 2);
        Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.ReadMatrix(nan))!.Message, Does.Contain(nan).And.Contain("not a finite"));
        string wide = Path.Combine(Dir, "wide.npy");
        NpyWriter.Write(wide, new double[6], 2, 3);
        Assert.That(Assert.Throws<InvalidDataException>(() => Connectome.ReadMatrix(wide))!.Message, Does.Contain(wide).And.Contain("square"));
        string empty = Path.Combine(Dir, "empty");
        Directory.CreateDirectory(empty);
        Assert.That(Assert.Throws<FileNotFoundException>(() => Connectome.Load(empty))!.Message, Does.Contain("neither Cmat.csv nor Cmat.npy"));
    }
}
