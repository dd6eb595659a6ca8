namespace NeuroEngine.Models;

/// <summary>A place in a model file: file name, 1-based line and column. Printed as <c>FILE:LINE:COLUMN</c>, the form
/// compilers use, so editors can jump to it.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>The same line, <paramref name="columns"/> further right.</summary>
    public SourcePosition Advance(int columns) => this with { Column = Column + columns };

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
