namespace NeuroEngine.Models;

/// <summary>Network outputs of a mass model (e.g. Kuramoto's order parameter): expressions evaluated at each sample
/// over the recorded outputs of all nodes. An output name may appear only inside <c>mean(...)</c>, the average over
/// nodes; the rest combines those means with numbers and functions.</summary>
public static class NetworkOutputs
{
    private const string Mean = "mean";

    /// <summary>The names a network output may use: the outputs (inside mean), constants and <c>mean</c>.</summary>
    public static SymbolTable Symbols(IEnumerable<string> outputs)
    {
        SymbolTable t = SymbolTable.WithConstants();
        var x = new SourcePosition("", 0, 0);
        t.Add(new Symbol(Mean, SymbolKind.Function, Function: new FunctionDefinition(x, Mean, ["x"], new NameExpr(x, "x"))));
        int i = 0;
        foreach (string o in outputs) t.Add(new Symbol(o, SymbolKind.State, i++));
        return t;
    }

    /// <summary>Checks names, arity and that outputs appear only inside one level of mean(...).</summary>
    /// <exception cref="ModelException">At the offending name.</exception>
    public static void Check(Expr e, SymbolTable symbols)
    {
        Resolver.CheckNumber(e, symbols);
        Walk(e, inside: false);
    }

    private static void Walk(Expr e, bool inside)
    {
        switch (e)
        {
            case NameExpr n when !inside && n.Name is not ("pi" or "e"):
                throw new ModelException(n.Position, $"'{n.Name}' differs between nodes: use it inside mean(...)");
            case CallExpr { Name: Mean } c:
                if (inside) throw new ModelException(c.Position, "mean(...) inside mean(...)");
                Walk(c.Arguments[0], true);
                break;
            case CallExpr c:
                foreach (Expr a in c.Arguments) Walk(a, inside);
                break;
            case UnaryExpr u: Walk(u.Operand, inside); break;
            case BinaryExpr b: Walk(b.Left, inside); Walk(b.Right, inside); break;
            case IfExpr i: Walk(i.Condition, inside); Walk(i.Then, inside); Walk(i.Otherwise, inside); break;
        }
    }

    /// <summary>The values of <paramref name="e"/> at each sample; <paramref name="outputs"/>[v] is output v as
    /// [sample, node] (a run's <c>Values[set]</c>).</summary>
    public static double[] Evaluate(Expr e, SymbolTable symbols, IReadOnlyList<double[,]> outputs)
    {
        if (outputs.Count == 0) return [];
        int samples = outputs[0].GetLength(0), nodes = outputs[0].GetLength(1);
        var result = new double[samples];
        for (int s = 0; s < samples; s++)
            result[s] = Interpret(e, symbols, name => throw new InvalidOperationException($"'{name}' outside mean"),
                inner =>
                {
                    double sum = 0;
                    for (int i = 0; i < nodes; i++) sum += Interpret(inner, symbols, name => outputs[symbols.Find(name)!.Index][s, i], null);
                    return sum / nodes;
                });
        return result;
    }

    /// <summary>Evaluates a checked expression (the same operations as the compiled forms; not on a hot path).</summary>
    private static double Interpret(Expr e, SymbolTable symbols, Func<string, double> value, Func<Expr, double>? mean)
    {
        double N(Expr x) => Interpret(x, symbols, value, mean);
        bool B(Expr x) => Condition(x, symbols, value, mean);
        return e switch
        {
            NumberExpr n => n.Value,
            NameExpr { Name: var name } when symbols.Find(name) is { Kind: SymbolKind.Constant } c => c.Value,
            NameExpr v => value(v.Name),
            UnaryExpr u => -N(u.Operand),
            BinaryExpr { Operator: BinaryOperator.Power } p => IntegerPower(N(p.Left), p.Right, x => N(x)),
            BinaryExpr b => b.Operator switch
            {
                BinaryOperator.Add => N(b.Left) + N(b.Right),
                BinaryOperator.Subtract => N(b.Left) - N(b.Right),
                BinaryOperator.Multiply => N(b.Left) * N(b.Right),
                _ => N(b.Left) / N(b.Right),
            },
            IfExpr i => B(i.Condition) ? N(i.Then) : N(i.Otherwise),
            CallExpr { Name: Mean } c => mean!(c.Arguments[0]),
            CallExpr c => c.Name switch
            {
                "exp" => DeterministicExp.Exp(N(c.Arguments[0])),
                "log" => Math.Log(N(c.Arguments[0])),
                "sqrt" => Math.Sqrt(N(c.Arguments[0])),
                "tanh" => Math.Tanh(N(c.Arguments[0])),
                "sin" => Math.Sin(N(c.Arguments[0])),
                "cos" => Math.Cos(N(c.Arguments[0])),
                "abs" => Math.Abs(N(c.Arguments[0])),
                "min" => ModelMath.Min(N(c.Arguments[0]), N(c.Arguments[1])),
                "max" => ModelMath.Max(N(c.Arguments[0]), N(c.Arguments[1])),
                "pow" => Math.Pow(N(c.Arguments[0]), N(c.Arguments[1])),
                "sigmoid" => 1.0 / (1.0 + DeterministicExp.Exp(-N(c.Arguments[0]))),
                "clip" => ModelMath.Clip(N(c.Arguments[0]), N(c.Arguments[1]), N(c.Arguments[2])),
                _ => throw new ModelException(c.Position, $"'{c.Name}' cannot be used in a network output"),
            },
            _ => throw new ArgumentException($"unknown node {e.GetType().Name}", nameof(e)),
        };
    }

    /// <summary>x^k as products left to right for k = 2, 3, 4 (the base evaluated once), else pow.</summary>
    private static double IntegerPower(double x, Expr exponent, Func<Expr, double> evaluate) => CEmitter.IntegerExponent(exponent) switch
    {
        2 => x * x,
        3 => x * x * x,
        4 => x * x * x * x,
        _ => Math.Pow(x, evaluate(exponent)),
    };

    private static bool Condition(Expr e, SymbolTable symbols, Func<string, double> value, Func<Expr, double>? mean)
    {
        double N(Expr x) => Interpret(x, symbols, value, mean);
        bool B(Expr x) => Condition(x, symbols, value, mean);
        return e switch
        {
            UnaryExpr u => !B(u.Operand),
            BinaryExpr { Operator: BinaryOperator.And } b => B(b.Left) && B(b.Right),
            BinaryExpr { Operator: BinaryOperator.Or } b => B(b.Left) || B(b.Right),
            BinaryExpr b => b.Operator switch
            {
                BinaryOperator.Less => N(b.Left) < N(b.Right),
                BinaryOperator.LessEqual => N(b.Left) <= N(b.Right),
                BinaryOperator.Greater => N(b.Left) > N(b.Right),
                BinaryOperator.GreaterEqual => N(b.Left) >= N(b.Right),
                BinaryOperator.Equal => N(b.Left) == N(b.Right),
                _ => N(b.Left) != N(b.Right),
            },
            _ => throw new ArgumentException("not a condition", nameof(e)),
        };
    }
}
