namespace NeuroEngine.Models;

/// <summary>Expression text with the file position of each of its lines, so errors inside text cut out of a larger
/// file (a YAML block, a quoted value) still point at the right line and column of that file.</summary>
public sealed class SourceText
{
    /// <summary>The lines and where each begins in the file.</summary>
    public IReadOnlyList<(string Text, SourcePosition Start)> Lines { get; }

    /// <summary>Lines with their start positions.</summary>
    public SourceText(IReadOnlyList<(string Text, SourcePosition Start)> lines) => Lines = lines;

    /// <summary>Text whose first line starts at <paramref name="start"/> and whose further lines start at column 1
    /// of the following lines (a whole file, or a test's text).</summary>
    public static SourceText From(string text, SourcePosition start)
    {
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        var list = new List<(string, SourcePosition)>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
            list.Add((lines[i], i == 0 ? start : new SourcePosition(start.File, start.Line + i, 1)));
        return new SourceText(list);
    }

    /// <summary>Text of a file (or a test) named <paramref name="file"/>, starting at line 1, column 1.</summary>
    public static SourceText From(string text, string file = "<expression>") => From(text, new SourcePosition(file, 1, 1));
}
