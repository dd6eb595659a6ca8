using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Inference;
using NeuroEngine.Inference.Networks;
using NeuroEngine.Inference.Posterior;
using NeuroEngine.IO;
using NeuroEngine.Random;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench inference</c>: MLP training on a synthetic regression problem
/// (default 100,000 rows x 22 features, the size of a catch22 training set) with sklearn's
/// semantics and a fixed number of epochs (tol 0: no early stop), and optionally the training of a
/// posterior estimator on the same data. Prints key=value lines for
/// benchmarks/reference/run_inference.sh, which runs sklearn's MLPRegressor beside it on the
/// same rows (written with --write-data).</summary>
public static class BenchInferenceCommand
{
    public static Command Create(CliContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Training rows", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var features = new Option<int>("--features") { Description = "Features per row", DefaultValueFactory = _ => 22, HelpName = "D" };
        var hidden = new Option<string>("--hidden") { Description = "hidden_layer_sizes, comma separated", DefaultValueFactory = _ => "50,50", HelpName = "H,H" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (max_iter with tol = 0)", DefaultValueFactory = _ => 10, HelpName = "E" };
        var posterior = new Option<string?>("--posterior") { Description = "Also train a posterior estimator (mdn or flow) for --epochs epochs on 6 targets", HelpName = "KIND" };
        var threads = new Option<int>("--threads") { Description = "Threads of the matrix products (0 = all cores; results are identical for any count)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var writeData = new Option<string?>("--write-data") { Description = "Write the rows to DIR/train.csv and DIR/test.csv (for the sklearn side)", HelpName = "DIR" };
        var command = new Command("inference", "Time MLP (and posterior) training; prints rows*epochs per second and held-out R^2")
        {
            rows, features, hidden, epochs, posterior, threads, writeData,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(rows), parse.GetValue(features), parse.GetValue(hidden)!,
            parse.GetValue(epochs), parse.GetValue(posterior), parse.GetValue(threads), parse.GetValue(writeData), context)));
        return command;
    }

    /// <summary>The synthetic problem: x ~ N(0, I); 6 targets, smooth nonlinear functions of the first
    /// features plus noise (R^2 ceiling about 0.9), so accuracy can be compared across tools.</summary>
    public static (double[][] X, double[][] Y) Problem(int rows, int features, ulong seed)
    {
        var r = new PhiloxStream(seed, 90);
        var x = new double[rows][];
        var y = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            var v = x[i] = Enumerable.Range(0, features).Select(_ => r.NextNormal()).ToArray();
            double F(int j) => v[j % features];
            y[i] =
            [
                Math.Sin(F(0)) + 0.5 * F(1) * F(2), Math.Tanh(F(3) + F(4)), F(5) * F(5) - 1, Math.Cos(F(6)) * F(7),
                0.3 * F(8) + Math.Abs(F(9)), Math.Exp(-F(10) * F(10)),
            ];
            for (int j = 0; j < 6; j++) y[i][j] += 0.3 * r.NextNormal();
        }
        return (x, y);
    }

    private static int Run(int rows, int features, string hidden, int epochs, string? posterior, int threads, string? writeData, CliContext context)
    {
        if (threads < 0) throw new CliException($"--threads must be >= 0 (0 = all cores), got {threads}");
        int previousThreads = Gemm.MaxThreads;
        Gemm.MaxThreads = threads == 0 ? Environment.ProcessorCount : threads;
        try { return Measure(rows, features, hidden, epochs, posterior, writeData, context); }
        finally { Gemm.MaxThreads = previousThreads; }
    }

    private static int Measure(int rows, int features, string hidden, int epochs, string? posterior, string? writeData, CliContext context)
    {
        if (rows < 10 || features < 1 || epochs < 1) throw new CliException($"--rows >= 10, --features >= 1 and --epochs >= 1 are required, got {rows}, {features}, {epochs}");
        int[] sizes;
        try { sizes = hidden.Split(',').Select(s => int.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray(); }
        catch (FormatException) { throw new CliException($"--hidden must be comma-separated integers, got '{hidden}'"); }
        var (x, y) = Problem(rows, features, 1);
        var (xt, yt) = Problem(Math.Max(1000, rows / 10), features, 2);
        var stdout = context.Stdout;
        string F(double v, string f = "G4") => v.ToString(f, CultureInfo.InvariantCulture);
        if (writeData is not null)
        {
            Directory.CreateDirectory(writeData);
            Write(Path.Combine(writeData, "train.csv"), x, y);
            Write(Path.Combine(writeData, "test.csv"), xt, yt);
        }
        var scaler = StandardScaler.Fit(x);
        var xs = scaler.Transform(x);
        var xts = scaler.Transform(xt);
        stdout.WriteLine($"bench inference: {rows} rows x {features} features -> 6 targets, hidden [{hidden}], {epochs} epochs, batch 200, adam, {Gemm.MaxThreads} thread(s); {EngineInfo.BuildInfo}");
        var mlp = new MlpRegressor(new MlpOptions { HiddenLayerSizes = sizes, MaxIter = epochs, Tol = 0, NIterNoChange = epochs + 1, Seed = 1 });
        var sw = Stopwatch.StartNew();
        mlp.Fit(xs, y, null, context.Cancellation);
        double seconds = sw.Elapsed.TotalSeconds;
        double r2 = RegressionScore.R2(yt, mlp.Predict(xts));
        stdout.WriteLine($"mlp_seconds={F(seconds, "F3")}");
        stdout.WriteLine($"mlp_rows_epochs_per_s={F(rows * (double)mlp.Epochs / seconds, "F0")}");
        stdout.WriteLine($"mlp_final_loss={F(mlp.LossCurve[^1], "F5")}");
        stdout.WriteLine($"mlp_test_r2={F(r2, "F4")}");
        if (posterior is not null)
        {
            var ys = StandardScaler.Fit(y).Transform(y);
            var estimator = InferenceModel.CreatePosterior(posterior, null, features, 6, 1);
            sw.Restart();
            var summary = PosteriorTrainer.Train(estimator, xs, ys, new NpeTrainingOptions { MaxEpochs = epochs, StopAfterEpochs = epochs + 1, Seed = 1 }, null, context.Cancellation);
            double ps = sw.Elapsed.TotalSeconds;
            stdout.WriteLine($"{posterior}_seconds={F(ps, "F3")}");
            stdout.WriteLine($"{posterior}_rows_epochs_per_s={F(rows * 0.9 * summary.TrainLoss.Count / ps, "F0")}");
            stdout.WriteLine($"{posterior}_validation_nll={F(summary.ValidationLoss.Min(), "F4")}");
        }
        return ExitCodes.Ok;
    }

    private static void Write(string path, double[][] x, double[][] y)
    {
        var header = Enumerable.Range(0, x[0].Length).Select(j => $"x{j}").Concat(Enumerable.Range(0, y[0].Length).Select(j => $"y{j}")).ToArray();
        using var w = new CsvTableWriter(path, header);
        for (int i = 0; i < x.Length; i++)
        {
            foreach (double v in x[i]) w.Field(v);
            foreach (double v in y[i]) w.Field(v);
            w.EndRow();
        }
    }
}
