namespace NeuroEngine.Models;

/// <summary>Checks an expression against a symbol table: every name known, every call with the right number of
/// arguments, numbers and conditions where each belongs. Errors name the symbol and its line and column.</summary>
public static class Resolver
{
    /// <summary>The type of <paramref name="expr"/>.</summary>
    /// <exception cref="ModelException">An unknown name, a wrong argument count, or a condition used as a number
    /// (or the reverse).</exception>
    public static ExprType Check(Expr expr, SymbolTable symbols)
    {
        switch (expr)
        {
            case NumberExpr:
                return ExprType.Number;
            case NameExpr n:
            {
                Symbol s = symbols.Find(n.Name) ?? throw new ModelException(n.Position,
                    BuiltinFunctions.IsBuiltin(n.Name) ? $"'{n.Name}' is a function: call it as {n.Name}(...)" : $"unknown name '{n.Name}'");
                if (s.Kind == SymbolKind.Function) throw new ModelException(n.Position, $"'{n.Name}' is a function: call it as {n.Name}(...)");
                return ExprType.Number;
            }
            case UnaryExpr u:
                Require(u.Operand, symbols, u.Operator == UnaryOperator.Not ? ExprType.Condition : ExprType.Number,
                    u.Operator == UnaryOperator.Not ? "'not'" : "'-'");
                return u.Operator == UnaryOperator.Not ? ExprType.Condition : ExprType.Number;
            case BinaryExpr b:
            {
                bool logical = b.Operator is BinaryOperator.And or BinaryOperator.Or;
                string op = "'" + Symbolic(b.Operator) + "'";
                Require(b.Left, symbols, logical ? ExprType.Condition : ExprType.Number, op);
                Require(b.Right, symbols, logical ? ExprType.Condition : ExprType.Number, op);
                return b.Operator <= BinaryOperator.Power ? ExprType.Number : ExprType.Condition;
            }
            case IfExpr i:
                Require(i.Condition, symbols, ExprType.Condition, "the first argument of 'if'");
                Require(i.Then, symbols, ExprType.Number, "the second argument of 'if'");
                Require(i.Otherwise, symbols, ExprType.Number, "the third argument of 'if'");
                return ExprType.Number;
            case CallExpr c:
            {
                int arity = BuiltinFunctions.ArgumentCount(c.Name);
                if (arity < 0)
                {
                    Symbol s = symbols.Find(c.Name) ?? throw new ModelException(c.Position, $"unknown function '{c.Name}'");
                    if (s.Kind != SymbolKind.Function)
                        throw new ModelException(c.Position, $"'{c.Name}' is {SymbolTable.WithArticle(s.Kind)}, not a function");
                    arity = s.Function!.Arguments.Count;
                }
                if (c.Arguments.Count != arity)
                    throw new ModelException(c.Position, $"'{c.Name}' takes {arity} argument{(arity == 1 ? "" : "s")}, got {c.Arguments.Count}");
                foreach (Expr a in c.Arguments) Require(a, symbols, ExprType.Number, $"an argument of '{c.Name}'");
                return ExprType.Number;
            }
            default:
                throw new ArgumentException($"unknown node {expr.GetType().Name}", nameof(expr));
        }
    }

    /// <summary>Checks that <paramref name="expr"/> is a number (an equation's right-hand side).</summary>
    public static void CheckNumber(Expr expr, SymbolTable symbols) => Require(expr, symbols, ExprType.Number, "this expression");

    /// <summary>Checks that <paramref name="expr"/> is a condition (a threshold).</summary>
    public static void CheckCondition(Expr expr, SymbolTable symbols) => Require(expr, symbols, ExprType.Condition, "this expression");

    /// <summary>Checks a function definition's body against the constants, its arguments and the functions before it.</summary>
    public static void CheckFunction(FunctionDefinition f, SymbolTable symbols) => CheckNumber(f.Body, FunctionScope(f, symbols));

    /// <summary>The names a function body sees: constants and functions of <paramref name="symbols"/>, and its
    /// arguments.</summary>
    public static SymbolTable FunctionScope(FunctionDefinition f, SymbolTable symbols)
    {
        var scope = new SymbolTable();
        foreach (Symbol s in symbols.All)
            if (s.Kind is SymbolKind.Constant or SymbolKind.Function && s.Name != f.Name && !f.Arguments.Contains(s.Name)) scope.Add(s);
        for (int i = 0; i < f.Arguments.Count; i++)
        {
            if (scope.Find(f.Arguments[i]) is not null || BuiltinFunctions.IsBuiltin(f.Arguments[i]))
                throw new ModelException(f.Position, $"argument '{f.Arguments[i]}' of '{f.Name}' is a function's name");
            scope.Add(new Symbol(f.Arguments[i], SymbolKind.Argument, i));
        }
        return scope;
    }

    private static void Require(Expr expr, SymbolTable symbols, ExprType want, string where)
    {
        ExprType got = Check(expr, symbols);
        if (got == want) return;
        throw new ModelException(expr.Position, want == ExprType.Number
            ? $"{where} needs a number, got a condition (use if(condition, a, b))"
            : $"{where} needs a condition (a comparison), got a number");
    }

    /// <summary>The operator as written.</summary>
    public static string Symbolic(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", BinaryOperator.Multiply => "*", BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^", BinaryOperator.Less => "<", BinaryOperator.LessEqual => "<=", BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=", BinaryOperator.Equal => "==", BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "and", _ => "or",
    };
}
