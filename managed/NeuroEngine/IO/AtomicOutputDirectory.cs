namespace NeuroEngine.IO;

/// <summary>An output folder written all-or-nothing: files go into a temporary sibling folder
/// (<c>DIR.tmp-&lt;pid&gt;</c>) that is renamed to DIR by <see cref="Commit"/>. Disposing without
/// committing deletes the temporary folder, so a failed or cancelled run leaves no partial output.</summary>
/// <remarks>An existing DIR is replaced on commit only if it is empty or holds nothing but files
/// named in <c>replaceableFiles</c> (outputs of an earlier run); otherwise the constructor refuses
/// with <see cref="OutputDirectoryNotEmptyException"/>, so a mistyped path never deletes user data.</remarks>
/// <example><code>
/// using var output = new AtomicOutputDirectory("run1", ["summary.csv"]);
/// File.WriteAllText(output.PathOf("summary.csv"), "...");
/// output.Commit();
/// </code></example>
public sealed class AtomicOutputDirectory : IDisposable
{
    private readonly HashSet<string> _replaceable;
    private bool _committed;

    /// <summary>Checks that <paramref name="path"/> may be (re)placed and creates the temporary folder
    /// (and the parent folders of <paramref name="path"/> if missing).</summary>
    public AtomicOutputDirectory(string path, IEnumerable<string>? replaceableFiles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FinalPath = System.IO.Path.GetFullPath(path.TrimEnd('/', '\\') is { Length: > 0 } p ? p : path);
        _replaceable = new HashSet<string>(replaceableFiles ?? [], StringComparer.Ordinal) { ReportFile };
        CheckReplaceable();
        string parent = System.IO.Path.GetDirectoryName(FinalPath) ?? throw new ArgumentException($"{path}: cannot write to a root folder", nameof(path));
        Directory.CreateDirectory(parent);
        TempPath = $"{FinalPath}.tmp-{Environment.ProcessId}";
        if (Directory.Exists(TempPath)) Directory.Delete(TempPath, recursive: true);
        Directory.CreateDirectory(TempPath);
    }

    /// <summary>The HTML report the command line writes beside any output (always replaceable).</summary>
    public const string ReportFile = "report.html";

    /// <summary>Where the output ends up.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary folder the files are written into.</summary>
    public string TempPath { get; }

    /// <summary>Path of <paramref name="fileName"/> inside the temporary folder.</summary>
    public string PathOf(string fileName) => System.IO.Path.Combine(TempPath, fileName);

    /// <summary>Moves the finished output into place (replacing an earlier run's output).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        CheckReplaceable();
        string? old = null;
        if (Directory.Exists(FinalPath))
        {
            old = $"{FinalPath}.old-{Environment.ProcessId}";
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
            Directory.Move(FinalPath, old);
        }
        try { Directory.Move(TempPath, FinalPath); }
        catch
        {
            if (old is not null) Directory.Move(old, FinalPath);
            throw;
        }
        _committed = true;
        if (old is not null)
        {
            try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Deletes the temporary folder unless committed.</summary>
    public void Dispose()
    {
        if (_committed) return;
        _committed = true;
        try { if (Directory.Exists(TempPath)) Directory.Delete(TempPath, recursive: true); }
        catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void CheckReplaceable()
    {
        if (File.Exists(FinalPath)) throw new OutputDirectoryNotEmptyException(FinalPath, "is a file, not a folder");
        if (!Directory.Exists(FinalPath)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(FinalPath))
        {
            string name = System.IO.Path.GetFileName(entry);
            if (!_replaceable.Contains(name) || Directory.Exists(entry))
                throw new OutputDirectoryNotEmptyException(FinalPath,
                    $"exists and holds '{name}', which is not an output of this command; choose an empty or new folder");
        }
    }
}

/// <summary>The output folder exists and holds files that an output run must not replace.</summary>
public sealed class OutputDirectoryNotEmptyException(string path, string reason) : IOException($"{path}: {reason}")
{
    /// <summary>The folder.</summary>
    public string Path { get; } = path;
}
