using System.Globalization;
using System.Text;

namespace NeuroEngine.Models;

/// <summary>Writes a checked expression as a C expression, fully parenthesised so C evaluates the same operations in
/// the same order as the managed fallback (<see cref="ExpressionTreeBuilder"/>): integer powers 2 to 4 as products
/// left to right (ne_pow2..4, so the base is written once), exp as ne_exp, min/max/clip as ne_min/ne_max/ne_clip, if as <c>?:</c>. The generated file must
/// hold <see cref="Prelude"/> first.</summary>
public static class CEmitter
{
    /// <summary>Headers and helper functions every generated source starts with.</summary>
    public static string Prelude => "#include <math.h>\n#include <stdint.h>\n#include <string.h>\n\n" + DeterministicExp.CSource + ModelMath.CSource;

    /// <summary>The C text of <paramref name="expr"/>. <paramref name="name"/> gives the C text of each parameter,
    /// state, subexpression, input and argument symbol, and the C function name of each model function; constants
    /// are written as numbers.</summary>
    public static string Emit(Expr expr, SymbolTable symbols, Func<Symbol, string> name)
    {
        var text = new StringBuilder();
        Write(text, expr, symbols, name);
        return text.ToString();
    }

    /// <summary>A model function as <c>static inline double NAME(double a0, ...) { return ...; }</c>.</summary>
    public static string EmitFunction(FunctionDefinition f, SymbolTable symbols, string cName, Func<Symbol, string> functionName)
    {
        SymbolTable scope = Resolver.FunctionScope(f, symbols);
        string body = Emit(f.Body, scope, s => s.Kind == SymbolKind.Argument ? $"a{s.Index}" : functionName(s));
        string args = string.Join(", ", f.Arguments.Select((_, i) => $"double a{i}"));
        return $"static inline double {cName}({args}) {{ return {body}; }}\n";
    }

    /// <summary>A double as a C literal that reads back as the same bits.</summary>
    public static string Literal(double value)
    {
        if (double.IsNaN(value)) return "NAN";
        if (double.IsInfinity(value)) return value > 0 ? "INFINITY" : "(-INFINITY)";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E')) text += ".0";
        return value < 0 || (value == 0 && double.IsNegative(value)) ? $"({text})" : text;
    }

    /// <summary>The exponent of a power written as repeated multiplication (2, 3 or 4), or 0.</summary>
    public static int IntegerExponent(Expr exponent) => exponent is NumberExpr { Value: 2 or 3 or 4 } n ? (int)n.Value : 0;

    private static void Write(StringBuilder o, Expr expr, SymbolTable symbols, Func<Symbol, string> name)
    {
        switch (expr)
        {
            case NumberExpr n:
                o.Append(Literal(n.Value));
                break;
            case NameExpr v:
            {
                Symbol s = symbols.Find(v.Name) ?? throw new ModelException(v.Position, $"unknown name '{v.Name}'");
                o.Append(s.Kind == SymbolKind.Constant ? Literal(s.Value) : name(s));
                break;
            }
            case UnaryExpr u:
                o.Append(u.Operator == UnaryOperator.Negate ? "(-" : "(!");
                Write(o, u.Operand, symbols, name);
                o.Append(')');
                break;
            case BinaryExpr { Operator: BinaryOperator.Power } p:
            {
                int k = IntegerExponent(p.Right);
                if (k == 0)
                {
                    o.Append("pow(");
                    Write(o, p.Left, symbols, name);
                    o.Append(", ");
                    Write(o, p.Right, symbols, name);
                    o.Append(')');
                    break;
                }
                o.Append("ne_pow").Append(k).Append('(');
                Write(o, p.Left, symbols, name);
                o.Append(')');
                break;
            }
            case BinaryExpr b:
                o.Append('(');
                Write(o, b.Left, symbols, name);
                o.Append(' ').Append(b.Operator switch
                {
                    BinaryOperator.And => "&&",
                    BinaryOperator.Or => "||",
                    _ => Resolver.Symbolic(b.Operator),
                }).Append(' ');
                Write(o, b.Right, symbols, name);
                o.Append(')');
                break;
            case IfExpr i:
                o.Append('(');
                Write(o, i.Condition, symbols, name);
                o.Append(" ? ");
                Write(o, i.Then, symbols, name);
                o.Append(" : ");
                Write(o, i.Otherwise, symbols, name);
                o.Append(')');
                break;
            case CallExpr c:
            {
                if (c.Name == "sigmoid")
                {
                    o.Append("(1.0 / (1.0 + ne_exp((-");
                    Write(o, c.Arguments[0], symbols, name);
                    o.Append("))))");
                    break;
                }
                string function = c.Name switch
                {
                    "exp" => "ne_exp",
                    "abs" => "fabs",
                    "min" => "ne_min",
                    "max" => "ne_max",
                    "clip" => "ne_clip",
                    "log" or "sqrt" or "tanh" or "sin" or "cos" or "pow" => c.Name,
                    _ => name(symbols.Find(c.Name) ?? throw new ModelException(c.Position, $"unknown function '{c.Name}'")),
                };
                o.Append(function).Append('(');
                for (int a = 0; a < c.Arguments.Count; a++)
                {
                    if (a > 0) o.Append(", ");
                    Write(o, c.Arguments[a], symbols, name);
                }
                o.Append(')');
                break;
            }
            default:
                throw new ArgumentException($"unknown node {expr.GetType().Name}", nameof(expr));
        }
    }
}
