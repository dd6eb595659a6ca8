using NeuroEngine.Models;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Models;

/// <summary>The example model files run through the engine: Wilson-Cowan, FitzHugh-Nagumo and Hopf written as files
/// give the built-ins' values bit for bit (delays, OU noise, a batch of differing sets), compiled and managed; two
/// identical Kuramoto oscillators lock along the analytic solution.</summary>
public class ModelFileRunTests : TempFolderTest
{
    private ModelCompilerOptions Options => new(CacheDirectory: Path.Combine(Dir, "cache"));

    private static (double[,] Cmat, int[,] Delays) Network(int n)
    {
        var random = new System.Random(5);
        var cmat = new double[n, n];
        var delays = new int[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                cmat[i, j] = random.Next(3) == 0 ? 0 : random.NextDouble() * 0.3;
                delays[i, j] = random.Next(20);
            }
        return (cmat, delays);
    }

    [TestCase("wc", NeuralMassModel.WilsonCowan, ModelBackend.Compiled, 1)]
    [TestCase("wc", NeuralMassModel.WilsonCowan, ModelBackend.Compiled, 3)]
    [TestCase("wc", NeuralMassModel.WilsonCowan, ModelBackend.Managed, 3)]
    [TestCase("fhn", NeuralMassModel.FitzHughNagumo, ModelBackend.Compiled, 3)]
    [TestCase("fhn", NeuralMassModel.FitzHughNagumo, ModelBackend.Managed, 1)]
    [TestCase("hopf", NeuralMassModel.Hopf, ModelBackend.Compiled, 1)]
    [TestCase("hopf", NeuralMassModel.Hopf, ModelBackend.Managed, 3)]
    public void A_Builtin_Written_As_A_File_Gives_Its_Bits(string file, NeuralMassModel builtIn, ModelBackend backend, int sets)
    {
        const int n = 7;
        var (cmat, delays) = Network(n);
        using var model = UserMassModel.Load(RepositoryData.RepoFile($"examples/models/{file}.yaml"), backend, Options);
        Assert.That(model.Backend, Is.EqualTo(backend));
        string first = model.Descriptor.Parameters[0].Name;
        var overrides = Enumerable.Range(0, sets).Select(k => new Dictionary<string, double>
        {
            ["sigma_ou"] = 0.02, ["K_gl"] = 0.4 + 0.2 * k, [first] = NeuralMassParameters.Defaults(builtIn)[first] * (1 + 0.1 * k),
        }).ToList();
        var parameters = overrides.Select(o => o.Aggregate(NeuralMassParameters.Defaults(builtIn), (p, kv) => p.With(kv.Key, kv.Value))).ToList();
        var init = Enumerable.Range(0, sets).Select(k => NeuralMassModels.RandomInit(builtIn, n, (ulong)(3 + k))).ToArray();
        var expected = NeuralMassNetwork.Run(parameters, cmat, delays, init, 0.1, 200, 0.5, seed: 11, threads: 2);
        var got = NeuralMassNetwork.Run(model, overrides.Select(o => model.ParameterRow(o)).ToList(), cmat, delays, init, 0.1, 200, 0.5, seed: 11, threads: 2);
        Assert.That(got.Variables, Is.EqualTo(expected.Variables));
        int compared = 0;
        for (int k = 0; k < sets; k++)
            for (int v = 0; v < expected.Variables.Count; v++)
            {
                double[,] want = expected.Values[k][v], have = got.Values[k][v];
                Assert.That(have.GetLength(0), Is.EqualTo(want.GetLength(0)));
                for (int s = 0; s < want.GetLength(0); s++)
                    for (int i = 0; i < n; i++, compared++)
                        if (BitConverter.DoubleToInt64Bits(have[s, i]) != BitConverter.DoubleToInt64Bits(want[s, i]))
                            Assert.Fail($"set {k}, {expected.Variables[v]}, sample {s}, node {i}: file {have[s, i]:R}, built-in {want[s, i]:R}");
            }
        Assert.That(compared, Is.EqualTo(sets * expected.Variables.Count * 400 * n));
        double spread = expected.Values[0][0].Cast<double>().Max() - expected.Values[0][0].Cast<double>().Min();
        Assert.That(spread, Is.GreaterThan(1e-3), "the trajectories move (the comparison is not of constants)");
    }

    [Test]
    public void Two_Identical_Kuramoto_Oscillators_Lock_As_The_Analytic_Solution()
    {
        // phase difference phi = theta_1 - theta_2: dphi/dt = -2 k sin(phi), so tan(phi/2) = tan(phi0/2) exp(-2 k t)
        using var model = UserMassModel.Load(RepositoryData.RepoFile("examples/models/kuramoto.yaml"), ModelBackend.Compiled, Options);
        const double k = 0.02, phi0 = 2.5, dt = 0.01;
        var row = model.ParameterRow(new Dictionary<string, double> { ["k_n"] = k });
        var result = NeuralMassNetwork.Run(model, [row], new double[,] { { 0, 1 }, { 1, 0 } }, null, [[phi0 + 0.4, 0.4]], dt, 300, 1, seed: 1);
        double[,] theta = result.Get("theta");
        double omega = model.Descriptor.Parameter("omega")!.Default;
        for (int s = 0; s < theta.GetLength(0); s++)
        {
            double t = (s + 1) * 1.0;
            double want = 2 * Math.Atan(Math.Tan(phi0 / 2) * Math.Exp(-2 * k * t));
            Assert.That(theta[s, 0] - theta[s, 1], Is.EqualTo(want).Within(2e-4), $"phase difference at t = {t} ms");
            Assert.That((theta[s, 0] + theta[s, 1]) / 2, Is.EqualTo(phi0 / 2 + 0.4 + omega * t).Within(1e-9), "the mean phase turns at omega");
        }
        double[] r = model.NetworkOutputs(result.Values[0])["R"];
        Assert.That(r[0], Is.LessThan(0.35), "starts far from locked");
        Assert.That(r[^1], Is.GreaterThan(0.999), "locked: order parameter 1");
    }
}
