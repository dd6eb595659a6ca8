using System.Globalization;

namespace NeuroEngine.Search;

/// <summary>How a searched parameter maps the optimisers' unit interval onto its values.</summary>
public enum ParameterKind { Float, Log, Int, Categorical }

/// <summary>One searched parameter (docs/search.md): float and log-scaled float with bounds, an
/// integer range, or a list of categories. Optimisers work in the unit cube; <see cref="Decode"/>
/// maps u in [0, 1] onto a value (log: uniform in log space; int and categorical: equal-width cells).</summary>
public sealed record SearchParameter(string Name, ParameterKind Kind, double Low, double High, IReadOnlyList<string>? Values = null)
{
    public static SearchParameter Float(string name, double low, double high) => new(name, ParameterKind.Float, low, high);
    public static SearchParameter Log(string name, double low, double high) => new(name, ParameterKind.Log, low, high);
    public static SearchParameter Int(string name, long low, long high) => new(name, ParameterKind.Int, low, high);
    public static SearchParameter Categorical(string name, IReadOnlyList<string> values) => new(name, ParameterKind.Categorical, 0, values.Count - 1, values);

    /// <summary>Number of distinct values (int and categorical), or 0 for continuous parameters.</summary>
    public long Levels => Kind switch
    {
        ParameterKind.Int => (long)(High - Low) + 1,
        ParameterKind.Categorical => Values!.Count,
        _ => 0,
    };

    /// <summary>Checks bounds and values; messages name the parameter.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("a parameter needs a name", nameof(Name));
        string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        switch (Kind)
        {
            case ParameterKind.Categorical:
                if (Values is null || Values.Count == 0) throw new ArgumentException($"parameter '{Name}': categorical needs at least one value", nameof(Values));
                if (Values.Distinct().Count() != Values.Count) throw new ArgumentException($"parameter '{Name}': categorical values repeat", nameof(Values));
                break;
            default:
                if (!double.IsFinite(Low) || !double.IsFinite(High) || !(Low < High) && !(Kind == ParameterKind.Int && Low == High))
                    throw new ArgumentException($"parameter '{Name}': bounds [{F(Low)}, {F(High)}] are inverted or not finite; need low < high", nameof(Low));
                if (Kind == ParameterKind.Log && !(Low > 0)) throw new ArgumentException($"parameter '{Name}': log scale needs low > 0, got {F(Low)}", nameof(Low));
                if (Kind == ParameterKind.Int && (Low != Math.Floor(Low) || High != Math.Floor(High)))
                    throw new ArgumentException($"parameter '{Name}': int bounds must be integers, got [{F(Low)}, {F(High)}]", nameof(Low));
                break;
        }
    }

    /// <summary>The value at u in [0, 1] (u is clamped); categorical values are returned as their index.</summary>
    public double Decode(double u)
    {
        u = Math.Clamp(double.IsNaN(u) ? 0.5 : u, 0, 1);
        return Kind switch
        {
            ParameterKind.Float => Low + u * (High - Low),
            ParameterKind.Log => Math.Exp(Math.Log(Low) + u * Math.Log(High / Low)),
            _ => Low + Math.Min(Levels - 1, (long)Math.Floor(u * Levels)),
        };
    }

    /// <summary>The unit-interval position of <paramref name="value"/> (the centre of its cell for int and categorical).</summary>
    public double Encode(double value) => Kind switch
    {
        ParameterKind.Float => (value - Low) / (High - Low),
        ParameterKind.Log => Math.Log(value / Low) / Math.Log(High / Low),
        _ => (value - Low + 0.5) / Levels,
    };

    /// <summary>Readable form of a decoded value (the category's name for categorical parameters).</summary>
    public string Format(double value) => Kind == ParameterKind.Categorical
        ? Values![(int)value] : value.ToString("R", CultureInfo.InvariantCulture);
}
