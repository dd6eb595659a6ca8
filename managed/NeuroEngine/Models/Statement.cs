namespace NeuroEngine.Models;

/// <summary>One statement of an equation list: a derivative, a definition or a reset assignment.</summary>
/// <param name="Position">Where the statement starts.</param>
/// <param name="Target">The variable defined or assigned (for <c>d x/dt</c>: x).</param>
/// <param name="Value">The right-hand side.</param>
/// <param name="Unit">Text after <c>:</c> (Brian2's unit), or empty.</param>
public abstract record Statement(SourcePosition Position, string Target, Expr Value, string Unit);

/// <summary><c>d x/dt = expression</c>.</summary>
public sealed record DerivativeStatement(SourcePosition Position, string Target, Expr Value, string Unit)
    : Statement(Position, Target, Value, Unit);

/// <summary>How an assignment combines with the old value.</summary>
public enum AssignmentKind
{
    /// <summary><c>x = e</c> (a subexpression in equations, a reset elsewhere)</summary>
    Set,
    /// <summary><c>x += e</c></summary>
    Add,
    /// <summary><c>x -= e</c></summary>
    Subtract,
}

/// <summary><c>name = expression</c>, <c>x += expression</c> or <c>x -= expression</c>.</summary>
public sealed record AssignmentStatement(SourcePosition Position, string Target, AssignmentKind Kind, Expr Value, string Unit)
    : Statement(Position, Target, Value, Unit);

/// <summary>A model file's own function: <c>S(u, a, mu): 1 / (1 + exp(-a * (u - mu)))</c>. The body sees its
/// arguments, the constants and the functions defined before it.</summary>
public sealed record FunctionDefinition(SourcePosition Position, string Name, IReadOnlyList<string> Arguments, Expr Body);
