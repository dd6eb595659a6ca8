using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>The project's shared data folder (../shared beside the repository; NEUROENGINE_SHARED overrides).
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
}
