using System.Diagnostics;
using System.Text.RegularExpressions;
using NeuroEngine.Cli.Commands;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary>Every output that a command of the README, the docs or the examples' comments writes
/// (run from the repository root) is ignored by git, so following them leaves a clean work tree.</summary>
public class WalkthroughOutputsTests
{
    private static readonly Regex Output = new(@"(?:--out|-o|--run-dir|--report)\s+([^\s`\[\]]+)");

    /// <summary>The outputs named by <c>neuroengine</c> command lines in the text; placeholders in
    /// capitals (DIR, FILE.csv) left out; the demo's default folders added.</summary>
    private static IEnumerable<string> Outputs(string text)
    {
        foreach (string line in text.Split('\n').Where(l => l.Contains("neuroengine ", StringComparison.Ordinal)))
        {
            foreach (Match m in Output.Matches(line))
                if (!Regex.IsMatch(m.Groups[1].Value, "^[A-Z_]+(\\.[a-z]+)?$")) yield return m.Groups[1].Value;
            var demo = Regex.Match(line, @"neuroengine demo(?:\s+--pipeline\s+(\S+))?");
            if (demo.Success && !line.Contains("--out", StringComparison.Ordinal))
                yield return DemoCommand.DefaultOutput(demo.Groups[1].Success ? demo.Groups[1].Value : null);
        }
    }

    [Test]
    public void OutputsOfTheDocumentedCommandsAreIgnored()
    {
        string root = RepositoryData.Root;
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git"))) Assert.Ignore("not a git checkout");
        var files = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md")).Concat(Directory.GetFiles(Path.Combine(root, "examples"), "*.yaml"));
        var outputs = files.SelectMany(f => Outputs(File.ReadAllText(Path.Combine(root, f)))).Distinct().ToList();
        Assert.That(outputs, Does.Contain("demo-out").And.Contain("runs/ncpi").And.Contain("runs/fit").And.Contain("fixed-points.csv").And.Contain("model"));
        // a folder is checked through a file inside it (a pattern for folders does not match a path git cannot see)
        var paths = outputs.Select(o => Path.HasExtension(o) ? o : o.TrimEnd('/') + "/report.html").ToList();
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["check-ignore", "--no-index", "--verbose", "--non-matching", .. paths]) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore("git is not installed"); return; }
        using (process)
        {
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // --non-matching prints "::\tPATH" for a path no pattern ignores
            var notIgnored = stdout.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).Select(l => l.Split('\t')[1]).ToList();
            Assert.That(notIgnored, Is.Empty, "outputs the .gitignore misses");
            Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(paths.Count));
        }
        // and the shipped inputs are not ignored
        var tracked = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (string a in new[] { "ls-files", "--cached", "--ignored", "--exclude-standard" }) tracked.ArgumentList.Add(a);
        using var ls = Process.Start(tracked)!;
        string ignoredButTracked = ls.StandardOutput.ReadToEnd();
        ls.WaitForExit();
        Assert.That(ignoredButTracked.Trim(), Is.Empty, "no tracked file matches an ignore pattern");
    }
}
