using System.Xml.Linq;
using NeuroEngine.Plots;
using NUnit.Framework;

namespace NeuroEngine.Tests.Plots;

public class PlotTests
{
    private static readonly XNamespace S = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!; // throws unless well-formed

    private static List<string> Texts(XElement root, string cssClass) =>
        root.Descendants(S + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value).ToList();

    [Test]
    public void AxisTicksAreNiceAndCoverTheData()
    {
        var axis = new AxisScale(0.3, 9.7, 0, 100);
        Assert.That(axis.Ticks, Is.EqualTo(new[] { 0.0, 2, 4, 6, 8, 10 }));
        Assert.That(axis.Map(0), Is.EqualTo(0));
        Assert.That(axis.Map(10), Is.EqualTo(100));
        var small = new AxisScale(-0.0123, 0.0456, 0, 1);
        Assert.That(small.Min, Is.LessThanOrEqualTo(-0.0123));
        Assert.That(small.Max, Is.GreaterThanOrEqualTo(0.0456));
        Assert.That(small.Ticks, Has.Count.InRange(4, 8));
        Assert.That(AxisScale.Label(15000), Is.EqualTo("15000"));
        Assert.That(AxisScale.Label(0.25), Is.EqualTo("0.25"));
    }

    [Test]
    public void ALinePlotHasOnePolylinePerSeriesALegendAndTheDataRangeOnItsAxes()
    {
        var t = Enumerable.Range(0, 1001).Select(i => (double)i).ToArray();
        string svg = LinePlot.Render("Rates", "time (ms)", "rate (Hz)",
            [new Series("E", t, t.Select(x => 5 + Math.Sin(x / 50)).ToArray()), new Series("I", t, t.Select(x => 20 + Math.Cos(x / 50)).ToArray())]);
        var root = Parse(svg);
        Assert.That(root.Descendants(S + "polyline").Count(p => (string?)p.Attribute("class") == "series"), Is.EqualTo(2));
        Assert.That(Texts(root, "legend"), Is.EqualTo(new[] { "E", "I" }));
        Assert.That(Texts(root, "xtick").First(), Is.EqualTo("0"));
        Assert.That(Texts(root, "xtick").Last(), Is.EqualTo("1000"));
        var yTicks = Texts(root, "ytick").Select(double.Parse).ToList();
        Assert.That(yTicks.Min(), Is.LessThanOrEqualTo(4));   // data from 4 to 21
        Assert.That(yTicks.Max(), Is.GreaterThanOrEqualTo(21));
        Assert.That(Texts(root, "xlabel").Single(), Is.EqualTo("time (ms)"));
        Assert.That(LinePlot.Render("Rates", "time (ms)", "rate (Hz)", [new Series("E", t, t)]), Is.EqualTo(LinePlot.Render("Rates", "time (ms)", "rate (Hz)", [new Series("E", t, t)])), "deterministic");
    }

    [Test]
    public void AMillionPointSeriesKeepsItsEnvelopeInAFewPoints()
    {
        var x = Enumerable.Range(0, 1_000_000).Select(i => (double)i).ToArray();
        var y = x.Select(v => v == 500_000 ? 100.0 : Math.Sin(v / 1000)).ToArray(); // one spike must survive
        var root = Parse(LinePlot.Render("long", "x", "y", [new Series("s", x, y)]));
        var points = root.Descendants(S + "polyline").Single(p => (string?)p.Attribute("class") == "series").Attribute("points")!.Value.Split(' ');
        Assert.That(points, Has.Length.LessThan(2 * 640));
        double top = points.Select(p => double.Parse(p.Split(',')[1])).Min();
        Assert.That(top, Is.LessThan(40), "the single peak at 100 reaches the top of the plot area");
    }

