namespace NeuroEngine.Models;

/// <summary>One token: its kind, its text, its number value (for numbers) and where it starts.</summary>
public readonly record struct Token(TokenKind Kind, string Text, double Value, SourcePosition Position);
