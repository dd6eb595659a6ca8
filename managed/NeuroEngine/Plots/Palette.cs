using System.Globalization;

namespace NeuroEngine.Plots;

/// <summary>Colour-blind safe colours: Okabe and Ito's qualitative palette for series, viridis for
/// sequential maps, a red-white-blue (ColorBrewer RdBu) diverging map for correlations.</summary>
public static class Palette
{
    /// <summary>Series colours in order (Okabe-Ito: blue, vermillion, bluish green, orange, sky blue, reddish purple, black, yellow).</summary>
    public static readonly string[] Series = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#000000", "#F0E442"];

    public static string Of(int index) => Series[((index % Series.Length) + Series.Length) % Series.Length];

    // viridis at 0, 1/8, ..., 1
    private static readonly (double R, double G, double B)[] Viridis =
        [(68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140), (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37)];
    // ColorBrewer RdBu (blue for -1, white for 0, red for +1)
    private static readonly (double R, double G, double B)[] Diverging =
        [(33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247), (253, 219, 199), (239, 138, 98), (178, 24, 43)];

    /// <summary>Viridis at t in [0, 1] (clamped; NaN grey).</summary>
    public static string Sequential(double t) => Interpolate(Viridis, t);

    /// <summary>The diverging map at t in [0, 1] (0.5 white).</summary>
    public static string DivergingAt(double t) => Interpolate(Diverging, t);

    private static string Interpolate((double R, double G, double B)[] stops, double t)
    {
        if (double.IsNaN(t)) return "#bbbbbb";
        t = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)t, stops.Length - 2);
        double f = t - i;
        int C(double a, double b) => (int)Math.Round(a + (b - a) * f);
        return string.Create(CultureInfo.InvariantCulture, $"#{C(stops[i].R, stops[i + 1].R):x2}{C(stops[i].G, stops[i + 1].G):x2}{C(stops[i].B, stops[i + 1].B):x2}");
    }
}
