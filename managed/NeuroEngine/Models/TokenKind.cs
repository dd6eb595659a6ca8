namespace NeuroEngine.Models;

/// <summary>Kinds of tokens of the expression and statement language.</summary>
public enum TokenKind
{
    /// <summary>A number literal.</summary>
    Number,
    /// <summary>A name (keywords and, or, not, if are names the parser recognises).</summary>
    Identifier,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>^</c> or <c>**</c></summary>
    Caret,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>,</c></summary>
    Comma,
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
    /// <summary><c>=</c> (statements only)</summary>
    Assign,
    /// <summary><c>+=</c> (statements only)</summary>
    PlusAssign,
    /// <summary><c>-=</c> (statements only)</summary>
    MinusAssign,
    /// <summary><c>:</c> (a unit after a statement, ignored by the engine)</summary>
    Colon,
    /// <summary>End of a line or <c>;</c>: ends a statement.</summary>
    EndOfStatement,
    /// <summary>End of the text.</summary>
    End,
}
