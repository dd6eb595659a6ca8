namespace NeuroEngine.Models;

/// <summary>A node of an expression's syntax tree; every node knows where in the file it starts.</summary>
public abstract record Expr(SourcePosition Position);

/// <summary>A number literal, with its text as written.</summary>
public sealed record NumberExpr(SourcePosition Position, double Value, string Text) : Expr(Position);

/// <summary>A name: parameter, state variable, subexpression, input, constant or function argument.</summary>
public sealed record NameExpr(SourcePosition Position, string Name) : Expr(Position);

/// <summary>Operators of one operand.</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c></summary>
    Negate,
    /// <summary><c>not c</c></summary>
    Not,
}

/// <summary>A unary operation.</summary>
public sealed record UnaryExpr(SourcePosition Position, UnaryOperator Operator, Expr Operand) : Expr(Position);

/// <summary>Operators of two operands.</summary>
public enum BinaryOperator
{
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>^</c> (integer exponents 2 to 4 become products, others pow)</summary>
    Power,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterEqual,
    /// <summary><c>==</c></summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>and</c></summary>
    And,
    /// <summary><c>or</c></summary>
    Or,
}

/// <summary>A binary operation; the position is the operator's.</summary>
public sealed record BinaryExpr(SourcePosition Position, BinaryOperator Operator, Expr Left, Expr Right) : Expr(Position);

/// <summary>A call of a built-in or a model file's function.</summary>
public sealed record CallExpr(SourcePosition Position, string Name, IReadOnlyList<Expr> Arguments) : Expr(Position);

/// <summary><c>if(condition, then, otherwise)</c>.</summary>
public sealed record IfExpr(SourcePosition Position, Expr Condition, Expr Then, Expr Otherwise) : Expr(Position);

/// <summary>What an expression evaluates to.</summary>
public enum ExprType
{
    /// <summary>A double.</summary>
    Number,
    /// <summary>A condition (comparisons, and, or, not).</summary>
    Condition,
}
