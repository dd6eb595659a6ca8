using NeuroEngine.Models;
using NUnit.Framework;

namespace NeuroEngine.Tests.Models;

/// <summary>Generated models: the compile cache (an unchanged model loads without compiling, an edited one compiles
/// under a new key), the missing-compiler paths, and the managed fallback's lane functions equal to the compiled
/// ones to the bit, both called through their function pointers.</summary>
public unsafe class UserMassModelTests : TempFolderTest
{
    private ModelCompilerOptions Options => new(CacheDirectory: Path.Combine(Dir, "cache"));

    private static string Example(string name) => RepositoryData.RepoFile($"examples/models/{name}.yaml");

    [Test]
    public void A_Second_Load_Uses_The_Cache_And_An_Edit_Compiles_Anew()
    {
        string model = Write("wc.yaml", File.ReadAllText(Example("wc")));
        string library;
        DateTime written;
        using (var first = UserMassModel.Load(model, ModelBackend.Compiled, Options))
        {
            Assert.That(first.Backend, Is.EqualTo(ModelBackend.Compiled));
            Assert.That(first.FromCache, Is.False, "a fresh cache compiles");
            library = first.LibraryPath!;
            Assert.That(Path.GetDirectoryName(library), Is.EqualTo(Path.Combine(Dir, "cache")));
            Assert.That(Path.GetFileName(library), Does.Match("^[0-9a-f]{64}\\.so$"));
            Assert.That(File.ReadAllText(first.SourcePath!), Does.Contain("ne_user_step").And.Contain("#pragma omp simd"));
            written = File.GetLastWriteTimeUtc(library);
        }
        using (var second = UserMassModel.Load(model, ModelBackend.Compiled, Options))
        {
            Assert.That(second.FromCache, Is.True);
            Assert.That(second.LibraryPath, Is.EqualTo(library));
            Assert.That(File.GetLastWriteTimeUtc(library), Is.EqualTo(written), "not compiled again");
        }
        File.WriteAllText(model, File.ReadAllText(model).Replace("c_excexc: {default: 16", "c_excexc: {default: 17"));
        using (var defaults = UserMassModel.Load(model, ModelBackend.Compiled, Options))
            Assert.That(defaults.FromCache, Is.True, "defaults are data, not code: the same source");
        File.WriteAllText(model, File.ReadAllText(model).Replace("+ coupling + exc_ext", "+ coupling + exc_ext + 0.001"));
        using var edited = UserMassModel.Load(model, ModelBackend.Compiled, Options);
        Assert.That(edited.FromCache, Is.False);
        Assert.That(edited.LibraryPath, Is.Not.EqualTo(library), "an edited equation has another key");
        Assert.That(Directory.GetFiles(Path.Combine(Dir, "cache")).Select(Path.GetExtension).OrderBy(x => x), Is.EqualTo(new[] { ".c", ".c", ".so", ".so" }),
            "a source beside each library, no temporary files left");
    }

    [Test]
    public void Without_A_Compiler_Compiled_Fails_And_Auto_Runs_Managed()
    {
        var none = new ModelCompilerOptions(Cc: "/nonexistent/cc", SearchPath: "", CacheDirectory: Path.Combine(Dir, "cache"));
        var ex = Assert.Throws<ModelException>(() => UserMassModel.Load(Example("hopf"), ModelBackend.Compiled, none))!;
        Assert.That(ex.Message, Does.Contain("hopf.yaml: no C compiler found").And.Contain("CC=/nonexistent/cc").And.Contain("backend: managed"));
        var noCc = new ModelCompilerOptions(SearchPath: "", EngineCompiler: "/nonexistent/gcc", CacheDirectory: Path.Combine(Dir, "cache"), Cc: "");
        ex = Assert.Throws<ModelException>(() => UserMassModel.Load(Example("hopf"), ModelBackend.Compiled, noCc))!;
        Assert.That(ex.Message, Does.Contain("the engine's compiler /nonexistent/gcc").And.Contain("cc, gcc, clang on PATH (empty)"));

        using var auto = UserMassModel.Load(Example("hopf"), ModelBackend.Auto, none, TextWriter.Null);
        Assert.That(auto.Backend, Is.EqualTo(ModelBackend.Managed));
        Assert.That(auto.LibraryPath, Is.Null);
        Assert.That(Directory.Exists(Path.Combine(Dir, "cache")), Is.False, "nothing written");
    }

