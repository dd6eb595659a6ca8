using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using NeuroEngine.Cli;
using NeuroEngine.Cli.Commands;
using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>neuroengine demo</c> (run once for the fixture: 20,000 LIF neurons and Brunel's
/// network of 10,000 neurons for 1.2 s): its tables, files and its one report.html with the
/// network's raster, rates, ISI-CV histograms and mean-field rate.</summary>
[TestFixture]
public sealed class DemoCliTests
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";
    private string _dir = "", _out = "", _stdout = "";

    [OneTimeSetUp]
    public void RunTheDemo()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ne-demo-" + Guid.NewGuid().ToString("N"));
        _out = Path.Combine(_dir, "demo");
        var (code, stdout, stderr) = Run("demo", "--out", _out);
        Assert.That(code, Is.EqualTo(0), stderr);
        _stdout = stdout;
    }

    [OneTimeTearDown]
    public void Delete() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private static List<XElement> Svgs(string html) =>
        Regex.Matches(html, "<svg .*?</svg>", RegexOptions.Singleline).Select(m => XDocument.Parse(m.Value).Root!).ToList();

    private static string Title(XElement svg) => svg.Descendants(S + "text").First(t => (string?)t.Attribute("class") == "title").Value;

    private static double Attr(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    [Test]
    public void PrintsBothTablesAndWritesOnlyFilesItMayReplace()
    {
        Assert.That(_stdout, Does.Contain("mean rate").And.Contain("simd="));
        // Brunel (2000) model A at g = 5, eta = 2: the self-consistent rate is 43.2 Hz (the mean-field
        // value of the NEST and Brian2 reference scripts for this network)
        Assert.That(_stdout, Does.Contain("rate (mean field)").And.Contain("43.23 Hz"));
        Assert.That(File.ReadAllLines(Path.Combine(_out, "summary.csv")), Has.Length.EqualTo(20_001));
        // everything in the folder is an output the demo replaces when run again on it
        Assert.That(Directory.GetFiles(_out).Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "summary.csv", "spikes.csv", "run.json", "network.json", "network_populations.csv", "network_spikes.csv", "network_rates.csv", "report.html",
        }));
        Assert.That(Directory.GetFiles(_out).Select(Path.GetFileName).Except(["report.html"]),
            Is.SubsetOf(SimulateCommand.OutputFiles.Concat(DemoNetwork.Files)));
    }

    [Test]
    public void TheReportShowsTheLifBatchAndTheNetworkWithItsMeanField()
    {
        string html = File.ReadAllText(Path.Combine(_out, "report.html"));
        var svgs = Svgs(html);
        var titles = svgs.Select(Title).ToList();
        Assert.That(titles, Has.Count.EqualTo(6), string.Join(" | ", titles));
        Assert.That(titles[0], Is.EqualTo("Spike counts of 20,000 neurons"));
        Assert.That(titles[1], Is.EqualTo("Spike count against threshold"));
        Assert.That(titles[2], Is.EqualTo("Spike raster, 1000-1200 ms"));
        Assert.That(titles[3], Is.EqualTo("Population rates (10 ms bins) and mean field"));
        Assert.That(titles[4], Does.StartWith("ISI CV of 8,000 E neurons"));
        Assert.That(titles[5], Does.StartWith("ISI CV of 2,000 I neurons"));
        Assert.That(html, Does.Contain("Brunel network (N = 10,000, g = 5, eta = 2)"));

        // the raster has a dot per shown spike in its 200 ms: 400 of 10,000 neurons at about 43 Hz
        // give about 400 x 43 x 0.2 = 3,440 dots (within 20%)
        var dots = svgs[2].Elements(S + "rect").Count(r => Attr(r, "width") == 1.2);
        Assert.That(dots, Is.InRange(2_750, 4_130));

        // rates: E, I and a flat mean-field line per population at the value the library computes
        var lines = svgs[3].Descendants(S + "polyline").Where(p => (string?)p.Attribute("class") == "series").ToList();
        Assert.That(lines, Has.Count.EqualTo(4));
        Assert.That(svgs[3].Descendants(S + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value),
            Is.EqualTo(new[] { "E", "I", "E mean field", "I mean field" }));
        foreach (var flat in lines.Skip(2))
        {
            var ys = ((string)flat.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(',')[1]).Distinct().ToList();
            Assert.That(ys, Has.Count.EqualTo(1), "the mean-field rate is a flat line");
        }
        var predicted = new MeanFieldSolver(NetworkMeanField.From(StandardNetworks.Brunel(10_000, 5, 2))).Solve([[10.0, 10.0]]).First(f => f.Converged);
        Assert.That(predicted.RatesHz[0], Is.EqualTo(43.23).Within(0.005));
        var rows = Regex.Matches(html, "<tr><td>(E|I)</td>(.*?)</tr>").Select(m => Regex.Matches(m.Groups[2].Value, "<td>(.*?)</td>").Select(c => c.Groups[1].Value).ToArray()).ToList();
        Assert.That(rows, Has.Count.EqualTo(2), "one table row per population");
        Assert.That(rows.Select(r => r[2]), Is.All.EqualTo(predicted.RatesHz[0].ToString("G4", CultureInfo.InvariantCulture)), "the printed mean-field rate");

        // the simulated rates sit within 2% of the prediction (Brunel's asynchronous irregular state)
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "network.json")));
        foreach (var pop in new[] { "E", "I" })
            Assert.That(json.RootElement.GetProperty("rates_hz").GetProperty(pop).GetDouble(), Is.EqualTo(predicted.RatesHz[0]).Within(2).Percent);

        // ISI CV histograms: bars with counts, and the E mean recomputed here from the spike file
        // equals the table's CV of ISI
        foreach (var hist in svgs.Skip(4))
        {
            var bars = hist.Elements(S + "rect").Where(r => (string?)r.Attribute("fill-opacity") == "0.85" && Attr(r, "height") > 0).ToList();
            Assert.That(bars, Has.Count.GreaterThanOrEqualTo(5), Title(hist));
        }
        double cv = MeanCvOfE(Path.Combine(_out, "network_spikes.csv"), first: 0, size: 8000, startMs: 200);
        Assert.That(rows[0][3], Is.EqualTo(cv.ToString("G4", CultureInfo.InvariantCulture)));
        Assert.That(titles[4], Does.Contain($"(mean {cv.ToString("G4", CultureInfo.InvariantCulture)})"));
        Assert.That(cv, Is.InRange(0.2, 0.6), "irregular but below Poisson at this size (CV 0.36 measured)");
    }

    // the mean over neurons with at least 3 spikes after startMs of std(ISI) / mean(ISI), population std
    private static double MeanCvOfE(string spikesCsv, int first, int size, double startMs)
    {
        var trains = Enumerable.Range(0, size).Select(_ => new List<double>()).ToArray();
        foreach (string line in File.ReadLines(spikesCsv).Skip(1))
        {
            var f = line.Split(',');
            int neuron = int.Parse(f[0], CultureInfo.InvariantCulture);
            double t = double.Parse(f[1], CultureInfo.InvariantCulture);
            if (neuron >= first && neuron < first + size && t > startMs) trains[neuron - first].Add(t);
        }
        var cvs = new List<double>();
        foreach (var train in trains.Where(t => t.Count >= 3))
        {
            train.Sort();
            var isi = train.Zip(train.Skip(1), (a, b) => b - a).ToArray();
            double mean = isi.Average();
            cvs.Add(Math.Sqrt(isi.Sum(d => (d - mean) * (d - mean)) / isi.Length) / mean);
        }
        return cvs.Average();
    }

    [Test]
    public async Task TheReportRendersInHeadlessChromium()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessReport.LaunchAsync(playwright);
        var (page, problems, requests, sizes) = await HeadlessReport.OpenAsync(browser, Path.Combine(_out, "report.html"), width: 1200);
        Assert.That(sizes, Has.Length.EqualTo(6), "the two lif-neurons plots and the four network plots");
        Assert.That(sizes.All(s => s[0] > 100 && s[1] > 100), Is.True, "every plot is rendered with a real size");
        var headings = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('h2')).map(h => h.textContent)");
        Assert.That(headings, Does.Contain("Spike counts").And.Contain("Brunel network (N = 10,000, g = 5, eta = 2)"));
        Assert.That(problems, Is.Empty, "no console errors");
        Assert.That(requests.All(u => u.StartsWith("file:", StringComparison.Ordinal)), Is.True, "no network access: " + string.Join(", ", requests));
    }

    [Test]
    public void EachModeHasItsOwnDefaultFolderNamedInTheHelp()
    {
        var (_, help, _) = Run("demo", "--help");
        Assert.That(help, Does.Contain("demo-out, demo-out-ncpi or demo-out-sbi-lif"));
        Assert.That(DemoPipelines.Names.Select(DemoCommand.DefaultOutput).Append(DemoCommand.DefaultOutput(null)).Distinct().Count(), Is.EqualTo(3));

        // `demo` then `demo --pipeline ncpi` in one folder: the pipeline leaves the demo's output alone
        string work = Path.Combine(_dir, "work");
        Directory.CreateDirectory(work);
        string demoOut = Path.Combine(work, "demo-out");
        Directory.CreateDirectory(demoOut);
        foreach (string file in Directory.GetFiles(_out).Where(f => !f.EndsWith("spikes.csv", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(demoOut, Path.GetFileName(file)));
        var before = Directory.GetFiles(demoOut).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = work };
        foreach (string arg in new[] { typeof(CliApp).Assembly.Location, "demo", "--pipeline", "ncpi", "--simulations", "40", "--epochs", "20", "--threads", "1" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), stderr.Result + stdout);
        Assert.That(File.Exists(Path.Combine(work, "demo-out-ncpi", "model.json")), Is.True);
        Assert.That(Directory.GetFiles(demoOut).Select(f => (Path.GetFileName(f), File.ReadAllText(f))), Is.EquivalentTo(before), "demo-out untouched");
    }
}
