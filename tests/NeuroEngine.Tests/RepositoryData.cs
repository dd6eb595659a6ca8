using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Files of the repository the tests read: found by walking up from the test binaries to Engine.sln,
/// so a missing file fails the test (with its path) instead of skipping it.</summary>
public static class RepositoryData
{
    /// <summary>The repository's root folder (the one holding Engine.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file or folder of the repository, e.g. <c>RepoFile("examples/hopf-gw.yaml")</c>.</summary>
    public static string RepoFile(string relative) => Path.Combine(Root, relative);

    /// <summary>The folder data/<paramref name="name"/> of the repository (the shipped data, e.g. <c>gw</c>, <c>aln</c>);
    /// <see cref="DirectoryNotFoundException"/> when it is missing.</summary>
    public static string Data(string name)
    {
        string folder = Path.Combine(Root, "data", name);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"the repository's data folder {folder} is missing");
        return folder;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new FileNotFoundException($"repository root (Engine.sln) not found above the test directory {TestContext.CurrentContext.TestDirectory}");
    }
}
