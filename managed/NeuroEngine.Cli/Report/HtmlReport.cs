using System.Globalization;
using System.Text;
using NeuroEngine.IO;
using NeuroEngine.Plots;

namespace NeuroEngine.Cli.Report;

/// <summary>A self-contained HTML report: inline CSS and SVG, no script, no network access.</summary>
internal sealed class HtmlReport(string title)
{
    private readonly StringBuilder _body = new();

    public const string FileName = "report.html";

    private static string E(string s) => Svg.Escape(s);

    public HtmlReport Section(string heading) { _body.Append($"<h2>{E(heading)}</h2>\n"); return this; }

    public HtmlReport Paragraph(string text) { _body.Append($"<p>{E(text)}</p>\n"); return this; }

    public HtmlReport Pre(string text) { _body.Append($"<pre>{E(text)}</pre>\n"); return this; }

    /// <summary>Text folded away under a summary line (opens without scripts).</summary>
    public HtmlReport Details(string summary, string text) { _body.Append($"<details><summary>{E(summary)}</summary><pre>{E(text)}</pre></details>\n"); return this; }

    /// <summary>A figure: an SVG plot and a caption.</summary>
    public HtmlReport Plot(string svg, string? caption = null)
    {
        _body.Append("<figure>\n").Append(svg);
        if (caption is not null) _body.Append($"<figcaption>{E(caption)}</figcaption>\n");
        _body.Append("</figure>\n");
        return this;
    }

    /// <summary>Several plots side by side (wrapping on narrow screens).</summary>
    public HtmlReport Plots(IEnumerable<string> svgs)
    {
        _body.Append("<div class=\"row\">\n");
        foreach (string svg in svgs) _body.Append("<figure>\n").Append(svg).Append("</figure>\n");
        _body.Append("</div>\n");
        return this;
    }

    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table>\n");
        if (header.Any(h => h.Length > 0))
        {
            _body.Append("<tr>");
            foreach (string h in header) _body.Append($"<th>{E(h)}</th>");
            _body.Append("</tr>\n");
        }
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (string cell in row) _body.Append($"<td>{E(cell)}</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</table>\n");
        return this;
    }

    public HtmlReport KeyValues(IEnumerable<(string Key, string Value)> pairs) =>
        Table(["", ""], pairs.Select(p => (IReadOnlyList<string>)[p.Key, p.Value]));

    public string Html() => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; margin: 24px auto; max-width: 1360px; padding: 0 16px; color: #222; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; }
        pre { background: #f7f7f7; padding: 8px; font-size: 12px; overflow-x: auto; max-height: 420px; }
        figure { margin: 8px 12px 8px 0; display: inline-block; }
        figcaption { font-size: 12px; color: #555; max-width: 640px; }
        .row { display: flex; flex-wrap: wrap; }
        footer { margin-top: 40px; font-size: 12px; color: #777; }
        details { margin: 6px 0; font-size: 13px; } summary { cursor: pointer; color: #0072B2; }
        </style>
        </head>
        <body>
        <h1>{{E(title)}}</h1>
        {{_body}}<footer>Written by neuroengine {{E(EngineInfo.ManagedVersion)}} (native {{E(EngineInfo.NativeVersion)}}, {{E(EngineInfo.BuildInfo)}}) at {{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}} UTC. Self-contained: no scripts, no network access.</footer>
        </body>
        </html>

        """;

    /// <summary>Writes the report atomically (a reader never sees a half-written file).</summary>
    public string Write(string path) => AtomicFile.Write(path, tmp => File.WriteAllText(tmp, Html()));
}
