using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Base of tests that write files: a fresh temporary folder per test, deleted afterwards.</summary>
public abstract class TempFolderTest
{
    /// <summary>The test's own folder.</summary>
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempFolder() => Directory.CreateDirectory(Dir = Path.Combine(Path.GetTempPath(), "ne-test-" + Guid.NewGuid().ToString("N")));

    /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its path.</summary>
    protected string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [TearDown]
    public void DeleteTempFolder() { try { Directory.Delete(Dir, true); } catch (IOException) { } }
}
