using System.CommandLine;
using NeuroEngine.Cli.Report;
using System.Globalization;
using NeuroEngine.IO;
using NeuroEngine.Signals;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine proxy --method NAME --in FILE.csv|DIR --out FILE.csv</c> (docs/field-potential.md):
/// ncpi's field-potential proxies from a CSV (<c>t_ms</c>, then <c>AMPA_&lt;unit&gt;</c>, <c>GABA_&lt;unit&gt;</c>,
/// <c>Vm_&lt;unit&gt;</c>, <c>FR_&lt;unit&gt;</c> columns) or from a network run's folder (its proxy_inputs.csv:
/// population sums, and populations.csv for FR's mean over neurons).</summary>
public static class ProxyCommand
{
    private static readonly string[] Kinds = ["AMPA", "GABA", "Vm", "FR"];

    public static Command Create(CliContext context)
    {
        var method = new Option<string>("--method") { Description = "FR, AMPA, GABA, Vm, I, I_abs, LRWS, ERWS1 or ERWS2", Required = true, HelpName = "NAME" };
        var input = new Option<string>("--in") { Description = "CSV of unit series, or a network run folder (record: {proxy_inputs: true})", Required = true, HelpName = "FILE.csv|DIR" };
        var output = new Option<string>("--out", "-o") { Description = "CSV: t_ms and the proxy (written atomically)", Required = true, HelpName = "FILE.csv" };
        var dt = new Option<double?>("--dt-ms") { Description = "Sampling step (default: from t_ms)", HelpName = "DT" };
        var nu = new Option<double?>("--nu-ext") { Description = "External rate (Hz), for ERWS2", HelpName = "HZ" };
        var delays = new Option<string>("--erws2-delays") { Description = "samples (ncpi, default) or ms (Martinez-Canada et al. 2021)", DefaultValueFactory = _ => "samples", HelpName = "UNIT" };
        var command = new Command("proxy", "Field-potential proxy of ncpi (FR, AMPA, GABA, Vm, I, I_abs, LRWS, ERWS1, ERWS2)")
        {
            method, input, output, dt, nu, delays,
        };
        ReportOptions.SetFileAction(command, context, parse => Run(parse.GetValue(method)!, parse.GetValue(input)!, parse.GetValue(output)!,
            parse.GetValue(dt), parse.GetValue(nu), parse.GetValue(delays)!, context), parse => parse.GetValue(output)!, parse => $"proxy {parse.GetValue(method)}");
        return command;
    }

    private static int Run(string methodName, string inPath, string outPath, double? dtOption, double? nuExt, string delayUnit, CliContext context)
    {
        if (!Enum.TryParse<ProxyMethod>(methodName, ignoreCase: false, out var method) || !Enum.IsDefined(method) || int.TryParse(methodName, out _))
            throw new CliException($"--method must be one of {string.Join(", ", Enum.GetNames<ProxyMethod>())}, got '{methodName}'");
        var unit = delayUnit switch
        {
            "samples" => Erws2Delays.Samples,
            "ms" => Erws2Delays.Milliseconds,
            _ => throw new CliException($"--erws2-delays must be samples or ms, got '{delayUnit}'"),
        };
        if (method == ProxyMethod.ERWS2 && nuExt is null) throw new CliException("--nu-ext HZ (the external rate) is required for ERWS2");
        int? frUnits = null;
        string csvPath = inPath;
        if (Directory.Exists(inPath))
        {
            // a network run: population sums, FR divided by the number of neurons
            csvPath = Path.Combine(inPath, "proxy_inputs.csv");
            if (!File.Exists(csvPath)) throw new CliException($"--in {inPath}: no proxy_inputs.csv (run the network with record: {{proxy_inputs: true}})");
            long neurons = PopulationsFile.Read(Path.Combine(inPath, "populations.csv"), "--in").Sum(p => (long)p.Size);
            if (neurons > int.MaxValue) throw new CliException($"--in {inPath}: {neurons} neurons is too many");
            frUnits = (int)neurons;
        }
        NumericCsv table;
        try { table = NumericCsv.Read(csvPath); }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException) { throw new CliException("--in " + ex.Message); }
        double dt = CsvTimeAxis.Step(table, csvPath, "--in", dtOption);
        var series = Kinds.ToDictionary(k => k, _ => new List<double[]>());
        for (int c = 1; c < table.Columns.Length; c++)
        {
            string name = table.Columns[c];
            string? kind = Kinds.FirstOrDefault(k => name.StartsWith(k + "_", StringComparison.Ordinal));
            if (kind is null) throw new CliException($"--in {csvPath}: column '{name}' is not AMPA_<unit>, GABA_<unit>, Vm_<unit> or FR_<unit>");
            series[kind].Add(table.Rows.Select(r => r[c]).ToArray());
        }
        double[][]? Of(string kind) => series[kind].Count > 0 ? series[kind].ToArray() : null;
        var inputs = new ProxyInputs(Of("AMPA"), Of("GABA"), Of("Vm"), Of("FR")) { FrUnits = frUnits };
        double[] proxy;
        try { proxy = FieldPotential.Compute(method, inputs, dt, nuExt, unit); }
        catch (ArgumentException ex) { throw new CliException($"--in {csvPath}: {CliErrors.Message(ex)}"); }
        string full = AtomicFile.Write(outPath, temp =>
        {
            using var csv = new CsvTableWriter(temp, ["t_ms", method.ToString()]);
            for (int t = 0; t < proxy.Length; t++)
            {
                csv.Field(table.Rows[t][0]);
                csv.Field(proxy[t]);
                csv.EndRow();
            }
        });
        context.Stdout.WriteLine($"wrote {full}: {method} over {table.Columns.Length - 1} columns, {proxy.Length} samples of {dt.ToString("G6", CultureInfo.InvariantCulture)} ms");
        return ExitCodes.Ok;
    }
}
