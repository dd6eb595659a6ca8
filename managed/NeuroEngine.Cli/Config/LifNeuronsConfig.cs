using System.Globalization;
using System.Text.RegularExpressions;
using NeuroEngine.Simulation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Cli.Config;

/// <summary>The config of <c>neuroengine simulate</c> for <c>model: lif-neurons</c>
/// (docs/lif-neurons.md), read from YAML with every key checked: unknown keys, wrong types and
/// invalid values raise <see cref="CliException"/> naming the file, line and key.</summary>
public sealed record LifNeuronsConfig
{
    public const string ModelName = "lif-neurons";

    /// <summary>Config file (full path), or null for built-in defaults.</summary>
    public string? SourcePath { get; init; }
    public ulong Seed { get; init; } = 45;
    public int Neurons { get; init; } = 20_000;
    /// <summary>Parameters CSV, resolved against the config file's folder; null = sample the prior.</summary>
    public string? ParametersPath { get; init; }
    public LifSettings Settings { get; init; } = new();
    public int VoltageEvery { get; init; }
    public int MaxSpikesPerNeuron { get; init; } = -1;
    public long MaxMemoryMb { get; init; } = 8192;

    /// <summary>Run options for the engine (threads from the command line).</summary>
    public LifRunOptions ToRunOptions(int threads) => new()
    {
        Seed = Seed, VoltageEvery = VoltageEvery, MaxSpikesPerNeuron = MaxSpikesPerNeuron,
        Threads = threads, MaxMemoryBytes = MaxMemoryMb << 20,
    };

    private static readonly string[] TopKeys = ["model", "seed", "neurons", "parameters", "settings", "record", "limits"];
    private static readonly string[] SettingsKeys = ["T_ms", "dt_ms", "tref_ms", "I_mean", "I_std", "obs_noise_std", "v_clip", "scheme"];
    private static readonly string[] RecordKeys = ["voltage_every", "max_spikes_per_neuron"];
    private static readonly string[] LimitsKeys = ["max_memory_mb"];

    /// <summary>Library property names -> config keys, for error messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyOfProperty = new Dictionary<string, string>
    {
        ["TMs"] = "settings.T_ms", ["DtMs"] = "settings.dt_ms", ["TrefMs"] = "settings.tref_ms",
        ["IMean"] = "settings.I_mean", ["IStd"] = "settings.I_std", ["ObsNoiseStd"] = "settings.obs_noise_std",
        ["VClipLo"] = "settings.v_clip[0]", ["VClipHi"] = "settings.v_clip[1]", ["Scheme"] = "settings.scheme",
        ["VoltageEvery"] = "record.voltage_every", ["MaxSpikesPerNeuron"] = "record.max_spikes_per_neuron",
        ["MaxMemoryBytes"] = "limits.max_memory_mb", ["Seed"] = "seed", ["Threads"] = "--threads",
    };

    /// <summary>Rewrites a library ArgumentException's message with config keys instead of property names.</summary>
    public static string Translate(ArgumentException ex)
    {
        return Regex.Replace(CliErrors.Message(ex), @"\b(" + string.Join("|", KeyOfProperty.Keys) + @")\b", m => KeyOfProperty[m.Value]);
    }

