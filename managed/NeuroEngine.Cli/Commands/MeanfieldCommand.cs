using System.CommandLine;
using NeuroEngine.Cli.Report;
using System.Globalization;
using NeuroEngine.Cli.Config;
using NeuroEngine.IO;
using NeuroEngine.Simulation.MeanField;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine meanfield CONFIG.yaml --out FILE.csv</c>: the fixed points of the LIF mean
/// field with their eigenvalues and stability labels (docs/meanfield.md).
/// Writes one CSV row per distinct converged fixed point,
/// <c>id,converged,max_residual,label,rate_0..,eig_real_0..,eig_imag_0..</c> (rates in Hz, eigenvalues
/// sorted by real part then imaginary part), atomically; prints a table; searches that did not
/// converge are reported on stderr and not written.</summary>
public static class MeanfieldCommand
{
    /// <summary>The command, bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("CONFIG") { Description = "YAML config (see docs/meanfield.md and examples/meanfield-*.yaml)" };
        var output = new Option<string>("--out", "-o") { Description = "CSV of the fixed points (written atomically)", Required = true, HelpName = "FILE.csv" };
        var command = new Command("meanfield", "Fixed points of the LIF mean field (Siegert transfer function with the colored-noise shift), their eigenvalues and stability labels")
        {
            config, output,
        };
        ReportOptions.SetFileAction(command, context, parse => Run(MeanFieldConfig.Load(parse.GetValue(config)!), parse.GetValue(output)!, context),
            parse => parse.GetValue(output)!, _ => "mean-field fixed points");
        return command;
    }

    /// <summary>The CSV header for <paramref name="populations"/> populations.</summary>
    public static IReadOnlyList<string> Header(int populations)
    {
        var header = new List<string> { "id", "converged", "max_residual", "label" };
        header.AddRange(Enumerable.Range(0, populations).Select(i => $"rate_{i}"));
        header.AddRange(Enumerable.Range(0, populations).Select(i => $"eig_real_{i}"));
        header.AddRange(Enumerable.Range(0, populations).Select(i => $"eig_imag_{i}"));
        return header;
    }

    private static int Run(MeanFieldConfig config, string outPath, CliContext context)
    {
        if (string.IsNullOrWhiteSpace(outPath)) throw new CliException("--out must name a file");
        string fullOut = Path.GetFullPath(outPath);
        if (Directory.Exists(fullOut)) throw new CliException($"--out {outPath} is a folder; give a file name (FILE.csv)");
        string? folder = Path.GetDirectoryName(fullOut);
        if (folder is not null && !Directory.Exists(folder)) throw new CliException($"--out {outPath}: folder {folder} does not exist");

        int pops = config.Model.P;
        var solver = new MeanFieldSolver(config.Model) { Dynamics = config.Dynamics };
        var starts = config.AllStarts().ToList();
        var points = ProgressDisplay.Run(context, $"meanfield ({starts.Count} starts)", progress => solver.Solve(starts, progress, context.Cancellation));
        var fixedPoints = points.Where(p => p.Converged).ToList();
        foreach (var p in points.Where(p => !p.Converged))
            context.Stderr.WriteLine($"warning: a root search did not converge (max residual {Format(p.MaxResidual)} Hz at rates [{string.Join(", ", p.RatesHz.Select(Format))}] Hz); not a fixed point, not written");

        string full = AtomicFile.Write(fullOut, temp =>
        {
            using var csv = new CsvTableWriter(temp, Header(pops));
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

        var table = new Table()
            .Title($"mean field: {pops} population(s), {starts.Count} start(s), {config.Dynamics.ToString().ToLowerInvariant()} dynamics")
            .AddColumn("id").AddColumn("rates (Hz)").AddColumn("label").AddColumn("max Re(eig)").AddColumn("max residual (Hz)");
        for (int id = 0; id < fixedPoints.Count; id++)
        {
            var p = fixedPoints[id];
            double maxRe = p.Eigenvalues.Length > 0 ? p.Eigenvalues[^1].Real : double.NaN;
            table.AddRow(id.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", p.RatesHz.Select(Format))),
                Markup.Escape(p.Label), Format(maxRe), p.MaxResidual.ToString("0.0e+0", CultureInfo.InvariantCulture));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Stdout) });
        if (!context.Interactive) console.Profile.Width = 160;
        if (fixedPoints.Count > 0) console.Write(table);
        context.Stdout.WriteLine(fixedPoints.Count == 0
            ? $"no fixed point found from {starts.Count} start(s); wrote {full} (header only)"
            : $"wrote {full}: {fixedPoints.Count} fixed point(s)");
        return ExitCodes.Ok;
    }

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
