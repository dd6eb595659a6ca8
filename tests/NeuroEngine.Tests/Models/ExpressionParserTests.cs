using System.Linq.Expressions;
using NeuroEngine.Models;
using NUnit.Framework;

namespace NeuroEngine.Tests.Models;

/// <summary>The expression language: precedence and associativity (seen through the C the emitter writes, which
/// parenthesises every operation), values of each function, errors with exact line and column.</summary>
public class ExpressionParserTests
{
    private static SymbolTable Symbols()
    {
        SymbolTable t = SymbolTable.WithConstants();
        foreach (string v in new[] { "a", "b", "c", "x", "y" }) t.Add(new Symbol(v, SymbolKind.State));
        return t;
    }

    private static string C(string text)
    {
        SymbolTable t = Symbols();
        Expr e = Parser.ParseExpression(SourceText.From(text, "m.yaml"));
        Resolver.Check(e, t);
        return CEmitter.Emit(e, t, s => s.Name);
    }

    private static double Eval(string text, double a = 0.3, double b = -1.7, double c = 2.5)
    {
        SymbolTable t = Symbols();
        Expr e = Parser.ParseExpression(SourceText.From(text, "m.yaml"));
        Resolver.CheckNumber(e, t);
        ParameterExpression pa = Expression.Parameter(typeof(double), "a"), pb = Expression.Parameter(typeof(double), "b"),
            pc = Expression.Parameter(typeof(double), "c");
        Expression body = ExpressionTreeBuilder.Build(e, t, s => s.Name switch { "a" => pa, "b" => pb, "c" => pc, _ => throw new InvalidOperationException() });
        return Expression.Lambda<Func<double, double, double, double>>(body, pa, pb, pc).Compile()(a, b, c);
    }

    private static ModelException Error(string text, SymbolTable? table = null)
    {
        table ??= Symbols();
        return Assert.Throws<ModelException>(() =>
        {
            Expr e = Parser.ParseExpression(SourceText.From(text, "m.yaml"));
            Resolver.CheckNumber(e, table);
        })!;
    }

    [TestCase("a + b * c", "(a + (b * c))")]
    [TestCase("a - b - c", "((a - b) - c)")]
    [TestCase("a / b / c", "((a / b) / c)")]
    [TestCase("a * b / c * x", "(((a * b) / c) * x)")]
    [TestCase("-x^2", "(-ne_pow2(x))")]
    [TestCase("x^3", "ne_pow3(x)")]
    [TestCase("x^4", "ne_pow4(x)")]
    [TestCase("(a + b)^2", "ne_pow2((a + b))")]
    [TestCase("x^5", "pow(x, 5.0)")]
    [TestCase("x^-2", "pow(x, (-2.0))")]
    [TestCase("a^b^c", "pow(a, pow(b, c))")]
    [TestCase("2^3^2", "pow(2.0, ne_pow2(3.0))")]
    [TestCase("x ** 2", "ne_pow2(x)")]
    [TestCase("-a * b", "((-a) * b)")]
    [TestCase("a - -b", "(a - (-b))")]
    [TestCase("if(a < b and not c >= x or y == 1, a, b)", "((((a < b) && (!(c >= x))) || (y == 1.0)) ? a : b)")]
    [TestCase("if(a != b, 1e-3, .5)", "((a != b) ? 0.001 : 0.5)")]
    [TestCase("2 * pi * e", "((2.0 * 3.141592653589793) * 2.718281828459045)")]
    [TestCase("sigmoid(a) + exp(b) + min(a, b) + clip(a, 0, 1)", "((((1.0 / (1.0 + ne_exp((-a)))) + ne_exp(b)) + ne_min(a, b)) + ne_clip(a, 0.0, 1.0))")]
    [TestCase("abs(a)\n  + b  # a comment", "(fabs(a) + b)")]
    public void Precedence_And_Associativity(string text, string c) => Assert.That(C(text), Is.EqualTo(c));

