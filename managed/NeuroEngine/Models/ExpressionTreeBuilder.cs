using System.Linq.Expressions;
using System.Reflection;

namespace NeuroEngine.Models;

/// <summary>Builds a .NET expression tree of a checked expression with the operations of <see cref="CEmitter"/>'s C
/// in the same order (the managed fallback compiles it with the JIT): products for integer powers 2 to 4, the
/// deterministic exp, <see cref="ModelMath"/> for min/max/clip, <see cref="Math"/> (libm) for the rest.
/// Conditions are <c>bool</c> trees, numbers <c>double</c>.</summary>
public sealed class ExpressionTreeBuilder
{
    private static readonly MethodInfo ExpMethod = typeof(DeterministicExp).GetMethod(nameof(DeterministicExp.Exp))!;
    private static readonly Dictionary<string, MethodInfo> Methods = new()
    {
        ["log"] = Method(typeof(Math), nameof(Math.Log), 1), ["sqrt"] = Method(typeof(Math), nameof(Math.Sqrt), 1),
        ["tanh"] = Method(typeof(Math), nameof(Math.Tanh), 1), ["sin"] = Method(typeof(Math), nameof(Math.Sin), 1),
        ["cos"] = Method(typeof(Math), nameof(Math.Cos), 1), ["abs"] = Method(typeof(Math), nameof(Math.Abs), 1),
        ["pow"] = Method(typeof(Math), nameof(Math.Pow), 2), ["exp"] = ExpMethod,
        ["min"] = Method(typeof(ModelMath), nameof(ModelMath.Min), 2), ["max"] = Method(typeof(ModelMath), nameof(ModelMath.Max), 2),
        ["clip"] = Method(typeof(ModelMath), nameof(ModelMath.Clip), 3),
    };

    private readonly SymbolTable _symbols;
    private readonly Func<Symbol, Expression> _name;
    private readonly Dictionary<string, LambdaExpression> _functions;

    /// <summary>A builder resolving names in <paramref name="symbols"/>; <paramref name="name"/> gives the tree of
    /// each parameter, state, subexpression, input and argument (constants become literals, model functions
    /// inlined lambdas).</summary>
    public ExpressionTreeBuilder(SymbolTable symbols, Func<Symbol, Expression> name)
        : this(symbols, name, new Dictionary<string, LambdaExpression>()) { }

    private ExpressionTreeBuilder(SymbolTable symbols, Func<Symbol, Expression> name, Dictionary<string, LambdaExpression> functions)
    {
        _symbols = symbols;
        _name = name;
        _functions = functions;
    }

    /// <summary>Builds one expression.</summary>
    public static Expression Build(Expr expr, SymbolTable symbols, Func<Symbol, Expression> name) =>
        new ExpressionTreeBuilder(symbols, name).Build(expr);

    /// <summary>The tree of <paramref name="expr"/>.</summary>
    public Expression Build(Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                return Expression.Constant(n.Value);
            case NameExpr v:
            {
                Symbol s = _symbols.Find(v.Name) ?? throw new ModelException(v.Position, $"unknown name '{v.Name}'");
                return s.Kind == SymbolKind.Constant ? Expression.Constant(s.Value) : _name(s);
            }
            case UnaryExpr u:
                return u.Operator == UnaryOperator.Negate ? Expression.Negate(Build(u.Operand)) : Expression.Not(Build(u.Operand));
            case BinaryExpr { Operator: BinaryOperator.Power } p:
            {
                int k = CEmitter.IntegerExponent(p.Right);
                if (k == 0) return Expression.Call(Methods["pow"], Build(p.Left), Build(p.Right));
                Expression b = Build(p.Left);
                ParameterExpression? temp = b is ParameterExpression or ConstantExpression ? null : Expression.Variable(typeof(double));
                Expression x = temp ?? b;
                Expression product = x;
                for (int i = 1; i < k; i++) product = Expression.Multiply(product, x);
                return temp is null ? product : Expression.Block([temp], Expression.Assign(temp, b), product);
            }
            case BinaryExpr b:
            {
                Expression l = Build(b.Left), r = Build(b.Right);
                return b.Operator switch
                {
                    BinaryOperator.Add => Expression.Add(l, r),
                    BinaryOperator.Subtract => Expression.Subtract(l, r),
                    BinaryOperator.Multiply => Expression.Multiply(l, r),
                    BinaryOperator.Divide => Expression.Divide(l, r),
                    BinaryOperator.Less => Expression.LessThan(l, r),
                    BinaryOperator.LessEqual => Expression.LessThanOrEqual(l, r),
                    BinaryOperator.Greater => Expression.GreaterThan(l, r),
                    BinaryOperator.GreaterEqual => Expression.GreaterThanOrEqual(l, r),
                    BinaryOperator.Equal => Expression.Equal(l, r),
                    BinaryOperator.NotEqual => Expression.NotEqual(l, r),
                    BinaryOperator.And => Expression.AndAlso(l, r),
                    _ => Expression.OrElse(l, r),
                };
            }
            case IfExpr i:
                return Expression.Condition(Build(i.Condition), Build(i.Then), Build(i.Otherwise));
            case CallExpr c:
            {
                if (c.Name == "sigmoid")
                    return Expression.Divide(Expression.Constant(1.0),
                        Expression.Add(Expression.Constant(1.0), Expression.Call(ExpMethod, Expression.Negate(Build(c.Arguments[0])))));
                Expression[] args = c.Arguments.Select(Build).ToArray();
                if (Methods.TryGetValue(c.Name, out MethodInfo? m)) return Expression.Call(m, args);
                return Expression.Invoke(Function(c), args);
            }
            default:
                throw new ArgumentException($"unknown node {expr.GetType().Name}", nameof(expr));
        }
    }

    /// <summary>The lambda of a model function (built once, inlined where called).</summary>
    private LambdaExpression Function(CallExpr call)
    {
        if (_functions.TryGetValue(call.Name, out LambdaExpression? lambda)) return lambda;
        FunctionDefinition f = _symbols.Find(call.Name)?.Function ?? throw new ModelException(call.Position, $"unknown function '{call.Name}'");
        ParameterExpression[] args = f.Arguments.Select(a => Expression.Parameter(typeof(double), a)).ToArray();
        var body = new ExpressionTreeBuilder(Resolver.FunctionScope(f, _symbols), s => args[s.Index], _functions);
        lambda = Expression.Lambda(body.Build(f.Body), f.Name, args);
        _functions.Add(call.Name, lambda);
        return lambda;
    }

    private static MethodInfo Method(Type type, string name, int count) =>
        type.GetMethod(name, Enumerable.Repeat(typeof(double), count).ToArray())!;
}
