using System.Globalization;
using System.Text;

namespace NeuroEngine.Plots;

/// <summary>A small SVG writer: elements appended in order, numbers with at most two decimals in
/// invariant culture, so the same plot always gives the same bytes.</summary>
public sealed class Svg
{
    private readonly StringBuilder _body = new();

    public double Width { get; }
    public double Height { get; }

    public Svg(double width, double height) { Width = width; Height = height; }

    /// <summary>A coordinate or length as written (two decimals at most, no exponent).</summary>
    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Text escaped for XML content and attributes.</summary>
    public static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _body.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        if (dash is not null) _body.Append($" stroke-dasharray=\"{dash}\"");
        _body.Append("/>\n");
        return this;
    }

    public Svg Rect(double x, double y, double w, double h, string fill, double opacity = 1, string? stroke = null)
    {
        _body.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(w, 0))}\" height=\"{N(Math.Max(h, 0))}\" fill=\"{fill}\"");
        if (opacity < 1) _body.Append($" fill-opacity=\"{N(opacity)}\"");
        if (stroke is not null) _body.Append($" stroke=\"{stroke}\"");
        _body.Append("/>\n");
        return this;
    }

    public Svg Circle(double cx, double cy, double r, string fill, double opacity = 1)
    {
        _body.Append($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"");
        if (opacity < 1) _body.Append($" fill-opacity=\"{N(opacity)}\"");
        _body.Append("/>\n");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? cssClass = null)
    {
        _body.Append("<polyline fill=\"none\"");
        if (cssClass is not null) _body.Append($" class=\"{cssClass}\"");
        _body.Append($" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\" points=\"");
        bool first = true;
        foreach (var (x, y) in points)
        {
            if (!first) _body.Append(' ');
            _body.Append(N(x)).Append(',').Append(N(y));
            first = false;
        }
        _body.Append("\"/>\n");
        return this;
    }

    /// <summary>Text; <paramref name="anchor"/> start|middle|end; <paramref name="rotate"/> degrees about (x, y).</summary>
    public Svg Text(double x, double y, string text, string anchor = "start", double size = 12, double rotate = 0, string? cssClass = null, string weight = "normal")
    {
        _body.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\"");
        if (weight != "normal") _body.Append($" font-weight=\"{weight}\"");
        if (cssClass is not null) _body.Append($" class=\"{cssClass}\"");
        if (rotate != 0) _body.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        _body.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>Raw markup (for groups); the caller keeps it well-formed.</summary>
    public Svg Raw(string markup) { _body.Append(markup); return this; }

    /// <summary>The finished SVG element (font family set once; sizes in pixels).</summary>
    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" " +
        "font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\" role=\"img\">\n" +
        $"<rect x=\"0\" y=\"0\" width=\"{N(Width)}\" height=\"{N(Height)}\" fill=\"#ffffff\"/>\n" + _body + "</svg>\n";
}
