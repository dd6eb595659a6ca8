using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Search;

/// <summary>Applies searched parameter values to a <c>simulate</c> config as YAML (docs/search.md):
/// a name <c>a.b.c</c> sets that key path (list items by index, e.g. <c>connections.1.weight</c>), a
/// bare name sets <c>params.&lt;name&gt;</c> for the neural mass models and the top-level key
/// otherwise. Missing mappings and final keys are created; the model's own parser then checks them.</summary>
internal static class ConfigOverrides
{
    /// <summary>The key path a searched parameter name sets.</summary>
    public static string[] PathOf(string name, bool neuralMass) =>
        name.Contains('.') ? name.Split('.') : neuralMass ? ["params", name] : [name];

    /// <summary>A deep copy of a YAML tree.</summary>
    public static YamlNode Clone(YamlNode node) => node switch
    {
        YamlMappingNode map => new YamlMappingNode(map.Children.Select(kv => new KeyValuePair<YamlNode, YamlNode>(Clone(kv.Key), Clone(kv.Value)))),
        YamlSequenceNode seq => new YamlSequenceNode(seq.Children.Select(Clone)),
        YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style },
        _ => throw new CliException($"unsupported YAML node {node.NodeType}"),
    };

    /// <summary>Sets <paramref name="path"/> in <paramref name="root"/> to the scalar <paramref name="value"/>;
    /// errors name the searched parameter.</summary>
    public static void Set(YamlMappingNode root, string[] path, string value, string parameter)
    {
        YamlNode node = root;
        for (int i = 0; i < path.Length; i++)
        {
            bool last = i == path.Length - 1;
            string key = path[i];
            string where = string.Join('.', path[..(i + 1)]);
            switch (node)
            {
                case YamlMappingNode map:
                    var k = new YamlScalarNode(key);
                    if (last) { map.Children[k] = new YamlScalarNode(value); return; }
                    if (!map.Children.TryGetValue(k, out var child))
                        map.Children[k] = child = path[i + 1].All(char.IsAsciiDigit) ? new YamlSequenceNode() : new YamlMappingNode();
                    node = child;
                    break;
                case YamlSequenceNode seq:
                    if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                        throw new CliException($"space.{parameter}: {string.Join('.', path[..i])} is a list; '{key}' must be an item index");
                    if (index >= seq.Children.Count)
                        throw new CliException($"space.{parameter}: {string.Join('.', path[..i])} has {seq.Children.Count} items, there is no item {index}");
                    if (last) { seq.Children[index] = new YamlScalarNode(value); return; }
                    node = seq.Children[index];
                    break;
                default:
                    throw new CliException($"space.{parameter}: {string.Join('.', path[..i])} is a value, it has no key '{key}' ({where})");
            }
        }
    }

    /// <summary>The YAML text of a tree.</summary>
    public static string Text(YamlMappingNode root)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
