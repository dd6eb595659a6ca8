using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NeuroEngine.Cli.Config;
using NeuroEngine.Cli.Report;
using NeuroEngine.Inference;
using NeuroEngine.Inference.Diagnostics;
using NeuroEngine.IO;
using Spectre.Console;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine infer train|predict|diagnose</c>, the contract of docs/inference.md:
/// feature and parameter CSV files in, MODEL_DIR (model.json + weights.bin), predictions and
/// diagnostics out.</summary>
public static class InferCommand
{
    /// <summary>Text id columns of feature files (written by <c>neuroengine features</c>).</summary>
    public static readonly string[] IdColumns = ["series", "row"];

    public static Command Create(CliContext context)
    {
        var infer = new Command("infer", "Train inverse models (ridge, mlp, mdn, flow) on simulated (features, parameters) pairs, predict, diagnose");
        infer.Add(CreateTrain(context));
        infer.Add(CreatePredict(context));
        infer.Add(CreateDiagnose(context));
        return infer;
    }

    private static Option<string> Required(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, Required = true };

    private static Command CreateTrain(CliContext context)
    {
        var features = Required("--features", "Features CSV: header, one row per sample (a 'series' id column is ignored)", "X.csv");
        var parameters = Required("--params", "Parameters CSV: header, one row per sample, rows as in --features", "THETA.csv");
        var model = Required("--model", "ridge | mlp | mdn | flow", "KIND");
        var output = Required("--out", "Model folder to write (model.json, weights.bin)", "MODEL_DIR");
        var config = new Option<string?>("--config") { Description = "TRAIN.yaml with hyperparameters (sklearn names), param_grid/folds, training settings, bounds", HelpName = "TRAIN.yaml" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of splits, initialisation and shuffling", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("train", "Fit feature scaling and a model; write MODEL_DIR") { features, parameters, model, output, config, seed };
        ReportOptions.SetFolderAction(command, context, parse => Train(parse.GetValue(features)!, parse.GetValue(parameters)!, parse.GetValue(model)!,
            parse.GetValue(output)!, parse.GetValue(config), parse.GetValue(seed), context), parse => parse.GetValue(output)!);
        return command;
    }

    private static Command CreatePredict(CliContext context)
    {
        var model = Required("--model", "Model folder written by 'infer train'", "MODEL_DIR");
        var features = Required("--features", "Features CSV with the model's feature columns", "X.csv");
        var output = Required("--out", "Predictions CSV", "P.csv");
        var samples = new Option<int>("--samples") { Description = "mdn/flow: N posterior draws per row instead of the posterior mean", HelpName = "N" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of posterior draws", DefaultValueFactory = _ => 0, HelpName = "N" };
        var level = new Option<double>("--level") { Description = "mdn/flow: also write the central credible interval at this level (<name>_low, <name>_high columns)", HelpName = "L" };
        var command = new Command("predict", "Point estimates (posterior means, optionally credible intervals) or posterior draws per row") { model, features, output, samples, level, seed };
        ReportOptions.SetFileAction(command, context, parse => Predict(parse.GetValue(model)!, parse.GetValue(features)!, parse.GetValue(output)!,
            parse.GetValue(samples), parse.GetValue(level), parse.GetValue(seed), context), parse => parse.GetValue(output)!, _ => "infer predict");
        return command;
    }

    private static Command CreateDiagnose(CliContext context)
    {
        var model = Required("--model", "Model folder written by 'infer train'", "MODEL_DIR");
        var features = Required("--features", "Held-out features CSV", "X.csv");
        var parameters = Required("--params", "True parameters CSV, rows as in --features", "THETA.csv");
        var output = Required("--out", "Folder for recovery.csv (and sbc_ranks.csv, sbc.csv, coverage.csv for mdn/flow)", "DIR");
        var draws = new Option<int>("--draws") { Description = "Posterior draws per row for SBC and coverage", DefaultValueFactory = _ => 100, HelpName = "L" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of posterior draws", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("diagnose", "Recovery (R^2, NRMSE), SBC ranks and uniformity, coverage") { model, features, parameters, output, draws, seed };
        ReportOptions.SetFolderAction(command, context, parse => Diagnose(parse.GetValue(model)!, parse.GetValue(features)!, parse.GetValue(parameters)!,
            parse.GetValue(output)!, parse.GetValue(draws), parse.GetValue(seed), context), parse => parse.GetValue(output)!);
        return command;
    }

    /// <summary>Reads a features or parameters table, errors naming the option and file.</summary>
    private static NumericCsv ReadTable(string path, string option, bool allowMissing)
    {
        try
        {
            var table = allowMissing ? NumericCsv.ReadWithMissing(path, IdColumns) : NumericCsv.Read(path);
            if (table.Rows.Length == 0) throw new CliException($"{option} {path}: no data rows");
            if (table.Columns.Length == 0) throw new CliException($"{option} {path}: no numeric columns");
            return table;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new CliException($"{option} {ex.Message}");
        }
    }

    private static InferenceModel LoadModel(string path)
    {
        try { return InferenceModel.Load(path); }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or FormatException)
        {
            throw new CliException($"--model {ex.Message}");
        }
    }

    /// <summary>The model's feature columns of <paramref name="table"/>, in the model's order.</summary>
    private static double[][] SelectFeatures(NumericCsv table, InferenceModel model, string path)
    {
        var missing = model.FeatureNames.Where(n => table.IndexOf(n) < 0).ToArray();
        if (missing.Length > 0) throw new CliException($"--features {path}: missing the model's feature column(s) {string.Join(", ", missing)}");
        var extra = table.Columns.Except(model.FeatureNames).ToArray();
        if (extra.Length > 0) throw new CliException($"--features {path}: column(s) {string.Join(", ", extra)} were not features of the model (trained on {string.Join(", ", model.FeatureNames)})");
        var index = model.FeatureNames.Select(table.IndexOf).ToArray();
        return table.Rows.Select(r => index.Select(j => r[j]).ToArray()).ToArray();
    }

    private static int Train(string featuresPath, string paramsPath, string kind, string output, string? configPath, ulong seed, CliContext context)
    {
        if (!InferenceModel.Kinds.Contains(kind)) throw new CliException($"--model must be one of {string.Join(", ", InferenceModel.Kinds)}, got '{kind}'");
        var x = ReadTable(featuresPath, "--features", allowMissing: true);
        var y = ReadTable(paramsPath, "--params", allowMissing: false);
        if (x.Rows.Length != y.Rows.Length)
            throw new CliException($"--params {paramsPath} has {y.Rows.Length} rows but --features {featuresPath} has {x.Rows.Length}; rows must correspond");
        var config = InferTrainConfig.Load(configPath, kind, seed);
        TrainingData data;
        try { data = TrainingData.Create(x.Rows, y.Rows, x.Columns, y.Columns); }
        catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex)); }
        if (data.DroppedRows > 0)
            context.Stderr.WriteLine($"note: dropped {data.DroppedRows} of {x.Rows.Length} rows whose features are NaN or infinite");
        var sw = Stopwatch.StartNew();
        InferenceModel model;
        try
        {
            model = EpochProgress.Run(context, $"infer train {kind}", progress =>
            {
                if (kind is "mdn" or "flow")
                {
                    PriorBounds? bounds = null;
                    if (config.Bounds.Count > 0 || config.Constraints.Count > 0)
                    {
                        var unknown = config.Bounds.Keys.Except(data.ParameterNames).ToArray();
                        if (unknown.Length > 0) throw new CliException($"{configPath}: bounds for unknown parameter(s) {string.Join(", ", unknown)} (parameters: {string.Join(", ", data.ParameterNames)})");
                        var fromData = PriorBounds.FromData(data.Parameters);
                        bounds = new PriorBounds(
                            data.ParameterNames.Select((n, j) => config.Bounds.TryGetValue(n, out var b) ? b.Low : fromData.Low[j]).ToArray(),
                            data.ParameterNames.Select((n, j) => config.Bounds.TryGetValue(n, out var b) ? b.High : fromData.High[j]).ToArray(),
                            data.ParameterNames.Select(n => config.Bounds.TryGetValue(n, out var b) && b.Clip).ToArray(),
                            config.Constraints.Select(c =>
                            {
                                var unknownTerms = c.Terms.Keys.Except(data.ParameterNames).ToArray();
                                if (unknownTerms.Length > 0) throw new CliException($"{configPath} line {c.Line}: constraint on unknown parameter(s) {string.Join(", ", unknownTerms)}");
                                return new LinearConstraint(data.ParameterNames.Select(n => c.Terms.GetValueOrDefault(n)).ToArray(), c.Max);
                            }).ToArray());
                        for (int j = 0; j < bounds.Count; j++)
                            if (data.Parameters.Any(r => r[j] < bounds.Low[j] || r[j] > bounds.High[j]))
                                throw new CliException($"{configPath}: bounds of {data.ParameterNames[j]} [{bounds.Low[j]}, {bounds.High[j]}] exclude some training values");
                        foreach (var c in bounds.Constraints ?? [])
                            if (data.Parameters.FirstOrDefault(r => !c.Holds(r)) is { } broken)
                                throw new CliException($"{configPath}: constraint {c.Describe(data.ParameterNames)} excludes some training values (e.g. {string.Join(", ", broken)})");
                    }
                    return InferenceModel.TrainPosterior(data, kind, config.Hyperparameters, config.Training, bounds, progress, context.Cancellation);
                }
                return InferenceModel.TrainRegressor(data, kind, config.Hyperparameters, seed, config.ParamGrid, config.Folds, config.Repeats,
                    progress, null, context.Cancellation);
            });
        }
        catch (ArgumentException ex) { throw new CliException($"{(configPath ?? "--model")}: {CliErrors.Message(ex)}"); }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException && configPath is not null)
        {
            throw new CliException($"{configPath}: a hyperparameter has the wrong type or shape ({ex.Message})");
        }
        model.Training["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 3);
        model.Save(output);
        var t = model.Training;
        string line = $"trained {kind} on {data.Count} rows x {data.FeatureNames.Length} features -> {data.ParameterNames.Length} parameters in {sw.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s";
        if (t["epochs"] is { } epochs) line += $", {epochs} epochs";
        if (t["train_r2"] is { } r2) line += $", training R^2 {((double)r2).ToString("F3", CultureInfo.InvariantCulture)}";
        if (t["validation_loss"] is JsonArray vl) line += $", best validation NLL {vl.Min(v => (double)v!).ToString("F3", CultureInfo.InvariantCulture)}";
        if (t["best"] is { } best) line += $", best grid candidate {best.ToJsonString()}";
        context.Stdout.WriteLine(line);
        context.Stdout.WriteLine($"model: {Path.GetFullPath(output)}");
        return ExitCodes.Ok;
    }

    private static int Predict(string modelPath, string featuresPath, string output, int samples, double level, ulong seed, CliContext context)
    {
        var model = LoadModel(modelPath);
        if (samples < 0) throw new CliException($"--samples must be >= 1, got {samples}");
        if (samples > 0 && !model.IsPosterior) throw new CliException($"--samples needs an mdn or flow model; {modelPath} is {model.Kind}");
        if (level != 0 && !(level > 0 && level < 1)) throw new CliException($"--level must be in (0, 1), got {level}");
        if (level != 0 && !model.IsPosterior) throw new CliException($"--level needs an mdn or flow model; {modelPath} is {model.Kind}");
        if (level != 0 && samples > 0) throw new CliException("--level and --samples exclude each other (intervals summarise the draws)");
        var x = SelectFeatures(ReadTable(featuresPath, "--features", allowMissing: true), model, featuresPath);
        int skipped = x.Count(r => !TrainingData.IsFinite(r));
        AtomicFile.Write(output, temp =>
        {
            if (level > 0)
            {
                var names = model.ParameterNames;
                using var w = new CsvTableWriter(temp, [.. names, .. names.Select(n => n + "_low"), .. names.Select(n => n + "_high")]);
                var rows = ProgressDisplay.Run(context, "infer predict (credible intervals)", _ =>
                {
                    var result = new (double[] Mean, double[] Low, double[] High)[x.Length];
                    Parallel.For(0, x.Length, new ParallelOptions { CancellationToken = context.Cancellation }, i =>
                    {
                        var nan = Enumerable.Repeat(double.NaN, names.Length).ToArray();
                        result[i] = TrainingData.IsFinite(x[i]) ? model.CredibleInterval(x[i], level, 1000, seed, (ulong)i) : (nan, nan, nan);
                    });
                    return result;
                });
                foreach (var (mean, low, high) in rows)
                {
                    foreach (double v in mean) w.Field(v);
                    foreach (double v in low) w.Field(v);
                    foreach (double v in high) w.Field(v);
                    w.EndRow();
                }
            }
            else if (samples == 0)
            {
                var estimates = ProgressDisplay.Run(context, "infer predict", _ => model.PointEstimates(x, seed: seed));
                using var w = new CsvTableWriter(temp, model.ParameterNames);
                foreach (var row in estimates) { foreach (double v in row) w.Field(v); w.EndRow(); }
            }
            else
            {
                using var w = new CsvTableWriter(temp, ["row", .. model.ParameterNames]);
                ProgressDisplay.Run(context, "infer predict (posterior draws)", progress =>
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        var draws = TrainingData.IsFinite(x[i]) ? model.SamplePosterior(x[i], samples, seed, (ulong)i)
                            : Enumerable.Range(0, samples).Select(_ => Enumerable.Repeat(double.NaN, model.ParameterNames.Length).ToArray()).ToArray();
                        foreach (var d in draws) { w.Field(i); foreach (double v in d) w.Field(v); w.EndRow(); }
                        progress?.Report((i + 1) / (double)x.Length);
                    }
                    return 0;
                });
            }
        });
        context.Stdout.WriteLine($"predicted {x.Length} rows with {model.Kind}{(samples > 0 ? $" ({samples} posterior draws each)" : "")} -> {output}");
        if (skipped > 0) context.Stderr.WriteLine($"note: {skipped} rows have NaN or infinite features; their predictions are nan");
        return ExitCodes.Ok;
    }

    private static int Diagnose(string modelPath, string featuresPath, string paramsPath, string output, int draws, ulong seed, CliContext context)
    {
        var model = LoadModel(modelPath);
        if (draws < 1) throw new CliException($"--draws must be >= 1, got {draws}");
        var x = SelectFeatures(ReadTable(featuresPath, "--features", allowMissing: true), model, featuresPath);
        var y = ReadTable(paramsPath, "--params", allowMissing: false);
        var missing = model.ParameterNames.Where(n => y.IndexOf(n) < 0).ToArray();
        if (missing.Length > 0) throw new CliException($"--params {paramsPath}: missing the model's parameter column(s) {string.Join(", ", missing)}");
        if (y.Rows.Length != x.Length) throw new CliException($"--params {paramsPath} has {y.Rows.Length} rows but --features {featuresPath} has {x.Length}; rows must correspond");
        var index = model.ParameterNames.Select(y.IndexOf).ToArray();
        var truth = y.Rows.Select(r => index.Select(j => r[j]).ToArray()).ToArray();
        DiagnosticReport report;
        try { report = ProgressDisplay.Run(context, "infer diagnose", p => DiagnosticReport.Compute(model, x, truth, draws, seed, p, context.Cancellation)); }
        catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex)); }
        DiagnosticFiles.Write(report, output);
        PrintReport(report, context.Stdout);
        if (report.SkippedRows > 0) context.Stderr.WriteLine($"note: skipped {report.SkippedRows} rows with NaN or infinite features");
        return ExitCodes.Ok;
    }

    private static void PrintReport(DiagnosticReport report, TextWriter stdout)
    {
        string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
        var table = new Table().Title($"infer diagnose: {report.Rows} rows{(report.Draws > 0 ? $", {report.Draws} posterior draws each" : "")}")
            .AddColumn("parameter").AddColumn("R^2").AddColumn("NRMSE");
        if (report.Sbc is not null) table.AddColumn("SBC p").AddColumn("coverage 90%");
        for (int j = 0; j < report.ParameterNames.Length; j++)
        {
            var cells = new List<string> { Markup.Escape(report.ParameterNames[j]), F(report.Recovery[j].R2), F(report.Recovery[j].Nrmse) };
            if (report.Sbc is not null) cells.AddRange([F(report.Sbc[j].PValue), F(report.Coverage![Array.IndexOf(report.CoverageLevels!, 0.9)][j])]);
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }).Write(table);
    }
}
