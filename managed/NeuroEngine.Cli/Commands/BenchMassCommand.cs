using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary><c>neuroengine bench mass --model hopf --nodes N --batch K</c>: region-steps per second of the
/// neural mass kernel, K parameter sets in one call against K separate calls (random dense coupling,
/// random delays up to 100 steps, OU noise on), as key=value lines.</summary>
public static class BenchMassCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "wc, fhn or hopf", DefaultValueFactory = _ => "hopf", HelpName = "NAME" };
        var nodes = new Option<int>("--nodes") { Description = "Nodes (regions)", DefaultValueFactory = _ => 80, HelpName = "N" };
        var batch = new Option<int>("--batch") { Description = "Parameter sets K", DefaultValueFactory = _ => 8, HelpName = "K" };
        var duration = new Option<double>("--duration-ms") { Description = "Simulated time per set (ms), dt = 0.1 ms", DefaultValueFactory = _ => 2000.0, HelpName = "T" };
        var threads = new Option<int>("--threads") { Description = "OpenMP threads (0 = all cores)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var command = new Command("mass", "Time the neural mass kernel: K parameter sets batched vs separate; prints region-steps/s")
        {
            model, nodes, batch, duration, threads,
        };
        command.SetAction(parse => CliErrors.Guard(context.Stderr, () => Run(parse.GetValue(model)!, parse.GetValue(nodes),
            parse.GetValue(batch), parse.GetValue(duration), parse.GetValue(threads), context)));
        return command;
    }

    private static int Run(string modelName, int nodes, int batch, double durationMs, int threads, CliContext context)
    {
        var model = modelName switch
        {
            "wc" => NeuralMassModel.WilsonCowan,
            "fhn" => NeuralMassModel.FitzHughNagumo,
            "hopf" => NeuralMassModel.Hopf,
            _ => throw new CliException($"--model must be wc, fhn or hopf, got '{modelName}'"),
        };
        if (nodes < 1 || batch < 1) throw new CliException($"--nodes and --batch must be >= 1, got {nodes} and {batch}");
        if (threads < 0) throw new CliException($"--threads must be >= 0, got {threads}");
        var rng = new System.Random(1);
        var cmat = new double[nodes, nodes];
        var delays = new int[nodes, nodes];
        for (int i = 0; i < nodes; i++)
            for (int j = 0; j < nodes; j++) { cmat[i, j] = i == j ? 0 : rng.NextDouble() / nodes; delays[i, j] = rng.Next(101); }
        var sets = Enumerable.Range(0, batch).Select(k => NeuralMassParameters.Defaults(model).With("sigma_ou", 0.05).With("K_gl", 0.5 + 0.1 * k)).ToArray();
        var init = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, 2 * nodes).Select(_ => 0.05 * rng.NextDouble()).ToArray()).ToArray();
        var sw = Stopwatch.StartNew();
        NeuralMassNetwork.Run(sets, cmat, delays, init, 0.1, durationMs, 1, 1, threads, null, context.Cancellation);
        double together = sw.Elapsed.TotalSeconds;
        sw.Restart();
        for (int k = 0; k < batch; k++)
            NeuralMassNetwork.Run([sets[k]], cmat, delays, [init[k]], 0.1, durationMs, 1, 1, threads, null, context.Cancellation);
        double apart = sw.Elapsed.TotalSeconds;
        double regionSteps = (double)batch * nodes * Math.Round(durationMs / 0.1);
        string F(double x, string f) => x.ToString(f, CultureInfo.InvariantCulture);
        var o = context.Stdout;
        o.WriteLine($"model={modelName}");
        o.WriteLine($"nodes={nodes}");
        o.WriteLine($"batch={batch}");
        o.WriteLine($"batch_wall_s={F(together, "F3")}");
        o.WriteLine($"separate_wall_s={F(apart, "F3")}");
        o.WriteLine($"batch_gain={F(apart / together, "F2")}");
        o.WriteLine($"region_steps_per_s={F(regionSteps / together, "0.000e+00")}");
        return ExitCodes.Ok;
    }
}
