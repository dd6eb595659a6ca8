namespace NeuroEngine.Search;

/// <summary>Standard optimisation test problems (the built-ins of docs/search.md), defined on the unit
/// cube through their usual domains: sphere, Rosenbrock and Rastrigin on [-5, 5]^d (minimum 0),
/// ZDT1-3 on [0, 1]^d (two objectives, Zitzler, Deb and Thiele 2000).</summary>
public static class TestProblems
{
    private static double Scale(double u) => -5 + 10 * u;

    public static double Sphere(double[] u) => u.Sum(v => Scale(v) * Scale(v));

    public static double Rosenbrock(double[] u)
    {
        double s = 0;
        for (int i = 0; i + 1 < u.Length; i++)
        {
            double x = Scale(u[i]), y = Scale(u[i + 1]);
            s += 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
        }
        return s;
    }

    public static double Rastrigin(double[] u) =>
        10 * u.Length + u.Sum(v => { double x = Scale(v); return x * x - 10 * Math.Cos(2 * Math.PI * x); });

    /// <summary>ZDT1-3 (<paramref name="variant"/> 1, 2, 3): both objectives minimised.</summary>
    public static (double F1, double F2) Zdt(int variant, double[] x)
    {
        if (x.Length < 2) throw new ArgumentException("ZDT needs at least 2 variables", nameof(x));
        double f1 = x[0];
        double g = 1 + 9 * x.Skip(1).Sum() / (x.Length - 1);
        double h = variant switch
        {
            1 => 1 - Math.Sqrt(f1 / g),
            2 => 1 - (f1 / g) * (f1 / g),
            3 => 1 - Math.Sqrt(f1 / g) - f1 / g * Math.Sin(10 * Math.PI * f1),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "ZDT variant must be 1, 2 or 3"),
        };
        return (f1, g * h);
    }
}