    [Test]
    public void CC_May_Hold_A_Launcher_And_Arguments()
    {
        // a launcher in front of the compiler (as CC="ccache gcc"): env runs gcc with -DLAUNCHED defined
        var options = Options with { Cc = "env gcc -DLAUNCHED=1" };
        Assert.That(new ModelCompiler(options).FindCompiler(out _), Does.EndWith("env gcc -DLAUNCHED=1"));
        string source = CEmitter.Prelude + "#ifndef LAUNCHED\n#error the arguments of CC were lost\n#endif\nint ne_user_abi(void) { return 1; }\n";
        var (library, _, fromCache) = new ModelCompiler(options).Compile(source, "t.yaml");
        Assert.That((File.Exists(library), fromCache), Is.EqualTo((true, false)));
        var plain = Assert.Throws<ModelException>(() => new ModelCompiler(Options with { Cc = "gcc" }).Compile(source, "t.yaml"))!;
        Assert.That(plain.Message, Does.Contain("the arguments of CC were lost"), "without them: another key (no cached library), and the #error fires");
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // a shell script as the fake compiler
    public void A_Compiler_Error_Names_The_Generated_File()
    {
        string fake = Write("fakecc", "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'fake 1.0'; exit 0; fi\necho 'model.c:1: error: broken' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var ex = Assert.Throws<ModelException>(() => UserMassModel.Load(Example("hopf"), ModelBackend.Compiled, Options with { Cc = fake }))!;
        Assert.That(ex.Message, Does.Contain("compiling the generated model failed").And.Contain(Path.Combine(Dir, "cache")).And.Contain(".c").And.Contain("error: broken"));
    }

    [TestCase("wc")]
    [TestCase("fhn")]
    [TestCase("hopf")]
    [TestCase("kuramoto")]
    [TestCase("everything")]
    public void Managed_Lane_Functions_Equal_Compiled_Ones_To_The_Bit(string name)
    {
        string path = name == "everything" ? Write("everything.yaml", Everything) : Example(name);
        using var compiled = UserMassModel.Load(path, ModelBackend.Compiled, Options);
        using var managed = UserMassModel.Load(path, ModelBackend.Managed, Options);
        Assert.That(compiled.Backend, Is.EqualTo(ModelBackend.Compiled));
        var d = compiled.Definition;
        const int lanes = 37; // not a multiple of any vector width
        var rng = new System.Random(7);
        double[][] Random(int rows, double scale) => Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, lanes).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray()).ToArray();
        double[][] parameters = Enumerable.Range(0, d.Descriptor.Parameters.Count).Select(s =>
            Enumerable.Range(0, lanes).Select(_ => d.Descriptor.Parameters[s].Default * (0.8 + 0.4 * rng.NextDouble()) + (s == d.StrengthSlot ? 0 : 0.01)).ToArray()).ToArray();
        double[][] state = Random(d.States.Count, 1.5), coupling = Random(d.Couplings.Count, 0.5), noise = Random(d.NoiseInputs.Count, 0.1);
        state[0][0] = 0.999; state[0][1] = 1e-9;

        double[][] StepWith(UserMassModel m)
        {
            double[][] s = state.Select(r => (double[])r.Clone()).ToArray();
            CallStep(m, parameters, s, coupling, noise, lanes);
            return s;
        }
        double[][] Values(UserMassModel m, nint function, int count)
        {
            double[][] v = Enumerable.Range(0, count).Select(_ => new double[lanes]).ToArray();
            CallValues(m.Context, function, parameters, state, v, lanes);
            return v;
        }
        AssertBits(StepWith(managed), StepWith(compiled), "step");
        AssertBits(Values(managed, managed.Send, d.Couplings.Count), Values(compiled, compiled.Send, d.Couplings.Count), "send");
        AssertBits(Values(managed, managed.Observe, d.Outputs.Count), Values(compiled, compiled.Observe, d.Outputs.Count), "observe");
        double[][] stepped = StepWith(compiled);
        Assert.That(stepped.SelectMany(r => r).Zip(state.SelectMany(r => r)).Count(p => p.First != p.Second), Is.GreaterThanOrEqualTo(lanes), "the step changes the state");
    }

