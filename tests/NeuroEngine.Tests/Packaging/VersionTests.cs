using NUnit.Framework;

namespace NeuroEngine.Tests.Packaging;

/// <summary>One version (the repository's VERSION file) for the native library, the assemblies,
/// the packages and <c>neuroengine --version</c>.</summary>
public class VersionTests
{
    private static string Expected => File.ReadAllText(RepositoryData.RepoFile("VERSION")).Trim();

    [Test]
    public void NativeAndManagedVersions_AreTheVersionFile()
    {
        Assert.That(Expected, Does.Match(@"^\d+\.\d+\.\d+$"), "VERSION must be MAJOR.MINOR.PATCH (CMake's project version)");
        Assert.That(EngineInfo.NativeVersion, Is.EqualTo(Expected), "libneuroengine's ne_version()");
        Assert.That(EngineInfo.ManagedVersion, Is.EqualTo(Expected), "the NeuroEngine assembly");
        Assert.That(typeof(NeuroEngine.Cli.CliApp).Assembly.GetName().Version?.ToString(3), Is.EqualTo(Expected), "the CLI assembly");
    }

    [Test]
    public void CliVersionLine_NamesBothVersions()
    {
        Assert.That(NeuroEngine.Cli.CliApp.VersionLine(), Does.StartWith($"neuroengine {Expected} (native {Expected}) "));
    }
}
