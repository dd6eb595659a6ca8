using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Native;

/// <summary>The C# mirrors of the public C structs (NeuroEngine.Native) agree with the native library's own layout
/// (ne_abi_layout, offsetof/sizeof as the C compiler lays them out): every field's offset and size and every
/// struct's size; the native table lists every struct and field of neuroengine.h, in order; and the comparison
/// reports a mirror with two fields swapped (so it can fail).</summary>
public class StructLayoutTests
{
    /// <summary>One row of ne_abi_layout: a field (or, with Field "", the struct's sizeof).</summary>
    public sealed record Row(string Struct, string Field, long Offset, long Size);

    // C# field names that are not the PascalCase of the C name
    private static readonly Dictionary<(string Struct, string Field), string> Renamed = new()
    {
        [("ne_network_population", "c_m_pf")] = "CmPf",
    };

    // public structs without a C# mirror (none today)
    private static readonly string[] Unmirrored = [];

    private delegate int LayoutCount();
    private delegate int Layout(int index, out IntPtr structName, out IntPtr field, out long offset, out long size);

    private static readonly Lazy<IReadOnlyList<Row>> NativeTable = new(ReadNative);

    private static IReadOnlyList<Row> ReadNative()
    {
        _ = MassModelCatalog.BuiltIn; // loads the library through the engine's own resolver and ABI check
        string folder = Path.GetDirectoryName(typeof(MassModelCatalog).Assembly.Location)!;
        string file = OperatingSystem.IsWindows() ? "neuroengine.dll" : OperatingSystem.IsMacOS() ? "libneuroengine.dylib" : "libneuroengine.so";
        nint library = NativeLibrary.Load(Path.Combine(folder, file));
        var count = Marshal.GetDelegateForFunctionPointer<LayoutCount>(NativeLibrary.GetExport(library, "ne_abi_layout_count"));
        var row = Marshal.GetDelegateForFunctionPointer<Layout>(NativeLibrary.GetExport(library, "ne_abi_layout"));
        var rows = new List<Row>();
        for (int i = 0; i < count(); i++)
        {
            Assert.That(row(i, out var s, out var f, out long offset, out long size), Is.Zero);
            rows.Add(new Row(Marshal.PtrToStringUTF8(s)!, Marshal.PtrToStringUTF8(f)!, offset, size));
        }
        Assert.That(row(rows.Count, out _, out _, out _, out _), Is.Not.Zero, "a row past the end is refused");
        return rows;
    }

    /// <summary>The mirrors: every struct of the NeuroEngine.Native namespace.</summary>
    private static IEnumerable<Type> Mirrors() => typeof(MassModelCatalog).Assembly.GetTypes()
        .Where(t => t.Namespace == "NeuroEngine.Native" && t.IsValueType && !t.IsEnum && !t.Name.Contains('<'));

    /// <summary>The C struct a mirror stands for: ne_ + the snake_case of its name without a Native suffix.</summary>
    public static string CName(Type mirror)
    {
        string name = mirror.Name.EndsWith("Native", StringComparison.Ordinal) ? mirror.Name[..^6] : mirror.Name;
        return "ne_" + Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();
    }

    /// <summary>PascalCase of a C field name: n_nodes -> NNodes, v0 -> V0.</summary>
    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Every disagreement between a mirror and the native rows of <paramref name="cName"/>, one line each.</summary>
    public static List<string> Compare(Type mirror, string cName, IReadOnlyList<Row> table)
    {
        var problems = new List<string>();
        var rows = table.Where(r => r.Struct == cName).ToList();
        if (rows.Count == 0) return [$"{mirror.Name}: the native library has no struct {cName}"];
        var fields = mirror.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var native = rows.Where(r => r.Field.Length > 0).ToList();
        foreach (var r in native)
        {
            string expected = Renamed.TryGetValue((cName, r.Field), out var renamed) ? renamed : Pascal(r.Field);
            var f = fields.FirstOrDefault(x => x.Name == expected);
            if (f is null) { problems.Add($"{mirror.Name}: no field {expected} for {cName}.{r.Field}"); continue; }
            long offset = Marshal.OffsetOf(mirror, f.Name).ToInt64(), size = SizeOf(f.FieldType);
            if (offset != r.Offset || size != r.Size)
                problems.Add($"{mirror.Name}.{f.Name}: offset {offset}, size {size}; {cName}.{r.Field}: offset {r.Offset}, size {r.Size}");
        }
        foreach (var f in fields.Where(f => native.All(r => (Renamed.TryGetValue((cName, r.Field), out var n) ? n : Pascal(r.Field)) != f.Name)))
            problems.Add($"{mirror.Name}.{f.Name}: {cName} has no such field");
        long total = Marshal.SizeOf(mirror), want = rows.Single(r => r.Field.Length == 0).Size;
        if (total != want) problems.Add($"{mirror.Name}: size {total}; sizeof({cName}) = {want}");
        return problems;
    }

