namespace NeuroEngine.Models;

/// <summary>Recursive-descent parser of the expression language and of statement lists (docs/custom-models.md).
/// Precedence from loosest: <c>or</c>, <c>and</c>, <c>not</c>, comparisons (not chained), <c>+ -</c>, <c>* /</c>,
/// unary minus, <c>^</c> (right-associative, so <c>-x^2 = -(x^2)</c> and <c>2^3^2 = 2^9</c>).</summary>
public sealed class Parser
{
    private static readonly HashSet<string> Keywords = ["and", "or", "not", "if"];

    /// <summary>Deepest expression tree accepted: far beyond any model, and well inside the stack of the recursive
    /// passes (checks, emitters), so hostile input gets an error instead of a stack overflow.</summary>
    public const int MaxDepth = 200;

    private readonly Dictionary<Expr, int> _depths = new(ReferenceEqualityComparer.Instance);
    private int _nesting;

    private readonly List<Token> _tokens;
    private int _next;

    private Parser(SourceText source) => _tokens = Lexer.Tokenize(source);

    /// <summary>Whether <paramref name="name"/> is a keyword, which no symbol may be called.</summary>
    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>One expression (line ends inside it are allowed; <c>;</c> is not).</summary>
    /// <exception cref="ModelException">A syntax error, at its line and column.</exception>
    public static Expr ParseExpression(SourceText source)
    {
        var parser = new Parser(source);
        parser._tokens.RemoveAll(t => t.Kind == TokenKind.EndOfStatement && t.Text == "end of line");
        Expr e = parser.Expression();
        parser.Expect(TokenKind.End, "the end of the expression");
        return e;
    }

    /// <summary>One expression written at <paramref name="start"/> (a single-line value of a file).</summary>
    public static Expr ParseExpression(string text, SourcePosition start) => ParseExpression(SourceText.From(text, start));

    /// <summary>Statements, one per line or separated by <c>;</c>: <c>d x/dt = e</c> (also <c>dx/dt = e</c>),
    /// <c>name = e</c>, <c>x += e</c>, <c>x -= e</c>, each optionally followed by <c>: unit</c>. Empty lines and
    /// <c>#</c> comments are skipped.</summary>
    /// <exception cref="ModelException">A syntax error, at its line and column.</exception>
    public static List<Statement> ParseStatements(SourceText source)
    {
        var parser = new Parser(source);
        var list = new List<Statement>();
        while (parser.Peek.Kind != TokenKind.End)
        {
            if (parser.Peek.Kind == TokenKind.EndOfStatement) { parser._next++; continue; }
            list.Add(parser.Statement());
        }
        return list;
    }

    /// <summary>A function header <c>NAME(ARG, ...)</c> (a key of a model file's <c>functions</c>).</summary>
    public static (string Name, List<string> Arguments) ParseFunctionHeader(string text, SourcePosition start)
    {
        var parser = new Parser(SourceText.From(text, start));
        Token name = parser.ExpectName("a function name");
        parser.Expect(TokenKind.LeftParen, "'(' after the function name");
        var args = new List<string>();
        if (parser.Peek.Kind != TokenKind.RightParen)
        {
            do
            {
                Token arg = parser.ExpectName("an argument name");
                if (args.Contains(arg.Text)) throw new ModelException(arg.Position, $"argument '{arg.Text}' appears twice");
                args.Add(arg.Text);
            } while (parser.Accept(TokenKind.Comma));
        }
        parser.Expect(TokenKind.RightParen, "')' after the arguments");
        parser.Accept(TokenKind.EndOfStatement);
        parser.Expect(TokenKind.End, "the end of the function header");
        return (name.Text, args);
    }

    private Token Peek => _tokens[_next];
    private Token PeekAt(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    private bool Accept(TokenKind kind)
    {
        if (Peek.Kind != kind) return false;
        _next++;
        return true;
    }

    private bool AcceptKeyword(string keyword)
    {
        if (Peek.Kind != TokenKind.Identifier || Peek.Text != keyword) return false;
        _next++;
        return true;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind) throw Unexpected(what);
        return _tokens[_next++];
    }

