using System.Globalization;

namespace NeuroEngine.IO;

/// <summary>A single output file written all-or-nothing: the content goes to a temporary sibling
/// (<c>FILE.tmp-&lt;pid&gt;</c>) that replaces FILE only when writing succeeded.</summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with the temporary path, then moves it to <paramref name="path"/>;
    /// returns the full final path. On any failure the temporary file is removed and FILE is untouched.</summary>
    public static string Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return full;
    }
}