    [Test]
    public void Values_Follow_The_Rules()
    {
        Assert.That(Eval("2^3^2"), Is.EqualTo(512.0), "right-associative");
        Assert.That(Eval("-2^2"), Is.EqualTo(-4.0), "^ above unary minus");
        Assert.That(Eval("8 / 4 / 2"), Is.EqualTo(1.0), "left-associative");
        Assert.That(Eval("10 - 4 - 3"), Is.EqualTo(3.0));
        Assert.That(Eval("1 + 2 * 3 ^ 2"), Is.EqualTo(19.0));
        Assert.That(Eval("if(1 < 2 and 3 < 2 or not 1 > 2, 7, 8)"), Is.EqualTo(7.0), "and above or, not above and");
        Assert.That(Eval("if(not (1 < 2), 7, 8)"), Is.EqualTo(8.0));
    }

    [Test]
    public void Each_Function_Gives_Its_Value()
    {
        double a = 0.3, b = -1.7, c = 2.5;
        Assert.That(Eval("exp(a)"), Is.EqualTo(Math.Exp(a)).Within(2).Ulps);
        Assert.That(Eval("log(c)"), Is.EqualTo(Math.Log(c)));
        Assert.That(Eval("sqrt(c)"), Is.EqualTo(Math.Sqrt(c)));
        Assert.That(Eval("tanh(b)"), Is.EqualTo(Math.Tanh(b)));
        Assert.That(Eval("sin(b)"), Is.EqualTo(Math.Sin(b)));
        Assert.That(Eval("cos(b)"), Is.EqualTo(Math.Cos(b)));
        Assert.That(Eval("abs(b)"), Is.EqualTo(1.7));
        Assert.That(Eval("min(a, b)"), Is.EqualTo(b));
        Assert.That(Eval("max(a, b)"), Is.EqualTo(a));
        Assert.That(Eval("pow(c, a)"), Is.EqualTo(Math.Pow(c, a)));
        Assert.That(Eval("sigmoid(b)"), Is.EqualTo(1 / (1 + Math.Exp(1.7))).Within(1e-15));
        Assert.That(Eval("clip(c, 0, 1)"), Is.EqualTo(1.0));
        Assert.That(Eval("clip(b, 0, 1)"), Is.EqualTo(0.0));
        Assert.That(Eval("clip(a, 0, 1)"), Is.EqualTo(a));
        Assert.That(Eval("if(a > b, a, b)"), Is.EqualTo(a));
    }

    [Test]
    public void Model_Functions_Are_Inlined_With_Their_Arguments()
    {
        SymbolTable t = Symbols();
        var (name, args) = Parser.ParseFunctionHeader("S(u, k, mu)", new SourcePosition("m.yaml", 3, 3));
        var f = new FunctionDefinition(new SourcePosition("m.yaml", 3, 3), name, args, Parser.ParseExpression("1 / (1 + exp(-k * (u - mu)))", new SourcePosition("m.yaml", 3, 16)));
        Resolver.CheckFunction(f, t);
        t.Add(new Symbol(name, SymbolKind.Function, Function: f));
        Expr e = Parser.ParseExpression("S(a, 2, b) + 1", new SourcePosition("m.yaml", 5, 1));
        Resolver.CheckNumber(e, t);
        ParameterExpression pa = Expression.Parameter(typeof(double)), pb = Expression.Parameter(typeof(double));
        var fn = Expression.Lambda<Func<double, double, double>>(ExpressionTreeBuilder.Build(e, t, s => s.Name == "a" ? pa : pb), pa, pb).Compile();
        Assert.That(fn(0.7, 0.2), Is.EqualTo(1 / (1 + DeterministicExp.Exp(-2 * (0.7 - 0.2))) + 1));
        Assert.That(CEmitter.Emit(e, t, s => s.Kind == SymbolKind.Function ? "uf_" + s.Name : s.Name), Is.EqualTo("(uf_S(a, 2.0, b) + 1.0)"));
        Assert.That(CEmitter.EmitFunction(f, t, "uf_S", s => "uf_" + s.Name),
            Is.EqualTo("static inline double uf_S(double a0, double a1, double a2) { return (1.0 / (1.0 + ne_exp(((-a1) * (a0 - a2))))); }\n"));
    }

