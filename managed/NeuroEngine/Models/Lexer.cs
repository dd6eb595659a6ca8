using System.Globalization;

namespace NeuroEngine.Models;

/// <summary>Splits expression or statement text into tokens. <c>#</c> starts a comment to the end of the line; a line
/// end or <c>;</c> ends a statement; <c>:</c> takes the rest of the statement as a unit (Brian2's form, ignored).</summary>
public static class Lexer
{
    /// <summary>The tokens of <paramref name="source"/>, ending with <see cref="TokenKind.End"/>.</summary>
    /// <exception cref="ModelException">A character that starts no token, or a number out of range.</exception>
    public static List<Token> Tokenize(SourceText source)
    {
        var tokens = new List<Token>();
        foreach ((string text, SourcePosition start) in source.Lines)
        {
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                SourcePosition at = start.Advance(i);
                if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
                if (c == '#') break;
                if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    int end = ScanNumber(text, i);
                    string literal = text[i..end];
                    double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (!double.IsFinite(value)) throw new ModelException(at, $"number {literal} is out of range");
                    if (end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] == '_'))
                        throw new ModelException(start.Advance(end), $"unexpected '{text[end]}' after the number {literal}");
                    tokens.Add(new Token(TokenKind.Number, literal, value, at));
                    i = end;
                    continue;
                }
                if (char.IsAsciiLetter(c) || c == '_')
                {
                    int end = i + 1;
                    while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
                    tokens.Add(new Token(TokenKind.Identifier, text[i..end], 0, at));
                    i = end;
                    continue;
                }
                if (c == ':')
                {
                    int end = i + 1;
                    while (end < text.Length && text[end] != '#' && text[end] != ';') end++;
                    tokens.Add(new Token(TokenKind.Colon, text[(i + 1)..end].Trim(), 0, at));
                    i = end;
                    continue;
                }
                char next = i + 1 < text.Length ? text[i + 1] : '\0';
                (TokenKind kind, int length) = (c, next) switch
                {
                    ('*', '*') => (TokenKind.Caret, 2),
                    ('<', '=') => (TokenKind.LessEqual, 2),
                    ('>', '=') => (TokenKind.GreaterEqual, 2),
                    ('=', '=') => (TokenKind.Equal, 2),
                    ('!', '=') => (TokenKind.NotEqual, 2),
                    ('+', '=') => (TokenKind.PlusAssign, 2),
                    ('-', '=') => (TokenKind.MinusAssign, 2),
                    ('+', _) => (TokenKind.Plus, 1),
                    ('-', _) => (TokenKind.Minus, 1),
                    ('*', _) => (TokenKind.Star, 1),
                    ('/', _) => (TokenKind.Slash, 1),
                    ('^', _) => (TokenKind.Caret, 1),
                    ('(', _) => (TokenKind.LeftParen, 1),
                    (')', _) => (TokenKind.RightParen, 1),
                    (',', _) => (TokenKind.Comma, 1),
                    ('<', _) => (TokenKind.Less, 1),
                    ('>', _) => (TokenKind.Greater, 1),
                    ('=', _) => (TokenKind.Assign, 1),
                    (';', _) => (TokenKind.EndOfStatement, 1),
                    _ => throw new ModelException(at, $"unexpected character '{c}'"),
                };
                tokens.Add(new Token(kind, text.Substring(i, length), 0, at));
                i += length;
            }
            tokens.Add(new Token(TokenKind.EndOfStatement, "end of line", 0, start.Advance(text.TrimEnd().Length)));
        }
        SourcePosition last = source.Lines.Count > 0 ? source.Lines[^1].Start.Advance(source.Lines[^1].Text.TrimEnd().Length)
            : new SourcePosition("<expression>", 1, 1);
        tokens.Add(new Token(TokenKind.End, "end of text", 0, last));
        return tokens;
    }

    /// <summary>End of the number starting at <paramref name="i"/>: digits, a fraction, an exponent.</summary>
    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j])) j++;
                i = j;
            }
        }
        return i;
    }
}