    [Test]
    public void The_Wilson_Cowan_Step_Is_The_Builtins_Formula()
    {
        using var model = UserMassModel.Load(Example("wc"), ModelBackend.Compiled, Options);
        var p = model.Descriptor.Parameters;
        double[][] parameters = p.Select(x => new[] { x.Default, x.Default }).ToArray();
        double[][] state = [[0.3, 0.9999], [0.2, 0.0]];
        double[][] coupling = [[0.7, 50.0]];
        double[][] noise = [[0.01, 5.0], [-0.02, -5.0]];
        const double dt = 0.1;
        CallStep(model, parameters, state, coupling, noise, 2, dt);
        static double S(double u, double a, double mu) => 1.0 / (1.0 + DeterministicExp.Exp(-a * (u - mu)));
        double e = 0.3, i = 0.2;
        double inE = 16 * e - 12 * i + 0.7 + 0, inI = 15 * e - 3 * i + 0;
        double de = (-e + (1 - e) * S(inE, 1.5, 3.0) + 0.01) / 2.5, di = (-i + (1 - i) * S(inI, 1.5, 3.0) + -0.02) / 3.75;
        Assert.That(state[0][0], Is.EqualTo(e + dt * de), "exc, bit for bit");
        Assert.That(state[1][0], Is.EqualTo(i + dt * di), "inh, bit for bit");
        Assert.That(state[0][1], Is.EqualTo(1.0), "exc clipped to its upper bound");
        Assert.That(state[1][1], Is.EqualTo(0.0), "inh clipped to its lower bound");
    }