    [TestCase("a + foo", 1, 5, "unknown name 'foo'")]
    [TestCase("a +\n  b * bar(1)", 2, 7, "unknown function 'bar'")]
    [TestCase("exp(a, b)", 1, 1, "'exp' takes 1 argument, got 2")]
    [TestCase("clip(a, b)", 1, 1, "'clip' takes 3 arguments, got 2")]
    [TestCase("a + (b * c", 1, 11, "expected ')' to close the '(' at 1:5, got end of text")]
    [TestCase("a $ b", 1, 3, "unexpected character '$'")]
    [TestCase("a < b < c", 1, 7, "comparisons do not chain")]
    [TestCase("a + * b", 1, 5, "expected an expression, got '*'")]
    [TestCase("a < b", 1, 3, "this expression needs a number, got a condition")]
    [TestCase("if(a, b, c)", 1, 4, "the first argument of 'if' needs a condition")]
    [TestCase("a b", 1, 3, "expected the end of the expression, got 'b'")]
    [TestCase("exp + 1", 1, 1, "'exp' is a function")]
    [TestCase("if(a < b, c)", 1, 1, "'if' takes 3 arguments")]
    [TestCase("a; b", 1, 2, "expected the end of the expression, got ';'")]
    [TestCase("2x", 1, 2, "unexpected 'x' after the number 2")]
    [TestCase("a(1)", 1, 1, "'a' is a state variable, not a function")]
    public void Errors_Name_Line_And_Column(string text, int line, int column, string message)
    {
        ModelException ex = Error(text);
        Assert.That(ex.Message, Does.StartWith($"m.yaml:{line}:{column}: " + message));
        Assert.That(ex.Position, Is.EqualTo(new SourcePosition("m.yaml", line, column)));
    }

    [Test]
    public void Positions_Follow_The_Lines_Of_A_Block_Inside_A_File()
    {
        var source = new SourceText([("in_e = a + b", new SourcePosition("model.yaml", 12, 3)), ("d x/dt = in_e * qq", new SourcePosition("model.yaml", 13, 3))]);
        List<Statement> statements = Parser.ParseStatements(source);
        Assert.That(statements[1].Value.Position, Is.EqualTo(new SourcePosition("model.yaml", 13, 17)), "the '*' of line 2");
        var mul = (BinaryExpr)statements[1].Value;
        Assert.That(mul.Right.Position, Is.EqualTo(new SourcePosition("model.yaml", 13, 19)));
        SymbolTable t = Symbols();
        t.Add(new Symbol("in_e", SymbolKind.Subexpression));
        var ex = Assert.Throws<ModelException>(() => Resolver.CheckNumber(statements[1].Value, t))!;
        Assert.That(ex.Message, Is.EqualTo("model.yaml:13:19: unknown name 'qq'"));
    }

    [Test]
    public void Statements_Of_Every_Form()
    {
        List<Statement> s = Parser.ParseStatements(SourceText.From(
            "# comment\nd v/dt = (-v + I) / tau : volt\n\ndw/dt = a*(v - w)  # adaptation\nI = 2 * b; v = v_r\nw += 3\nw -= 1", "n.yaml"));
        Assert.That(s, Has.Count.EqualTo(6));
        Assert.That(s[0], Is.TypeOf<DerivativeStatement>().And.Property("Target").EqualTo("v").And.Property("Unit").EqualTo("volt"));
        Assert.That(s[0].Position, Is.EqualTo(new SourcePosition("n.yaml", 2, 1)));
        Assert.That(s[1], Is.TypeOf<DerivativeStatement>().And.Property("Target").EqualTo("w").And.Property("Unit").EqualTo(""));
        Assert.That(s[2], Is.TypeOf<AssignmentStatement>().And.Property("Target").EqualTo("I"));
        Assert.That(((AssignmentStatement)s[3]).Kind, Is.EqualTo(AssignmentKind.Set));
        Assert.That(s[3].Position, Is.EqualTo(new SourcePosition("n.yaml", 5, 12)));
        Assert.That(((AssignmentStatement)s[4]).Kind, Is.EqualTo(AssignmentKind.Add));
        Assert.That(((AssignmentStatement)s[5]).Kind, Is.EqualTo(AssignmentKind.Subtract));
    }

