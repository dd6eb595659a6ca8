using System.Globalization;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>docs/models.md cannot drift from the descriptors: each built-in model's section lists exactly its
/// parameters (unit, default, range, description), state variables (unit, initial range) and equations, and the
/// page has a section for every model and none for another.</summary>
public class ModelsDocTests
{
    private static string Number(double x) => double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf"
        : x.ToString("R", CultureInfo.InvariantCulture);

    // the section "### `NAME`: TITLE" up to the next heading
    private static Dictionary<string, string> Sections(string page)
    {
        var sections = new Dictionary<string, string>();
        var parts = page.Split("\n### `");
        foreach (string part in parts.Skip(1))
        {
            string name = part[..part.IndexOf('`')];
            int end = part.IndexOf("\n## ", StringComparison.Ordinal);
            sections[name] = end < 0 ? part : part[..end];
        }
        return sections;
    }

    // the rows of the table whose header starts with `first`, as cells
    private static List<string[]> Table(string section, string first)
    {
        var lines = section.Split('\n').ToList();
        int header = lines.FindIndex(l => l.StartsWith($"| {first} |", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), $"a table headed '{first}'");
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray()).ToList();
    }

    [Test]
    public void TheModelTablesEqualTheCatalog()
    {
        string page = File.ReadAllText(RepositoryData.RepoFile("docs/models.md")).ReplaceLineEndings("\n");
        var sections = Sections(page);
        Assert.That(sections.Keys, Is.EquivalentTo(MassModelCatalog.BuiltIn.Select(d => d.Name)), "one section per built-in model");
        foreach (var d in MassModelCatalog.BuiltIn)
        {
            string s = sections[d.Name];
            Assert.That(s, Does.StartWith($"{d.Name}`: {d.Title}\n"));
            var expected = d.Parameters.Select(p => new[] { p.Name, p.Unit, Number(p.Default), p.RangeText, p.Description }).ToList();
            var got = Table(s, "parameter");
            Assert.That(got, Is.EqualTo(expected), $"docs/models.md, {d.Name}'s parameters; expected rows:\n" +
                string.Join("\n", expected.Select(r => $"| `{r[0]}` | {string.Join(" | ", r[1..])} |")));
            var state = d.StateVariables.Select((v, i) => new[] { v, d.StateUnits![i], $"[{Number(d.InitLow[i])}, {Number(d.InitHigh[i])}]" }).ToList();
            Assert.That(Table(s, "state variable"), Is.EqualTo(state), $"docs/models.md, {d.Name}'s state");
            Assert.That(s, Does.Contain("```text\n" + d.Equations + "\n```"), $"docs/models.md, {d.Name}'s equations");
            Assert.That(s, Does.Contain($"Outputs: {string.Join(", ", d.Outputs)}. Coupling variable: {d.CouplingVariable}. Noise inputs (OU): {string.Join(", ", d.NoiseInputs)}."));
            Assert.That(s, Does.Contain(d.Citation));
        }
        var summary = Table(page, "model");
        Assert.That(summary.Select(r => r[0]), Is.EqualTo(MassModelCatalog.BuiltIn.Select(d => d.Name)));
        Assert.That(summary.Select(r => r[3]), Is.EqualTo(MassModelCatalog.BuiltIn.Select(d => string.Join(", ", d.StateVariables))));
    }
}