    /// <summary>Reads and validates a config file.</summary>
    public static LifNeuronsConfig Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new CliException($"{path}: config file not found");
        string text;
        try { text = File.ReadAllText(full); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new CliException($"{path}: cannot read: {ex.Message}"); }
        return Parse(text, path, Path.GetDirectoryName(full)!, full);
    }

    /// <summary>Parses YAML text; <paramref name="displayName"/> names the file in errors,
    /// <paramref name="baseFolder"/> resolves a relative <c>parameters</c> path.</summary>
    public static LifNeuronsConfig Parse(string yaml, string displayName, string baseFolder, string? sourcePath = null)
    {
        var reader = new YamlConfigReader(displayName);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1) throw new CliException($"{displayName}: expected one YAML document, found {stream.Documents.Count}");
            root = stream.Documents[0].RootNode as YamlMappingNode
                ?? throw new CliException($"{displayName}: the config must be a mapping of keys (model:, settings:, ...)");
        }
        catch (YamlException ex)
        {
            throw new CliException($"{displayName} line {ex.Start.Line}: invalid YAML: {ex.Message}");
        }

        var top = reader.Keys(root, "", TopKeys);
        if (!top.TryGetValue("model", out var modelNode)) throw new CliException($"{displayName}: model is required (model: {ModelName})");
        string model = reader.String(modelNode, "model");
        if (model != ModelName) throw reader.Error(modelNode, "model", $"must name a known model ({ModelName}), got '{model}'");

        var config = new LifNeuronsConfig { SourcePath = sourcePath };
        if (top.TryGetValue("seed", out var n)) config = config with { Seed = reader.UInt64(n, "seed") };
        if (top.TryGetValue("neurons", out n))
        {
            long neurons = reader.Int64(n, "neurons");
            if (neurons < 1 || neurons > int.MaxValue) throw reader.Error(n, "neurons", $"must be between 1 and {int.MaxValue}, got {neurons}");
            config = config with { Neurons = (int)neurons };
        }
        if (top.TryGetValue("parameters", out n) && !YamlConfigReader.IsNull(n))
        {
            string rel = reader.String(n, "parameters");
            if (rel.Length == 0) throw reader.Error(n, "parameters", "must be a file path");
            config = config with { ParametersPath = Path.GetFullPath(Path.Combine(baseFolder, rel)) };
        }

        var s = config.Settings;
        if (top.TryGetValue("settings", out n) && !YamlConfigReader.IsNull(n))
        {
            var m = reader.Keys(n, "settings", SettingsKeys);
            if (m.TryGetValue("T_ms", out var v)) s = s with { TMs = reader.Double(v, "settings.T_ms") };
            if (m.TryGetValue("dt_ms", out v)) s = s with { DtMs = reader.Double(v, "settings.dt_ms") };
            if (m.TryGetValue("tref_ms", out v)) s = s with { TrefMs = reader.Double(v, "settings.tref_ms") };
            if (m.TryGetValue("I_mean", out v)) s = s with { IMean = reader.Double(v, "settings.I_mean") };
            if (m.TryGetValue("I_std", out v)) s = s with { IStd = reader.Double(v, "settings.I_std") };
            if (m.TryGetValue("obs_noise_std", out v)) s = s with { ObsNoiseStd = reader.Double(v, "settings.obs_noise_std") };
            if (m.TryGetValue("v_clip", out v))
            {
                if (v is not YamlSequenceNode seq || seq.Children.Count != 2)
                    throw reader.Error(v, "settings.v_clip", "must be a list of two numbers [lo, hi]");
                s = s with { VClipLo = reader.Double(seq.Children[0], "settings.v_clip[0]"), VClipHi = reader.Double(seq.Children[1], "settings.v_clip[1]") };
            }
            if (m.TryGetValue("scheme", out v))
            {
                string scheme = reader.String(v, "settings.scheme");
                s = s with
                {
                    Scheme = scheme switch
                    {
                        "euler-reference" => LifScheme.EulerReference,
                        "exact" => LifScheme.Exact,
                        _ => throw reader.Error(v, "settings.scheme", $"unknown scheme '{scheme}' (known: euler-reference, exact)"),
                    },
                };
            }
        }
        config = config with { Settings = s };

        if (top.TryGetValue("record", out n) && !YamlConfigReader.IsNull(n))
        {
            var m = reader.Keys(n, "record", RecordKeys);
            if (m.TryGetValue("voltage_every", out var v))
            {
                long k = reader.Int64(v, "record.voltage_every");
                if (k < 0 || k > int.MaxValue) throw reader.Error(v, "record.voltage_every", $"must be >= 0 (0 = no voltage), got {k}");
                config = config with { VoltageEvery = (int)k };
            }
            if (m.TryGetValue("max_spikes_per_neuron", out v))
            {
                long k = reader.Int64(v, "record.max_spikes_per_neuron");
                if (k < -1 || k > int.MaxValue) throw reader.Error(v, "record.max_spikes_per_neuron", $"must be >= -1 (-1 = all spikes, 0 = none), got {k}");
                config = config with { MaxSpikesPerNeuron = (int)k };
            }
        }
        if (top.TryGetValue("limits", out n) && !YamlConfigReader.IsNull(n))
        {
            var m = reader.Keys(n, "limits", LimitsKeys);
            if (m.TryGetValue("max_memory_mb", out var v))
            {
                long mb = reader.Int64(v, "limits.max_memory_mb");
                if (mb < 1 || mb > (long.MaxValue >> 20)) throw reader.Error(v, "limits.max_memory_mb", $"must be >= 1, got {mb}");
                config = config with { MaxMemoryMb = mb };
            }
        }
        config.Validate();
        return config;
    }

    /// <summary>Checks settings and record options with the engine's rules; errors name config keys.</summary>
    public void Validate()
    {
        try
        {
            Settings.Validate();
            ToRunOptions(0).Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(Translate(ex));
        }
    }
}
