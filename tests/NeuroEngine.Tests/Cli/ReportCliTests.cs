using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary>report.html of the commands and <c>neuroengine report</c>; the reports opened in headless
/// Chromium (Debian's, driven by Playwright).</summary>
public class ReportCliTests : TempFolderTest
{
    private static List<XElement> Svgs(string html) =>
        Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(m => XDocument.Parse(m.Value).Root!).ToList();

    private string NetworkRun(string name, params string[] extra)
    {
        string config = Write("net.yaml", TestNetworks.SmallBrunel(300, "{spikes: true, rates_bin_ms: 5, vm: true, sample_ms: 1}"));
        string output = Path.Combine(Dir, name);
        var (code, _, stderr) = Run(["simulate", config, "--out", output, .. extra]);
        Assert.That(code, Is.EqualTo(0), stderr);
        return output;
    }

    [Test]
    public void ANetworkRunWritesAReportWithItsRasterRatesAndVm()
    {
        string output = NetworkRun("net");
        string html = File.ReadAllText(Path.Combine(output, "report.html"));
        var svgs = Svgs(html);
        XNamespace s = "http://www.w3.org/2000/svg";
        var titles = svgs.Select(x => x.Descendants(s + "text").First(t => (string?)t.Attribute("class") == "title").Value).ToList();
        Assert.That(titles, Is.EqualTo(new[] { "Spike raster", "Population rates", "Population mean membrane potential" }));
        // the raster's time axis spans the run, its legend names the populations
        var raster = svgs[0];
        Assert.That(raster.Descendants(s + "text").Where(t => (string?)t.Attribute("class") == "xtick").Select(t => double.Parse(t.Value)).Max(), Is.EqualTo(300).Within(1e-9));
        Assert.That(raster.Descendants(s + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value), Is.EqualTo(new[] { "E", "I" }));
        Assert.That(html, Does.Contain("engine.build_info").And.Contain("wall_time_s").And.Contain("&quot;duration_ms&quot;: 300"), "engine, timings and config");
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(Regex.Matches(html, "https?://").Count, Is.EqualTo(Regex.Matches(html, "http://www.w3.org/2000/svg").Count), "no link but the SVG namespace");

        string quiet = NetworkRun("quiet", "--no-report");
        Assert.That(File.Exists(Path.Combine(quiet, "report.html")), Is.False);
        var (code, stdout, _) = Run("report", quiet);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(File.Exists(Path.Combine(quiet, "report.html")), Is.True, stdout);
        Assert.That(Run("report", Path.Combine(Dir, "nothing")).Err, Does.Contain("folder not found"));
        Directory.CreateDirectory(Path.Combine(Dir, "empty"));
        Assert.That(Run("report", Path.Combine(Dir, "empty")).Err, Does.Contain("holds no run to report"));
    }

    [Test]
    public void AnOptimisationReportShowsProgressParameterSpaceAndBest()
    {
        string config = Write("rosen.yaml", "objective: {function: rosenbrock, dims: 2}\noptimizer: {name: cmaes, budget: 300, seed: 1}\n");
        Assert.That(Run("optimize", config, "--run-dir", Path.Combine(Dir, "run")).Code, Is.EqualTo(0));
        string html = File.ReadAllText(Path.Combine(Dir, "run", "report.html"));
        Assert.That(Svgs(html), Has.Count.EqualTo(3), "best so far, every evaluation, parameter heatmap");
        Assert.That(html, Does.Contain("Best evaluations").And.Contain("x0").And.Contain("300 of 300"));
        string zdt = Write("zdt.yaml", "objective: {function: zdt1, dims: 4}\noptimizer: {name: nsga2, budget: 400, population: 20, seed: 1}\n");
        Assert.That(Run("optimize", zdt, "--run-dir", Path.Combine(Dir, "zdt")).Code, Is.EqualTo(0));
        string zdtHtml = File.ReadAllText(Path.Combine(Dir, "zdt", "report.html"));
        Assert.That(zdtHtml, Does.Contain("Pareto front").And.Contain("f1 against f2").And.Contain("first two principal components"));
        Assert.That(Svgs(zdtHtml), Has.Count.EqualTo(3), "front, parameter heatmap, PCA projection");
    }

    [Test]
    public void OneFileCommandsWriteAReportOnlyWhenAsked()
    {
        string rates = Write("rates.csv", "t_ms,r0,r1\n" + string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"{i},{10 + i % 7},{12 + i % 5}")) + "\n");
        var (code, _, stderr) = Run("bold", "--rates", rates, "--out", Path.Combine(Dir, "bold.csv"), "--sample-ms", "100");
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(Directory.GetFiles(Dir, "*.html"), Is.Empty);
        (code, _, stderr) = Run("bold", "--rates", rates, "--out", Path.Combine(Dir, "bold.csv"), "--sample-ms", "100", "--report", Path.Combine(Dir, "bold.html"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var svgs = Svgs(File.ReadAllText(Path.Combine(Dir, "bold.html")));
        Assert.That(svgs, Has.Count.EqualTo(1));
        Assert.That(svgs[0].Descendants("{http://www.w3.org/2000/svg}polyline").Count(p => (string?)p.Attribute("class") == "series"), Is.EqualTo(2), "one line per region");

        // spectra: one line per series over the frequencies (0 to the Nyquist frequency, 500 Hz)
        string series = Write("series.csv", "t_ms,a,b\n" + string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"{i},{Math.Sin(i / 5.0)},{Math.Cos(i / 13.0)}")) + "\n");
        (code, _, stderr) = Run("features", "--method", "psd", "--in", series, "--out", Path.Combine(Dir, "psd.csv"), "--fs", "1000", "--report", Path.Combine(Dir, "psd.html"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var psd = Svgs(File.ReadAllText(Path.Combine(Dir, "psd.html"))).Single();
        Assert.That(psd.Descendants("{http://www.w3.org/2000/svg}polyline").Count(p => (string?)p.Attribute("class") == "series"), Is.EqualTo(2));
        Assert.That(psd.Descendants("{http://www.w3.org/2000/svg}text").Where(t => (string?)t.Attribute("class") == "xtick").Select(t => double.Parse(t.Value)).Max(), Is.EqualTo(500));
    }

    [Test]
    public async Task ReportsRenderInHeadlessChromiumWithoutErrors()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessReport.LaunchAsync(playwright);
        string network = NetworkRun("net");
        string config = Write("rosen.yaml", "objective: {function: rosenbrock, dims: 2}\noptimizer: {name: cmaes, budget: 200, seed: 1}\n");
        Assert.That(Run("optimize", config, "--run-dir", Path.Combine(Dir, "opt")).Code, Is.EqualTo(0));
        foreach (string folder in new[] { network, Path.Combine(Dir, "opt") })
        {
            string file = Path.Combine(folder, "report.html");
            var (page, problems, requests, sizes) = await HeadlessReport.OpenAsync(browser, file, width: 1400);
            Assert.That(sizes, Has.Length.EqualTo(Svgs(File.ReadAllText(file)).Count), "every plot is in the DOM");
            Assert.That(sizes.All(s => s[0] > 100 && s[1] > 100), Is.True, "every plot is rendered with a real size");
            Assert.That(problems, Is.Empty, "no console errors");
            Assert.That(requests.All(u => u.StartsWith("file:", StringComparison.Ordinal)), Is.True, "no network access: " + string.Join(", ", requests));
            string shot = Path.Combine(folder, "report.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            Assert.That(new FileInfo(shot).Length, Is.GreaterThan(10_000));
            TestContext.AddTestAttachment(shot);
        }
    }
}
