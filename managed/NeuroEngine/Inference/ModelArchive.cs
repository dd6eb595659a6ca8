using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroEngine.IO;

namespace NeuroEngine.Inference;

/// <summary>The saved form of a trained model (MODEL_DIR, see docs/inference.md): <c>model.json</c>
/// (format version, kind, hyperparameters, names, scaler, training summary, and the list of arrays
/// with name, dtype and shape) and <c>weights.bin</c> (the arrays, little-endian float64, in the
/// order model.json lists them). Readers check the format version and refuse newer files by name.</summary>
public sealed class ModelArchive
{
    /// <summary>Version of the format this engine writes; it reads this and every earlier version.</summary>
    public const int FormatVersion = 1;
    public const string MetadataFile = "model.json", WeightsFile = "weights.bin";

    private readonly List<(string Name, int[] Shape, double[] Data)> _arrays = [];

    /// <summary>The JSON document (everything except the arrays' values).</summary>
    public JsonObject Metadata { get; }

    public ModelArchive(string kind)
    {
        Metadata = new JsonObject
        {
            ["format"] = "neuroengine-model",
            ["format_version"] = FormatVersion,
            ["engine_version"] = EngineInfo.ManagedVersion,
            ["kind"] = kind,
        };
    }

    private ModelArchive(JsonObject metadata) => Metadata = metadata;

    public string Kind => (string?)Metadata["kind"] ?? "";

    /// <summary>Adds an array (its values are copied at <see cref="Save"/> time, not now).</summary>
    public void Add(string name, double[] data, params int[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length) throw new ArgumentException($"array '{name}': shape [{string.Join(", ", shape)}] holds {count} values, data has {data.Length}", nameof(shape));
        if (_arrays.Any(a => a.Name == name)) throw new ArgumentException($"array '{name}' added twice", nameof(name));
        _arrays.Add((name, shape, data));
    }

    /// <summary>The array <paramref name="name"/>; <paramref name="expectedLength"/> (if given) is checked.</summary>
    public double[] Get(string name, int expectedLength = -1)
    {
        foreach (var a in _arrays)
            if (a.Name == name)
            {
                if (expectedLength >= 0 && a.Data.Length != expectedLength)
                    throw new InvalidDataException($"{WeightsFile}: array '{name}' has {a.Data.Length} values, the model needs {expectedLength}");
                return a.Data;
            }
        throw new InvalidDataException($"{MetadataFile}: array '{name}' is missing");
    }

    /// <summary>A required metadata value, with the file named in the error.</summary>
    public JsonNode Require(string key) =>
        Metadata[key] ?? throw new InvalidDataException($"{MetadataFile}: key '{key}' is missing");

    /// <summary>Writes model.json and weights.bin into <paramref name="directory"/> (which must exist).</summary>
    public void WriteInto(string directory)
    {
        var list = new JsonArray();
        foreach (var (name, shape, _) in _arrays)
            list.Add(new JsonObject { ["name"] = name, ["dtype"] = "float64", ["shape"] = new JsonArray(shape.Select(s => (JsonNode)s).ToArray()) });
        Metadata["arrays"] = list;
        File.WriteAllText(Path.Combine(directory, MetadataFile), Metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        using var stream = File.Create(Path.Combine(directory, WeightsFile));
        var buffer = new byte[8];
        foreach (var (_, _, data) in _arrays)
            foreach (double v in data)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, v);
                stream.Write(buffer);
            }
    }

    /// <summary>Writes MODEL_DIR all-or-nothing (an earlier model there is replaced).</summary>
    public void Save(string directory, IEnumerable<string>? extraFiles = null)
    {
        using var output = new AtomicOutputDirectory(directory, [MetadataFile, WeightsFile, .. extraFiles ?? []]);
        WriteInto(output.TempPath);
        output.Commit();
    }

    /// <summary>Reads MODEL_DIR; errors name the file and what is wrong.</summary>
    public static ModelArchive Load(string directory)
    {
        string jsonPath = Path.Combine(directory, MetadataFile), binPath = Path.Combine(directory, WeightsFile);
        if (!Directory.Exists(directory)) throw new FileNotFoundException($"model folder '{directory}' does not exist", directory);
        if (!File.Exists(jsonPath)) throw new FileNotFoundException($"{jsonPath}: not found (is '{directory}' a model folder written by 'neuroengine infer train'?)", jsonPath);
        JsonObject metadata;
        try { metadata = JsonNode.Parse(File.ReadAllText(jsonPath)) as JsonObject ?? throw new InvalidDataException($"{jsonPath}: not a JSON object"); }
        catch (JsonException ex) { throw new InvalidDataException($"{jsonPath}: invalid JSON ({ex.Message})", ex); }
        if ((string?)metadata["format"] != "neuroengine-model") throw new InvalidDataException($"{jsonPath}: not a NeuroEngine model (format '{metadata["format"]}')");
        int version = (int?)metadata["format_version"] ?? -1;
        if (version < 1 || version > FormatVersion)
            throw new InvalidDataException($"{jsonPath}: model format version {version} (written by engine {metadata["engine_version"]}) is not readable by engine {EngineInfo.ManagedVersion}, which reads format versions 1 to {FormatVersion}");
        var archive = new ModelArchive(metadata);
        if (!File.Exists(binPath)) throw new FileNotFoundException($"{binPath}: not found", binPath);
        byte[] bytes = File.ReadAllBytes(binPath);
        long position = 0;
        foreach (var node in metadata["arrays"] as JsonArray ?? throw new InvalidDataException($"{jsonPath}: 'arrays' list is missing"))
        {
            string name = (string?)node?["name"] ?? throw new InvalidDataException($"{jsonPath}: an array without a name");
            if ((string?)node!["dtype"] != "float64") throw new InvalidDataException($"{jsonPath}: array '{name}' has dtype '{node["dtype"]}', expected float64");
            int[] shape = (node["shape"] as JsonArray ?? throw new InvalidDataException($"{jsonPath}: array '{name}' has no shape")).Select(s => (int)s!).ToArray();
            long count = shape.Aggregate(1L, (a, b) => a * b);
            if (position + count * 8 > bytes.Length)
                throw new InvalidDataException($"{binPath}: {bytes.Length} bytes, too short for array '{name}' (needs bytes up to {position + count * 8})");
            var data = new double[count];
            for (long i = 0; i < count; i++) data[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan((int)(position + 8 * i), 8));
            position += count * 8;
            archive._arrays.Add((name, shape, data));
        }
        if (position != bytes.Length) throw new InvalidDataException($"{binPath}: {bytes.Length} bytes but model.json lists {position}");
        return archive;
    }

    /// <summary>JSON array of numbers.</summary>
    public static JsonArray ToJson(IEnumerable<double> values) => new(values.Select(v => (JsonNode)v).ToArray());
    public static JsonArray ToJson(IEnumerable<int> values) => new(values.Select(v => (JsonNode)v).ToArray());
    public static JsonArray ToJson(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
    public static double[] Doubles(JsonNode? node, string what) =>
        (node as JsonArray ?? throw new InvalidDataException($"{MetadataFile}: '{what}' is missing")).Select(v => (double)v!).ToArray();
    public static string[] Strings(JsonNode? node, string what) =>
        (node as JsonArray ?? throw new InvalidDataException($"{MetadataFile}: '{what}' is missing")).Select(v => (string)v!).ToArray();
}
