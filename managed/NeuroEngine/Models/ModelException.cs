namespace NeuroEngine.Models;

/// <summary>A model file or expression is invalid. The message starts with where: <c>FILE:LINE:COLUMN: ...</c> for
/// an expression, <c>FILE: key: ...</c> for the file's structure.</summary>
public sealed class ModelException : Exception
{
    /// <summary>Where the error is, when it is inside an expression.</summary>
    public SourcePosition? Position { get; }

    /// <summary>An error at a place in an expression.</summary>
    public ModelException(SourcePosition position, string message) : base($"{position}: {message}") => Position = position;

    /// <summary>An error with its full message (structure errors name the file and key themselves).</summary>
    public ModelException(string message, Exception? inner = null) : base(message, inner) { }
}
