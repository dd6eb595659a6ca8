using System.Globalization;

namespace NeuroEngine.Plots;

/// <summary>A linear axis: data range, "nice" ticks (steps of 1, 2, 2.5 or 5 times a power of ten)
/// and the mapping onto pixels.</summary>
public sealed class AxisScale
{
    public double Min { get; }
    public double Max { get; }
    public IReadOnlyList<double> Ticks { get; }
    private readonly double _from, _to;

    /// <summary>An axis covering [min, max] (widened to nice ticks) drawn from pixel <paramref name="from"/> to <paramref name="to"/>.</summary>
    public AxisScale(double min, double max, double from, double to, int maxTicks = 6, bool nice = true)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max < min) (min, max) = (max, min);
        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max))) { double pad = Math.Max(Math.Abs(min) * 0.05, 0.5); min -= pad; max += pad; }
        double step = NiceStep((max - min) / Math.Max(1, maxTicks - 1));
        if (nice) { min = Math.Floor(min / step + 1e-9) * step; max = Math.Ceiling(max / step - 1e-9) * step; }
        Min = min; Max = max; _from = from; _to = to;
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step)
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        Ticks = ticks;
    }

    /// <summary>The pixel position of a value.</summary>
    public double Map(double v) => _from + (v - Min) / (Max - Min) * (_to - _from);

    /// <summary>A tick label: up to 4 significant digits, no trailing zeros.</summary>
    public static string Label(double v)
    {
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a >= 1e6 || a < 1e-3) return v.ToString("0.##e0", CultureInfo.InvariantCulture);
        if (a >= 1e4 && v == Math.Round(v)) return v.ToString("0", CultureInfo.InvariantCulture); // 15000, not 1.5E+04
        return Math.Round(v, 10).ToString("G4", CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        if (!(raw > 0)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
            if (raw <= m * power * (1 + 1e-9)) return m * power;
        return 10 * power;
    }
}