    [TestCase("d v/dt = a +", 1, 13, "expected an expression, got end of line")]
    [TestCase("x = 1 2", 1, 7, "expected an operator or the end of the statement, got '2'")]
    [TestCase("a + b", 1, 1, "expected a statement ('d x/dt = ...' or 'name = ...'), got 'a'")]
    [TestCase("ok = 1\n  d and/dt = 1", 2, 5, "'and' is a keyword")]
    public void Statement_Errors_Name_Line_And_Column(string text, int line, int column, string message)
    {
        var ex = Assert.Throws<ModelException>(() => Parser.ParseStatements(SourceText.From(text, "n.yaml")))!;
        Assert.That(ex.Message, Does.StartWith($"n.yaml:{line}:{column}: {message}"));
    }

    [Test]
    public void A_Name_Is_Declared_Once()
    {
        SymbolTable t = Symbols();
        var ex = Assert.Throws<ModelException>(() => t.Add(new Symbol("x", SymbolKind.Parameter), new SourcePosition("m.yaml", 4, 3)))!;
        Assert.That(ex.Message, Is.EqualTo("m.yaml:4:3: 'x' is already a state variable"));
        Assert.That(Assert.Throws<ModelException>(() => t.Add(new Symbol("exp", SymbolKind.Parameter)))!.Message, Is.EqualTo("'exp' is a built-in function"));
    }

    [Test]
    public void Hostile_Nesting_Is_An_Error_Not_A_Stack_Overflow()
    {
        var deep = Assert.Throws<ModelException>(() => Parser.ParseExpression(SourceText.From(new string('(', 100_000) + "a", "m.yaml")))!;
        Assert.That(deep.Message, Does.StartWith("m.yaml:1:201: expression nested too deeply"));
        var chain = Assert.Throws<ModelException>(() => Parser.ParseExpression(SourceText.From(string.Join(" + ", Enumerable.Repeat("a", 100_000)), "m.yaml")))!;
        Assert.That(chain.Message, Does.Contain("expression nested too deeply"));
        Assert.Throws<ModelException>(() => Parser.ParseExpression(SourceText.From(new string('-', 100_000) + "a", "m.yaml")));
        Assert.That(C(string.Join(" + ", Enumerable.Repeat("a", 150))), Does.StartWith(new string('(', 149) + "a + a)"), "long but reasonable sums are fine");
    }

    [Test]
    public void Random_Text_Gives_Model_Errors_Only()
    {
        string[] pieces = ["a", "b", "x", "1", "2.5e3", "+", "-", "*", "/", "^", "**", "(", ")", ",", "<", "<=", "==", "!=", "and", "or", "not",
            "if", "exp", "min", "clip", "pi", "d", "dt", "=", "+=", ":", ";", "\n", "#", "$", "1e999", ".", "foo"];
        var rng = new System.Random(3);
        int parsed = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            string text = string.Join(" ", Enumerable.Range(0, rng.Next(1, 12)).Select(_ => pieces[rng.Next(pieces.Length)])).Replace("\\n", "\n");
            try
            {
                Expr e = Parser.ParseExpression(SourceText.From(text, "f.yaml"));
                Resolver.Check(e, Symbols());
                parsed++;
            }
            catch (ModelException ex) { Assert.That(ex.Message, Does.StartWith("f.yaml:"), text); }
            try { Parser.ParseStatements(SourceText.From(text, "f.yaml")); }
            catch (ModelException ex) { Assert.That(ex.Message, Does.StartWith("f.yaml:"), text); }
        }
        Assert.That(parsed, Is.GreaterThan(50), "some random texts are valid expressions");
    }
}
