using System.CommandLine;
using System.Globalization;
using System.Text;
using NeuroEngine.Cli.Config;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine models [NAME]</c>: the built-in neural mass models from their descriptors
/// (<see cref="MassModelCatalog"/>); with a name, its parameters (units, defaults, allowed ranges), state,
/// outputs, coupling, noise, BOLD input, equations and citation (docs/models.md); with a model file's path
/// (<c>.yaml</c>), the same of that file's model (read, not compiled; docs/custom-models.md).</summary>
public static class ModelsCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var name = new Argument<string?>("NAME") { Description = "A model's config name or alias (e.g. wc, ww), or a model file (FILE.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("models", "List the built-in neural mass models; with NAME, its parameters (units, defaults, ranges), variables and equations") { name };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () =>
        {
            string? model = parse.GetValue(name);
            context.Stdout.Write(model is null ? List() : Describe(model));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One row per model: name, aliases, title, state variables, citation.</summary>
    public static string List()
    {
        var rows = MassModelCatalog.BuiltIn.Select(d => new[]
        {
            d.Name, d.Aliases.Count == 0 ? "-" : string.Join(", ", d.Aliases), d.Title, string.Join(", ", d.StateVariables),
        }).ToList();
        var text = new StringBuilder();
        text.Append(Table(["model", "aliases", "title", "state"], rows));
        text.AppendLine();
        text.AppendLine("Spiking models (docs/lif-neurons.md, docs/lif-network.md): " + LifNeuronsConfig.ModelName + ", " + LifNetworkConfig.ModelName + ".");
        text.AppendLine("neuroengine models NAME: its parameters (units, defaults, ranges), variables and equations.");
        text.AppendLine("Your own models: model files of equations (docs/custom-models.md, examples/models/); configs name one with");
        text.AppendLine("model: {file: FILE.yaml}; neuroengine models FILE.yaml describes it.");
        return text.ToString();
    }

    /// <summary>Everything the descriptor of model <paramref name="nameOrAlias"/> says (CliException naming the
    /// known models when there is none of that name).</summary>
    public static string Describe(string nameOrAlias)
    {
        var d = MassModelCatalog.Find(nameOrAlias) ?? ModelFile(nameOrAlias);
        if (d is null)
        {
            string spiking = nameOrAlias == LifNeuronsConfig.ModelName || nameOrAlias == LifNetworkConfig.ModelName
                ? $" ({nameOrAlias} is a spiking model: docs/{nameOrAlias}.md lists its config keys)" : "";
            throw new CliException($"unknown model '{nameOrAlias}'{spiking}; the neural mass models are {MassModelCatalog.NameList()}");
        }
        var text = new StringBuilder();
        text.AppendLine($"{d.Name}: {d.Title}");
        if (d.Aliases.Count > 0) text.AppendLine($"aliases: {string.Join(", ", d.Aliases)}");
        text.AppendLine($"citation: {d.Citation}");
        text.AppendLine();
        text.AppendLine("parameters (config params:; a value outside its range is an error):");
        text.Append(Indent(Table(["name", "unit", "default", "range", "description"],
            d.Parameters.Select(p => new[] { p.Name, p.Unit, Number(p.Default), p.RangeText, p.Description }).ToList())));
        text.AppendLine("  plus signalV (m/s, default 20): conduction speed; the delays are Dmat / signalV");
        text.AppendLine();
        text.AppendLine("state (config init:; default: uniform random per node on the range):");
        text.Append(Indent(Table(["name", "unit", "initial range"],
            d.StateVariables.Select((s, v) => new[] { s, d.StateUnits?[v] ?? "", $"[{Number(d.InitLow[v])}, {Number(d.InitHigh[v])}]" }).ToList())));
        text.AppendLine();
        text.AppendLine($"outputs: {string.Join(", ", d.Outputs)}");
        text.AppendLine($"coupling: {d.CouplingVariable} (what each node sends through the connectome, with its delay)");
        text.AppendLine($"noise inputs (Ornstein-Uhlenbeck): {string.Join(", ", d.NoiseInputs)}");
        string first = d.Outputs[0];
        text.AppendLine($"BOLD input: {(d.BoldOffset == 0 ? $"{Number(d.BoldScale)} * {first}" : $"{Number(d.BoldScale)} * ({first} + {Number(d.BoldOffset)})")}");
        text.AppendLine();
        text.AppendLine("equations:");
        foreach (string line in d.Equations.Split('\n')) text.AppendLine("  " + line);
        return text.ToString();
    }

    // a model file's descriptor (read and checked, not compiled), or null when the name is not a .yaml path
    private static MassModelDescriptor? ModelFile(string name)
    {
        if (!name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) return null;
        string path = Path.GetFullPath(name);
        if (!File.Exists(path)) throw new CliException($"model file {path} not found");
        try { return NeuroEngine.Models.MassModelFile.Load(path).Descriptor; }
        catch (NeuroEngine.Models.ModelException ex) { throw new CliException(ex.Message); }
    }

    private static string Number(double x) => x.ToString("R", C);

    private static string Indent(string block) =>
        string.Concat(block.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n"));

    // columns padded to their widest cell, the last one unpadded
    private static string Table(string[] header, IReadOnlyList<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var width = Enumerable.Range(0, header.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(width[c]))).TrimEnd());
        return text.ToString();
    }
}
