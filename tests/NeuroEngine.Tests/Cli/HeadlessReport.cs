using Microsoft.Playwright;
using NUnit.Framework;

namespace NeuroEngine.Tests.Cli;

/// <summary>A report.html opened in Debian's headless Chromium (driven by Playwright), with what the
/// report tests check: console errors, the URLs it requested and the rendered size of every plot.</summary>
internal sealed record HeadlessReport(IPage Page, List<string> Problems, List<string> Requests, double[][] PlotSizes)
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Starts the browser; the test is ignored where Chromium is not installed.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Chromium)) Assert.Ignore($"{Chromium} is not installed (apt-get install chromium; .ci/run installs it)");
        return await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>Opens <paramref name="htmlFile"/> in a new page <paramref name="width"/> pixels wide.</summary>
    public static async Task<HeadlessReport> OpenAsync(IBrowser browser, string htmlFile, int width)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(htmlFile).AbsoluteUri);
        var sizes = await page.EvaluateAsync<double[][]>("() => Array.from(document.querySelectorAll('svg.plot')).map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; })");
        return new HeadlessReport(page, problems, requests, sizes);
    }
}
