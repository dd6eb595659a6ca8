namespace NeuroEngine.Data;

/// <summary>Where the shipped data (the repository's <c>data/</c> folder) is at run time: the folder named by the
/// environment variable <see cref="EnvironmentVariable"/> when it is set, else <c>data/</c> beside the running
/// program (the build and the NuGet package copy it there).</summary>
public static class DataFolder
{
    /// <summary>Name of the environment variable that overrides the data folder.</summary>
    public const string EnvironmentVariable = "NEUROENGINE_DATA";

    /// <summary>The data folder; <see cref="DirectoryNotFoundException"/> saying where it looked.</summary>
    public static string Path
    {
        get
        {
            string? overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrEmpty(overridden))
            {
                string full = System.IO.Path.GetFullPath(overridden);
                if (!Directory.Exists(full))
                    throw new DirectoryNotFoundException($"data folder {full} not found (named by {EnvironmentVariable}={overridden})");
                return full;
            }
            string beside = System.IO.Path.Combine(AppContext.BaseDirectory, "data");
            if (!Directory.Exists(beside))
                throw new DirectoryNotFoundException($"data folder {beside} not found (the build copies data/ beside the program; " +
                    $"set {EnvironmentVariable} to a copy of the repository's data/ folder)");
            return beside;
        }
    }

    /// <summary>A folder or file inside the data folder, e.g. <c>Resolve("aln")</c>.</summary>
    public static string Resolve(string relative) => System.IO.Path.Combine(Path, relative);
}