    [Test]
    public void Processes_Compiling_One_Model_At_Once_Share_One_Library()
    {
        string source = MassCodeGenerator.Generate(MassModelFile.Load(Example("hopf")));
        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => new ModelCompiler(Options).Compile(source, "hopf.yaml")).ToArray();
        Assert.That(results.Select(r => r.Library).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.Combine(Dir, "cache")).Select(Path.GetFileName).Count(f => f!.Contains(".tmp")), Is.Zero, "no temporary files left");
        Assert.That(new ModelCompiler(Options).Compile(source, "hopf.yaml").FromCache, Is.True);
    }

    [TestCase(ModelBackend.Compiled)]
    [TestCase(ModelBackend.Managed)]
    public void A_Diverging_Model_Names_Its_Variable_And_Returns_Nothing(ModelBackend backend)
    {
        string path = Write("blowup.yaml", """
            name: blowup
            parameters: {r: 1}
            state:
              u: {init: 1}
              w: {init: 0}
            equations: |
              d u/dt = r * u^2
              d w/dt = -w
            """);
        using var model = UserMassModel.Load(path, backend, Options);
        var ex = Assert.Throws<NeuroEngine.Native.SimulationDivergedException>(() =>
            NeuroEngine.Simulation.Mass.NeuralMassNetwork.Run(model, [model.ParameterRow()], new double[1, 1], null, [[1.0, 0.0]], 0.1, 100, 1, 1))!;
        // u = 1 / (1 - t) blows up near t = 1 ms; Euler reaches inf later, within the first 100 ms
        Assert.That(ex.Message, Does.Contain("state variable u is inf").And.Contain("node 0, set 0"));
    }

    /// <summary>Every operation of the language in one model.</summary>
    private const string Everything = """
        name: everything
        parameters:
          a: 0.7
          b: {default: 1.3, range: "(0, inf)"}
          K: 0.2
        state:
          x: {init: 0.1, bounds: [-2, 2]}
          y: {init: 0.2}
          z: {init: {uniform: [0, 1]}}
        functions:
          f(u, v): u * tanh(v) - v^3
          g(u): f(u, u) + sigmoid(u)
        equations: |
          s = sin(x) * cos(y) + exp(-abs(z)) + log(b + z^2) + sqrt(b + y^2)
          t = if(x < y and not z > 0.5 or x == y, min(x, y), max(y, z)) + clip(z, -0.1, 0.1) + pow(b, x) + z^4
          d x/dt = -a * x^2 + s - t + c1 + q1 + g(x) + pi
          d y/dt = (x - y) / b + c2 * e + q2 + y^-1 * 1e-3
          d z/dt = -z / b + f(x, y) + 2^3^0.5 + (-z)^2
        coupling:
          - {input: c1, sends: "x + y", mode: additive, strength: K}
          - {input: c2, sends: sin(z) * b, mode: diffusive, strength: K}
        noise:
          inputs: {q1: q1_mean, q2: q2_mean}
        outputs: {x: x, energy: "x^2 + y^2 + a * z"}
        """;

    private static void AssertBits(double[][] want, double[][] got, string what)
    {
        for (int r = 0; r < want.Length; r++)
            for (int i = 0; i < want[r].Length; i++)
                Assert.That(BitConverter.DoubleToInt64Bits(got[r][i]), Is.EqualTo(BitConverter.DoubleToInt64Bits(want[r][i])),
                    $"{what}: row {r}, lane {i}: compiled {got[r][i]:R}, managed {want[r][i]:R}");
    }

    private static void CallStep(UserMassModel m, double[][] parameters, double[][] state, double[][] coupling, double[][] noise, int lanes, double dt = 0.1)
    {
        using var p = new Pinned(parameters);
        using var s = new Pinned(state);
        using var c = new Pinned(coupling);
        using var q = new Pinned(noise);
        var step = (delegate* unmanaged[Cdecl]<nint, int, double, double**, double**, double**, double**, void>)m.Step;
        step(m.Context, lanes, dt, p.Pointers, s.Pointers, c.Pointers, q.Pointers);
    }

    private static void CallValues(nint context, nint function, double[][] parameters, double[][] state, double[][] values, int lanes)
    {
        using var p = new Pinned(parameters);
        using var s = new Pinned(state);
        using var v = new Pinned(values);
        var f = (delegate* unmanaged[Cdecl]<nint, int, double**, double**, double**, void>)function;
        f(context, lanes, p.Pointers, s.Pointers, v.Pointers);
    }

    /// <summary>Rows pinned, with an array of pointers to them (what the lane functions take).</summary>
    private sealed class Pinned : IDisposable
    {
        private readonly System.Runtime.InteropServices.GCHandle[] _rows;
        private readonly double*[] _pointers;
        private System.Runtime.InteropServices.GCHandle _array;

        public Pinned(double[][] rows)
        {
            _rows = rows.Select(r => System.Runtime.InteropServices.GCHandle.Alloc(r, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
            _pointers = new double*[Math.Max(rows.Length, 1)];
            for (int i = 0; i < rows.Length; i++) _pointers[i] = (double*)_rows[i].AddrOfPinnedObject();
            _array = System.Runtime.InteropServices.GCHandle.Alloc(_pointers, System.Runtime.InteropServices.GCHandleType.Pinned);
        }

        public double** Pointers => (double**)_array.AddrOfPinnedObject();

        public void Dispose()
        {
            foreach (var h in _rows) h.Free();
            _array.Free();
        }
    }
}