    private Token ExpectName(string what)
    {
        Token t = Expect(TokenKind.Identifier, what);
        if (IsKeyword(t.Text)) throw new ModelException(t.Position, $"'{t.Text}' is a keyword, expected {what}");
        return t;
    }

    private ModelException Unexpected(string what) =>
        new(Peek.Position, $"expected {what}, got {Describe(Peek)}");

    private static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End or TokenKind.EndOfStatement when t.Text != ";" => t.Text,
        TokenKind.Colon => "':'",
        _ => $"'{t.Text}'",
    };

    private Statement Statement()
    {
        Token first = Peek;
        if (first.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.Identifier && first.Text == "d" &&
            PeekAt(2).Kind == TokenKind.Slash && IsDt(PeekAt(3)) && PeekAt(4).Kind == TokenKind.Assign)
        {
            Token variable = PeekAt(1);
            _next += 5;
            return new DerivativeStatement(first.Position, CheckTarget(variable), Expression(), EndStatement());
        }
        if (first.Kind == TokenKind.Identifier && first.Text.Length > 1 && first.Text[0] == 'd' &&
            PeekAt(1).Kind == TokenKind.Slash && IsDt(PeekAt(2)) && PeekAt(3).Kind == TokenKind.Assign)
        {
            _next += 4;
            string name = first.Text[1..];
            if (IsKeyword(name)) throw new ModelException(first.Position.Advance(1), $"'{name}' is a keyword, expected a variable name");
            return new DerivativeStatement(first.Position, name, Expression(), EndStatement());
        }
        if (first.Kind == TokenKind.Identifier &&
            PeekAt(1).Kind is TokenKind.Assign or TokenKind.PlusAssign or TokenKind.MinusAssign)
        {
            AssignmentKind kind = PeekAt(1).Kind switch
            {
                TokenKind.PlusAssign => AssignmentKind.Add,
                TokenKind.MinusAssign => AssignmentKind.Subtract,
                _ => AssignmentKind.Set,
            };
            string target = CheckTarget(first);
            _next += 2;
            return new AssignmentStatement(first.Position, target, kind, Expression(), EndStatement());
        }
        throw new ModelException(first.Position, $"expected a statement ('d x/dt = ...' or 'name = ...'), got {Describe(first)}");
    }

    /// <summary>One level deeper into parentheses, calls or unary operators.</summary>
    private void Enter(SourcePosition at)
    {
        if (++_nesting > MaxDepth) throw new ModelException(at, $"expression nested too deeply (over {MaxDepth} levels)");
    }

    /// <summary>Records a node's depth (1 + its deepest child) and refuses trees deeper than <see cref="MaxDepth"/>
    /// (long chains such as a + a + ... + a are as deep as they are long).</summary>
    private T Track<T>(T node) where T : Expr
    {
        IEnumerable<Expr> children = node switch
        {
            UnaryExpr u => [u.Operand],
            BinaryExpr b => [b.Left, b.Right],
            CallExpr c => c.Arguments,
            IfExpr i => [i.Condition, i.Then, i.Otherwise],
            _ => [],
        };
        int depth = 1 + children.Select(c => _depths.GetValueOrDefault(c, 1)).DefaultIfEmpty(0).Max();
        if (depth > MaxDepth) throw new ModelException(node.Position, $"expression nested too deeply (over {MaxDepth} levels; split it into subexpressions)");
        _depths[node] = depth;
        return node;
    }

    private static bool IsDt(Token t) => t.Kind == TokenKind.Identifier && t.Text == "dt";

    private static string CheckTarget(Token t) =>
        IsKeyword(t.Text) ? throw new ModelException(t.Position, $"'{t.Text}' is a keyword, expected a variable name") : t.Text;

    /// <summary>An optional <c>: unit</c>, then the end of the statement.</summary>
    private string EndStatement()
    {
        string unit = Peek.Kind == TokenKind.Colon ? _tokens[_next++].Text : "";
        if (Peek.Kind == TokenKind.End) return unit;
        if (Peek.Kind != TokenKind.EndOfStatement) throw Unexpected("an operator or the end of the statement");
        _next++;
        return unit;
    }

    private Expr Expression() => Or();

    private Expr Or() => LeftAssociative(And, t => t.Kind == TokenKind.Identifier && t.Text == "or" ? BinaryOperator.Or : null);

    private Expr And() => LeftAssociative(Not, t => t.Kind == TokenKind.Identifier && t.Text == "and" ? BinaryOperator.And : null);

    private Expr Not()
    {
        SourcePosition at = Peek.Position;
        if (!AcceptKeyword("not")) return Comparison();
        Enter(at);
        Expr operand = Not();
        _nesting--;
        return Track(new UnaryExpr(at, UnaryOperator.Not, operand));
    }

    private static BinaryOperator? ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessEqual => BinaryOperator.LessEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
        TokenKind.Equal => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        _ => null,
    };

    private Expr Comparison()
    {
        Expr left = Additive();
        if (ComparisonOf(Peek.Kind) is not { } op) return left;
        SourcePosition at = _tokens[_next++].Position;
        Expr result = Track(new BinaryExpr(at, op, left, Additive()));
        if (ComparisonOf(Peek.Kind) is not null)
            throw new ModelException(Peek.Position, $"comparisons do not chain: write 'a < b and b < c', got a second '{Peek.Text}'");
        return result;
    }

    private Expr Additive() => LeftAssociative(Multiplicative, t => t.Kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        _ => null,
    });

    private Expr Multiplicative() => LeftAssociative(Unary, t => t.Kind switch
    {
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        _ => null,
    });

    // One binary-operator level: operands from the next tighter level, grouped to the left.
    private Expr LeftAssociative(Func<Expr> operand, Func<Token, BinaryOperator?> operatorOf)
    {
        Expr left = operand();
        while (operatorOf(Peek) is { } op)
        {
            SourcePosition at = _tokens[_next++].Position;
            left = Track(new BinaryExpr(at, op, left, operand()));
        }
        return left;
    }

    private Expr Unary()
    {
        Token t = Peek;
        if (t.Kind is not (TokenKind.Minus or TokenKind.Plus)) return Power();
        _next++;
        Enter(t.Position);
        Expr operand = Unary();
        _nesting--;
        return t.Kind == TokenKind.Plus ? operand : Track(new UnaryExpr(t.Position, UnaryOperator.Negate, operand));
    }

    private Expr Power()
    {
        Expr @base = Primary();
        if (Peek.Kind != TokenKind.Caret) return @base;
        SourcePosition at = _tokens[_next++].Position;
        return Track(new BinaryExpr(at, BinaryOperator.Power, @base, Unary())); // Unary -> Power: right-associative
    }

    private Expr Primary()
    {
        Token t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _next++;
                return new NumberExpr(t.Position, t.Value, t.Text);
            case TokenKind.LeftParen:
            {
                _next++;
                Enter(t.Position);
                Expr inner = Expression();
                _nesting--;
                if (Peek.Kind != TokenKind.RightParen) throw Unexpected($"')' to close the '(' at {t.Position.Line}:{t.Position.Column}");
                _next++;
                return inner;
            }
            case TokenKind.Identifier:
            {
                if (t.Text is "and" or "or" or "not") throw Unexpected("an expression");
                _next++;
                if (Peek.Kind != TokenKind.LeftParen)
                {
                    if (t.Text == "if") throw new ModelException(t.Position, "'if' needs arguments: if(condition, then, otherwise)");
                    return new NameExpr(t.Position, t.Text);
                }
                Token open = _tokens[_next++];
                var args = new List<Expr>();
                Enter(open.Position);
                if (Peek.Kind != TokenKind.RightParen)
                {
                    do args.Add(Expression());
                    while (Accept(TokenKind.Comma));
                }
                _nesting--;
                if (Peek.Kind != TokenKind.RightParen)
                    throw Unexpected($"',' or ')' to close the '(' at {open.Position.Line}:{open.Position.Column}");
                _next++;
                if (t.Text != "if") return Track(new CallExpr(t.Position, t.Text, args));
                if (args.Count != 3) throw new ModelException(t.Position, $"'if' takes 3 arguments (condition, then, otherwise), got {args.Count}");
                return Track(new IfExpr(t.Position, args[0], args[1], args[2]));
            }
            default:
                throw Unexpected("an expression");
        }
    }
}
