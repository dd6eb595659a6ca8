using System.Collections.Concurrent;
using System.Security.Cryptography;
using NeuroEngine.Models;

namespace NeuroEngine.Cli.Config;

/// <summary>A model file as a config uses it: the loaded model, its full path, the SHA-256 of its text and the
/// backend it runs on.</summary>
public sealed record UserModelSource(string Path, string Sha256, ModelBackend Requested, UserMassModel Model);

/// <summary>User models loaded once per process: a search parses a config per candidate, and each of them names the
/// same file, which must not be read, compiled (or found in the compile cache) and loaded again. Keyed by the full
/// path, the SHA-256 of the file's text and the backend, so an edited file loads afresh. The models live until the
/// process ends (their native code may run in any later simulation).</summary>
public static class UserModelCache
{
    private static readonly ConcurrentDictionary<(string Path, string Hash, ModelBackend Backend), Lazy<UserModelSource>> Loaded = new();

    /// <summary>The model of the file at <paramref name="path"/> (full path) on <paramref name="backend"/>.</summary>
    /// <param name="notes">Where the one note of the auto backend's managed fallback goes.</param>
    /// <exception cref="ModelException">The file cannot be read or is invalid, or its compilation fails.</exception>
    public static UserModelSource Get(string path, ModelBackend backend, TextWriter notes)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"{path}: cannot read the model file: {e.Message}", e);
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        var lazy = Loaded.GetOrAdd((path, hash, backend), key => new Lazy<UserModelSource>(
            () => new UserModelSource(key.Path, key.Hash, key.Backend, new UserMassModel(MassModelFile.Parse(text, key.Path), key.Backend, notes: notes))));
        try { return lazy.Value; }
        catch (ModelException)
        {
            Loaded.TryRemove(new KeyValuePair<(string, string, ModelBackend), Lazy<UserModelSource>>((path, hash, backend), lazy)); // a failure is not kept: a fixed compiler may succeed next time
            throw;
        }
    }
}
