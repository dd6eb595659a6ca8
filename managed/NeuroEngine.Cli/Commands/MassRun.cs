using NeuroEngine.Cli.Config;
using NeuroEngine.Models;
using NeuroEngine.Native;
using NeuroEngine.Simulation.Mass;

namespace NeuroEngine.Cli.Commands;

/// <summary>Runs parameter sets of a neural mass config on its model, for <c>simulate</c>, searches and benchmarks
/// alike: a built-in model on its kernel, a model file on its loaded lane functions (the user-model Run of
/// <see cref="NeuralMassNetwork"/>), both with the config's connectome, delays, noise and sampling.</summary>
public static class MassRun
{
    /// <summary>The coupling matrix and delays (steps) of a config: its connectome's, or none between its nodes.</summary>
    public static (double[,] Cmat, int[,]? Delays) Coupling(NeuralMassConfig config) =>
        (config.Connectome?.Cmat ?? new double[config.Nodes, config.Nodes],
         config.Connectome is { } c ? NeuralMassNetwork.DelaySteps(c.Dmat, config.SignalV, config.DtMs) : null);

    /// <summary>Runs <paramref name="sets"/> (of the config's model) from <paramref name="init"/> (one state per set).</summary>
    /// <exception cref="ArgumentException">Bad sizes or values.</exception>
    /// <exception cref="SimulationDivergedException">A model file's state became NaN or infinite.</exception>
    public static NeuralMassResult Run(NeuralMassConfig config, IReadOnlyList<NeuralMassParameters> sets, double[][] init, ulong seed, int threads,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        var (cmat, delays) = Coupling(config);
        if (config.User is not { } user)
            return NeuralMassNetwork.Run(sets, cmat, delays, init, config.DtMs, config.DurationMs, config.SamplingMs, seed, threads, progress,
                cancellation, config.AlnTables);
        var rows = sets.Select(p => Row(user.Model, p)).ToList();
        return NeuralMassNetwork.Run(user.Model, rows, cmat, delays, init, config.DtMs, config.DurationMs, config.SamplingMs, seed, threads,
            progress, cancellation);
    }

    /// <summary>The native parameter row of a model file's parameter set.</summary>
    public static double[] Row(UserMassModel model, NeuralMassParameters p) =>
        model.ParameterRow(model.Descriptor.Parameters.ToDictionary(x => x.Name, x => p[x.Name]));

    /// <summary>A model file's network outputs (its <c>network_outputs</c>, e.g. Kuramoto's order parameter) of one set
    /// of a run, one value per sample; empty for built-in models.</summary>
    public static IReadOnlyDictionary<string, double[]> NetworkOutputs(NeuralMassConfig config, NeuralMassResult r, int set) =>
        config.User is { } user ? user.Model.NetworkOutputs(r.Values[set]) : new Dictionary<string, double[]>();

    /// <summary>The error line of a diverged model file: the file, then the engine's message (variable, time, node, set).</summary>
    public static CliException Diverged(NeuralMassConfig config, SimulationDivergedException ex) =>
        new($"{config.User?.Path ?? config.ModelName}: {ex.Message}; nothing was written (a smaller dt_ms, other parameters or bounds on the state may keep it finite)");
}
