using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Files of the repository and the project's shared data folder (../shared beside the repository; NEUROENGINE_SHARED overrides).
/// A clean clone without it skips the tests that need it, with the reason.</summary>
public static class SharedData
{
    public static readonly string Root = Environment.GetEnvironmentVariable("NEUROENGINE_SHARED")
        ?? Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../../shared"));

    /// <summary>The folder data/<paramref name="name"/>, or Assert.Ignore when it is absent.</summary>
    public static string Require(string name)
    {
        string folder = Path.Combine(Root, "data", name);
        if (!Directory.Exists(folder)) Assert.Ignore($"the {name} data set is not at {folder}");
        return folder;
    }

    /// <summary>A file of the repository (found by walking up from the test binaries to Engine.sln).</summary>
    public static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException("repository root (Engine.sln) not found above the test directory", relative);
    }
}