    private static long SizeOf(Type t) =>
        t.IsPointer || t.IsFunctionPointer || t == typeof(nint) || t == typeof(nuint) ? IntPtr.Size : Marshal.SizeOf(t);

    [Test]
    public void EveryMirrorMatchesTheNativeLayout()
    {
        var mirrors = Mirrors().ToList();
        Assert.That(mirrors, Has.Count.GreaterThanOrEqualTo(15), "the mirrors were found");
        var problems = mirrors.SelectMany(m => Compare(m, CName(m), NativeTable.Value)).ToList();
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void EveryPublicStructHasAMirror()
    {
        var mirrored = Mirrors().Select(CName).ToHashSet();
        var missing = NativeTable.Value.Select(r => r.Struct).Distinct().Where(s => !mirrored.Contains(s) && !Unmirrored.Contains(s)).ToList();
        Assert.That(missing, Is.Empty, "public structs without a C# mirror in NeuroEngine.Native");
    }

    [Test]
    public void TheNativeTableListsEveryStructAndFieldOfTheHeader()
    {
        string header = File.ReadAllText(RepositoryData.RepoFile("native/include/neuroengine.h"));
        header = Regex.Replace(header, @"/\*.*?\*/", "", RegexOptions.Singleline);
        var fromHeader = new List<(string, string)>();
        foreach (Match m in Regex.Matches(header, @"typedef struct (\w+) \{(.*?)\}\s*\w+;", RegexOptions.Singleline))
            foreach (string declaration in m.Groups[2].Value.Split(';').Select(d => d.Trim()).Where(d => d.Length > 0))
            {
                var parts = declaration.Split(',');
                fromHeader.Add((m.Groups[1].Value, Regex.Match(parts[0], @"(\w+)\s*$").Groups[1].Value));
                fromHeader.AddRange(parts.Skip(1).Select(p => (m.Groups[1].Value, p.Trim().TrimStart('*').Trim())));
            }
        var fromTable = NativeTable.Value.Where(r => r.Field.Length > 0).Select(r => (r.Struct, r.Field)).ToList();
        Assert.That(fromHeader, Has.Count.GreaterThan(100));
        Assert.That(fromTable, Is.EqualTo(fromHeader), "native/src/common/abi_layout.c lists the header's structs and fields in order");
        Assert.That(NativeTable.Value.Count(r => r.Field.Length == 0), Is.EqualTo(fromHeader.Select(f => f.Item1).Distinct().Count()));
    }

    // a mirror of ne_mass_state_info with init_low and init_high swapped, and one with a field too few
    [StructLayout(LayoutKind.Sequential)]
    private struct SwappedStateInfo
    {
        public uint StructSize;
        public int Reserved;
        public nint Name;
        public nint Unit;
        public double InitHigh;
        public double InitLow;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ShortStateInfo
    {
        public uint StructSize;
        public nint Name;
        public nint Unit;
        public double InitLow;
        public double InitHigh;
    }

    [Test]
    public void TheComparisonReportsASwappedOrMissingField()
    {
        var swapped = Compare(typeof(SwappedStateInfo), "ne_mass_state_info", NativeTable.Value);
        Assert.That(swapped, Is.EquivalentTo(new[]
        {
            "SwappedStateInfo.InitLow: offset 32, size 8; ne_mass_state_info.init_low: offset 24, size 8",
            "SwappedStateInfo.InitHigh: offset 24, size 8; ne_mass_state_info.init_high: offset 32, size 8",
        }));
        var shortOne = Compare(typeof(ShortStateInfo), "ne_mass_state_info", NativeTable.Value);
        Assert.That(shortOne, Is.EqualTo(new[] { "ShortStateInfo: no field Reserved for ne_mass_state_info.reserved" }));
        Assert.That(CName(typeof(SwappedStateInfo)), Is.EqualTo("ne_swapped_state_info"));
        Assert.That(Pascal("n_nodes"), Is.EqualTo("NNodes"));
    }
}
