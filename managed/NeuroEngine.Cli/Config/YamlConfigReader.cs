using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>Checks a YAML tree and converts scalars, with errors naming file, line and key.</summary>
internal sealed class YamlConfigReader(string file)
{
    /// <summary>Parses YAML text whose root must be a mapping.</summary>
    public static YamlMappingNode LoadRoot(string yaml, string displayName)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1) throw new CliException($"{displayName}: expected one YAML document, found {stream.Documents.Count}");
            return stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new CliException($"{displayName}: the config must be a mapping of keys (model:, ...)");
        }
        catch (YamlException ex)
        {
            throw new CliException($"{displayName} line {ex.Start.Line}: invalid YAML: {ex.Message}");
        }
    }

    /// <summary>Reads a config file's text, with errors naming the file.</summary>
    public static string ReadFile(string path)
    {
        string full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full)) throw new CliException($"{path}: config file not found");
        try { return System.IO.File.ReadAllText(full); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new CliException($"{path}: cannot read: {ex.Message}"); }
    }

    /// <summary>The <c>model:</c> value of a config file (null if absent), to pick the parser.</summary>
    public static string? PeekModel(string path) => PeekModelNode(path) is YamlScalarNode { Value: { } v } ? v : null;

    /// <summary>The <c>model:</c> node of a config (a name, or a mapping such as a model file's <c>{file: ...}</c>), or null.</summary>
    public static YamlNode? PeekModelNode(string path)
    {
        var root = LoadRoot(ReadFile(path), path);
        return root.Children.TryGetValue(new YamlScalarNode("model"), out var node) ? node : null;
    }

    public bool Bool(YamlNode node, string key)
    {
        string s = Plain(node, key, "true or false");
        return s switch
        {
            "true" or "True" or "TRUE" or "yes" => true,
            "false" or "False" or "FALSE" or "no" => false,
            _ => throw Error(node, key, $"must be true or false, got '{s}'"),
        };
    }

    public int Int32(YamlNode node, string key)
    {
        long x = Int64(node, key);
        if (x < int.MinValue || x > int.MaxValue) throw Error(node, key, $"is out of range, got {x}");
        return (int)x;
    }

    /// <summary>A name or a list of names.</summary>
    public string[] Names(YamlNode node, string key) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select((c, i) => String(c, $"{key}[{i}]")).ToArray(),
        _ => [String(node, key)],
    };

    /// <summary>A list node's items.</summary>
    public IList<YamlNode> List(YamlNode node, string key) =>
        node is YamlSequenceNode seq ? seq.Children : throw Error(node, key, "must be a list");

    public CliException Error(YamlNode node, string key, string what) =>
        new($"{file} line {node.Start.Line}: {key} {what}");

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public Dictionary<string, YamlNode> Keys(YamlNode node, string section, string[] allowed)
    {
        string where = section.Length == 0 ? "" : section + ".";
        if (node is not YamlMappingNode map)
            throw Error(node, section.Length == 0 ? "config" : section, "must be a mapping of keys");
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? throw Error(k, where.TrimEnd('.'), "has a key that is not text");
            if (!allowed.Contains(name))
                throw new CliException($"{file} line {k.Start.Line}: unknown key {where}{name} (allowed: {string.Join(", ", allowed.Select(a => where + a))})");
            if (!result.TryAdd(name, v)) throw new CliException($"{file} line {k.Start.Line}: duplicate key {where}{name}");
        }
        return result;
    }

    public string String(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } s } && !(IsNull(node)) ? s : throw Error(node, key, "must be text");

    public string Plain(YamlNode node, string key, string kind) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { Length: > 0 } s } && !IsNull(node)
            ? s : throw Error(node, key, $"must be {kind}, got {Describe(node)}");

    public double Double(YamlNode node, string key)
    {
        string s = Plain(node, key, "a number");
        if (!double.TryParse(s.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
            throw Error(node, key, $"must be a number, got '{s}'");
        if (!double.IsFinite(x)) throw Error(node, key, $"must be finite, got {s}");
        return x;
    }

    public long Int64(YamlNode node, string key)
    {
        string s = Plain(node, key, "an integer");
        if (!long.TryParse(s.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long x))
            throw Error(node, key, $"must be an integer, got '{s}'");
        return x;
    }

    public ulong UInt64(YamlNode node, string key)
    {
        string s = Plain(node, key, "an integer");
        if (!ulong.TryParse(s.Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture, out ulong x))
            throw Error(node, key, $"must be an integer >= 0, got '{s}'");
        return x;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode sc when IsNull(sc) => "nothing",
        YamlScalarNode sc => $"'{sc.Value}'",
        _ => node.NodeType.ToString(),
    };
}
