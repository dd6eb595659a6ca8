using System.CommandLine;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Simulation.MeanField;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine meanfield CONFIG.yaml --out FILE.csv</c>: fixed points of the LIF mean
/// field with their stability (specs/meanfield.md).</summary>
public static class MeanfieldCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("CONFIG") { Description = "YAML config (see examples/meanfield-brunel.yaml)" };
        var output = new Option<string>("--out", "-o") { Description = "CSV of the fixed points (written atomically)", Required = true, HelpName = "FILE.csv" };
        var command = new Command("meanfield", "Fixed points of the LIF mean field (Siegert transfer function), their eigenvalues and stability labels")
        {
            config, output,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(MeanFieldConfig.Load(parse.GetValue(config)!), parse.GetValue(output)!, context)));
        return command;
    }

    private static int Run(MeanFieldConfig config, string outPath, CliContext context)
    {
        if (string.IsNullOrWhiteSpace(outPath)) throw new CliException("--out must name a file");
        var solver = new MeanFieldSolver(config.Model) { Dynamics = config.Dynamics };
        var starts = config.Starts.Concat(MeanFieldSolver.RandomStarts(config.Model.P, config.Restarts, config.Seed));
        var points = solver.Solve(starts);
        var fixedPoints = points.Where(p => p.Converged).ToList();
        foreach (var p in points.Where(p => !p.Converged))
            context.Stderr.WriteLine($"warning: a root search from the starts did not converge (max residual {Format(p.MaxResidual)} Hz at rates [{string.Join(", ", p.RatesHz.Select(Format))}]); not a fixed point, not written");
        int pops = config.Model.P;
        var header = new List<string> { "id", "converged", "max_residual", "label" };
        header.AddRange(Enumerable.Range(0, pops).Select(i => $"rate_{i}"));
        header.AddRange(Enumerable.Range(0, pops).Select(i => $"eig_real_{i}"));
        header.AddRange(Enumerable.Range(0, pops).Select(i => $"eig_imag_{i}"));
        string full = AtomicFile.Write(outPath, temp =>
        {
            using var csv = new CsvTableWriter(temp, header);
            for (int id = 0; id < fixedPoints.Count; id++)
            {
                var p = fixedPoints[id];
                csv.Field(id).Field("true").Field(p.MaxResidual).Field(p.Label);
                foreach (double r in p.RatesHz) csv.Field(r);
                for (int i = 0; i < pops; i++) csv.Field(i < p.Eigenvalues.Length ? p.Eigenvalues[i].Real : double.NaN);
                for (int i = 0; i < pops; i++) csv.Field(i < p.Eigenvalues.Length ? p.Eigenvalues[i].Imaginary : double.NaN);
                csv.EndRow();
            }
        });
        foreach (var (p, id) in fixedPoints.Select((p, i) => (p, i)))
            context.Stdout.WriteLine($"fixed point {id}: rates [{string.Join(", ", p.RatesHz.Select(Format))}] Hz, {p.Label}, " +
                $"max Re(eigenvalue) {Format(p.Eigenvalues.Length > 0 ? p.Eigenvalues[^1].Real : double.NaN)}");
        context.Stdout.WriteLine($"wrote {full}: {fixedPoints.Count} fixed point(s)");
        return ExitCodes.Ok;
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