    [Test]
    public void RastersAreMarksForFewSpikesAndBoundedDensityForMillions()
    {
        var few = Parse(RasterPlot.Render("r", [0, 1, 2, 3], [10.0, 20, 30, 40], 4, (0, 50)));
        Assert.That(few.Descendants(S + "rect").Count(r => (string?)r.Attribute("fill") == Palette.Of(0) && (string?)r.Attribute("width") == "1.2"), Is.EqualTo(4));
        var random = new System.Random(1);
        int n = 2_000_000;
        var neurons = new int[n];
        var times = new double[n];
        for (int i = 0; i < n; i++) { neurons[i] = random.Next(100_000); times[i] = random.NextDouble() * 1000; }
        string svg = RasterPlot.Render("big", neurons, times, 100_000, (0, 1000), [("E", 0, 80_000), ("I", 80_000, 20_000)]);
        var root = Parse(svg);
        Assert.That(root.Descendants(S + "rect").Count(), Is.LessThan(35_000));
        Assert.That(svg.Length, Is.LessThan(4_000_000));
        Assert.That(Texts(root, "legend"), Is.EqualTo(new[] { "E", "I" }));
    }

    [Test]
    public void AHeatmapHasACellPerEntryAndAColourBarOverItsRange()
    {
        var m = new double[10, 10];
        for (int i = 0; i < 10; i++) for (int j = 0; j < 10; j++) m[i, j] = i == j ? 1 : -0.5 + (i + j) / 36.0;
        var root = Parse(HeatmapPlot.Render("FC", "region", "region", m, "r", (-1, 1), diverging: true));
        var fills = root.Descendants(S + "rect").Select(r => (string?)r.Attribute("fill")).ToList();
        Assert.That(fills.Count(f => f == Palette.DivergingAt(1)), Is.GreaterThanOrEqualTo(10), "the diagonal in the colour of +1");
        Assert.That(Texts(root, "ctick").First(), Is.EqualTo("-1"));
        Assert.That(Texts(root, "ctick").Last(), Is.EqualTo("1"));
        Assert.That(Palette.Sequential(0), Is.EqualTo("#440154"));
        Assert.That(Palette.Sequential(1), Is.EqualTo("#fde725"));
        Assert.That(Palette.DivergingAt(0.5), Is.EqualTo("#f7f7f7"));
        var big = new double[500, 500];
        Assert.That(Parse(HeatmapPlot.Render("big", "x", "y", big, "v")).Descendants(S + "rect").Count(), Is.LessThan(HeatmapPlot.MaxCells * HeatmapPlot.MaxCells + 100));
    }

    [Test]
    public void AHistogramCountsItsBinsAndDrawsTheBand()
    {
        var values = Enumerable.Range(0, 100).Select(i => i + 0.5).ToArray(); // 10 per bin of width 10
        var root = Parse(HistogramPlot.Render("ranks", "rank", values, 10, (0, 100), (6, 14)));
        var bars = root.Descendants(S + "rect").Where(r => (string?)r.Attribute("fill") == Palette.Of(0)).ToList();
        Assert.That(bars, Has.Count.EqualTo(10));
        Assert.That(bars.Select(b => (string?)b.Attribute("height")).Distinct().Count(), Is.EqualTo(1), "equal counts, equal bars");
        Assert.That(root.Descendants(S + "rect").Count(r => (string?)r.Attribute("fill") == "#999999"), Is.EqualTo(1), "the band");
    }

    [Test]
    public void ScatterPlotsDrawAnIdentityLineAndAtMostTheirCapOfPoints()
    {
        var x = Enumerable.Range(0, 100_000).Select(i => i / 1000.0).ToArray();
        var root = Parse(ScatterPlot.Render("recovery", "true", "estimate", [new Series("rows", x, x.Select(v => v + 1).ToArray())], identityLine: true));
        Assert.That(root.Descendants(S + "circle").Count(), Is.EqualTo(ScatterPlot.MaxPoints));
        Assert.That(root.Descendants(S + "line").Count(l => (string?)l.Attribute("stroke-dasharray") == "4 3"), Is.EqualTo(1));
        // with the identity line both axes share one range: the estimates' 101 and the truths' 0
        Assert.That(Texts(root, "xtick"), Is.EqualTo(Texts(root, "ytick")));
    }

    [Test]
    public void TextIsEscaped()
    {
        var root = Parse(LinePlot.Render("a < b & \"c\"", "x", "y", [new Series("<s>", [0.0, 1], [0.0, 1])]));
        Assert.That(root.Descendants(S + "text").First(t => (string?)t.Attribute("class") == "title").Value, Is.EqualTo("a < b & \"c\""));
    }
}
