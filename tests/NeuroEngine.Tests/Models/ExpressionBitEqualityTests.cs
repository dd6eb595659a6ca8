using System.Diagnostics;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using System.Text;
using NeuroEngine.Models;
using NUnit.Framework;

namespace NeuroEngine.Tests.Models;

/// <summary>The C the emitter writes, compiled with the flags generated models use, gives the same bits as the
/// expression tree the managed fallback compiles, on random inputs; the C# port of the engine's exp gives the
/// native one's bits.</summary>
public unsafe class ExpressionBitEqualityTests : TempFolderTest
{
    private static readonly string[] Expressions =
    [
        "a + b * c - a / c",
        "-a^2 + b^3 - c^4 + a^5",
        "exp(a) + exp(-b * c)",
        "sigmoid(a * 3 - b)",
        "1 / (1 + exp(-c * (a - b)))",
        "log(abs(a) + 1e-3) + sqrt(abs(b))",
        "tanh(a) * sin(b) + cos(c)",
        "pow(abs(a), b) + abs(c)^0.5",
        "min(a, b) - max(b, c) + clip(a, -0.5, 0.5)",
        "if(a < b and not c > 1 or b == c, a * 2, b - 1)",
        "if(a >= 0 or b <= 0, 1, 0) + if(a != b, pi, e)",
        "(a - a^3 / 3 - b + c) * 0.1",
        "(c - a * a - b * b) * a - 2 * pi * b",
    ];

    private static double[] RandomInputs(int n, int seed)
    {
        var rng = new System.Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() * 2 - 1) * (i % 3 == 0 ? 30 : 3);
        return x;
    }

    [Test]
    public void Compiled_C_Equals_The_Expression_Tree_To_The_Bit()
    {
        SymbolTable t = SymbolTable.WithConstants();
        foreach (string v in new[] { "a", "b", "c" }) t.Add(new Symbol(v, SymbolKind.Input));
        var source = new StringBuilder(CEmitter.Prelude);
        source.Append("void eval(const double *a, const double *b, const double *c, double *out, int n) {\n");
        ParameterExpression pa = Expression.Parameter(typeof(double)), pb = Expression.Parameter(typeof(double)), pc = Expression.Parameter(typeof(double));
        var managed = new List<Func<double, double, double, double>>();
        for (int k = 0; k < Expressions.Length; k++)
        {
            Expr e = Parser.ParseExpression(SourceText.From(Expressions[k], "bits.yaml"));
            Resolver.CheckNumber(e, t);
            source.Append($"#pragma omp simd\n  for (int i = 0; i < n; ++i) out[{k} * n + i] = {CEmitter.Emit(e, t, s => s.Name + "[i]")};\n");
            Expression body = ExpressionTreeBuilder.Build(e, t, s => s.Name switch { "a" => pa, "b" => pb, _ => pc });
            managed.Add(Expression.Lambda<Func<double, double, double, double>>(body, pa, pb, pc).Compile());
        }
        source.Append("}\n");
        string library = CompileC(source.ToString());

        const int n = 20000;
        double[] a = RandomInputs(n, 1), b = RandomInputs(n, 2), c = RandomInputs(n, 3);
        var output = new double[n * Expressions.Length];
        nint handle = NativeLibrary.Load(library);
        try
        {
            var eval = (delegate* unmanaged<double*, double*, double*, double*, int, void>)NativeLibrary.GetExport(handle, "eval");
            fixed (double* pa_ = a, pb_ = b, pc_ = c, po = output) eval(pa_, pb_, pc_, po, n);
        }
        finally { NativeLibrary.Free(handle); }
        for (int k = 0; k < Expressions.Length; k++)
        {
            int mismatches = 0, finite = 0;
            for (int i = 0; i < n; i++)
            {
                double m = managed[k](a[i], b[i], c[i]);
                if (BitConverter.DoubleToInt64Bits(m) != BitConverter.DoubleToInt64Bits(output[k * n + i]) && !(double.IsNaN(m) && double.IsNaN(output[k * n + i])))
                    mismatches++;
                if (double.IsFinite(m)) finite++;
            }
            Assert.That(mismatches, Is.Zero, $"'{Expressions[k]}': C and managed differ in {mismatches} of {n} values");
            Assert.That(finite, Is.GreaterThan(n / 2), $"'{Expressions[k]}' is mostly finite on these inputs (the test compares numbers)");
        }
    }

    [Test]
    public void The_Managed_Exp_Has_The_Engines_Bits()
    {
        const int n = 100_000;
        var rng = new System.Random(25);
        var x = new double[n];
        for (int i = 0; i < n; i++)
            x[i] = (i % 4) switch
            {
                0 => (rng.NextDouble() * 2 - 1) * 750,          // the whole range, overflow and underflow ends
                1 => (rng.NextDouble() * 2 - 1) * 5,            // where models live
                2 => (rng.NextDouble() * 2 - 1) * 1e-6,         // near 0
                _ => Math.Round(rng.NextDouble() * 200 - 100) * 0.6931471805599453 + (rng.NextDouble() - 0.5) * 1e-9, // near n ln 2
            };
        x[0] = 0; x[1] = 709.7; x[2] = -745.2; x[3] = -1e6; x[4] = 1e6; x[5] = double.NaN;
        var native = new double[n];
        DeterministicExp.EvaluateNative(x, native);
        int mismatches = 0;
        for (int i = 0; i < n; i++)
        {
            double m = DeterministicExp.Exp(x[i]);
            if (BitConverter.DoubleToInt64Bits(m) != BitConverter.DoubleToInt64Bits(native[i]) && !(double.IsNaN(m) && double.IsNaN(native[i])))
                mismatches++;
        }
        Assert.That(mismatches, Is.Zero);
        Assert.That(DeterministicExp.Exp(1.0), Is.EqualTo(Math.E).Within(2).Ulps, "and it is exp");
    }

    /// <summary>Compiles <paramref name="source"/> to a shared library with the generated models' flags.</summary>
    private string CompileC(string source)
    {
        string c = Write("bits.c", source), so = Path.Combine(Dir, "bits.so");
        var psi = new ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in ModelCompilerFlags.Split(' ')) psi.ArgumentList.Add(arg);
        psi.ArgumentList.Add("-o"); psi.ArgumentList.Add(so); psi.ArgumentList.Add(c); psi.ArgumentList.Add("-lm");
        using Process p = Process.Start(psi)!;
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, errors);
        return so;
    }

    private const string ModelCompilerFlags = "-O3 -march=native -std=c11 -fPIC -shared -ffp-contract=off -fno-math-errno -fno-trapping-math -fopenmp-simd";
}
