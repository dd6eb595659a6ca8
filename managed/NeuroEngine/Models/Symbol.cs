namespace NeuroEngine.Models;

/// <summary>What a name stands for.</summary>
public enum SymbolKind
{
    /// <summary>A model parameter (one value per parameter set).</summary>
    Parameter,
    /// <summary>A state variable.</summary>
    State,
    /// <summary>A named intermediate result (<c>name = expression</c>), computed once per lane in order.</summary>
    Subexpression,
    /// <summary>A value the engine provides: coupling input, noise input, synaptic input, drive.</summary>
    Input,
    /// <summary>A fixed number (<c>pi</c>, <c>e</c>).</summary>
    Constant,
    /// <summary>A model file's own function.</summary>
    Function,
    /// <summary>An argument inside a function body.</summary>
    Argument,
}

/// <summary>One entry of a <see cref="SymbolTable"/>.</summary>
/// <param name="Name">The name as expressions write it.</param>
/// <param name="Kind">What it stands for.</param>
/// <param name="Index">The caller's number for it (slot, variable index, ...), free to use.</param>
/// <param name="Value">The value of a constant.</param>
/// <param name="Function">The definition of a function.</param>
public sealed record Symbol(string Name, SymbolKind Kind, int Index = 0, double Value = 0, FunctionDefinition? Function = null);

/// <summary>The names an expression may use. Built-in functions (<see cref="BuiltinFunctions"/>) are always known
/// and are not in the table.</summary>
public sealed class SymbolTable
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);

    /// <summary>A table holding the constants <c>pi</c> and <c>e</c>.</summary>
    public static SymbolTable WithConstants()
    {
        var table = new SymbolTable();
        table.Add(new Symbol("pi", SymbolKind.Constant, Value: Math.PI));
        table.Add(new Symbol("e", SymbolKind.Constant, Value: Math.E));
        return table;
    }

    /// <summary>Every symbol, in the order added.</summary>
    public IEnumerable<Symbol> All => _symbols.Values;

    /// <summary>Whether the name is taken (by a symbol, a built-in function or a keyword).</summary>
    public bool IsTaken(string name) => _symbols.ContainsKey(name) || BuiltinFunctions.IsBuiltin(name) || Parser.IsKeyword(name);

    /// <summary>Adds a symbol.</summary>
    /// <exception cref="ModelException">The name is taken (the message says by what).</exception>
    public void Add(Symbol symbol, SourcePosition? position = null)
    {
        string? clash = _symbols.TryGetValue(symbol.Name, out Symbol? old) ? $"already {WithArticle(old.Kind)}"
            : BuiltinFunctions.IsBuiltin(symbol.Name) ? "a built-in function"
            : Parser.IsKeyword(symbol.Name) ? "a keyword" : null;
        if (clash is not null)
        {
            string message = $"'{symbol.Name}' is {clash}";
            throw position is { } at ? new ModelException(at, message) : new ModelException(message);
        }
        _symbols.Add(symbol.Name, symbol);
    }

    /// <summary>The symbol of that name, or null.</summary>
    public Symbol? Find(string name) => _symbols.GetValueOrDefault(name);

    /// <summary>A copy that further additions do not change.</summary>
    public SymbolTable Clone()
    {
        var copy = new SymbolTable();
        foreach (Symbol s in _symbols.Values) copy._symbols.Add(s.Name, s);
        return copy;
    }

    /// <summary>The kind with its article ("a parameter", "an input").</summary>
    public static string WithArticle(SymbolKind kind) => (kind is SymbolKind.Input or SymbolKind.Argument ? "an " : "a ") + Describe(kind);

    /// <summary>The kind as a noun for messages.</summary>
    public static string Describe(SymbolKind kind) => kind switch
    {
        SymbolKind.Parameter => "parameter",
        SymbolKind.State => "state variable",
        SymbolKind.Subexpression => "subexpression",
        SymbolKind.Input => "input",
        SymbolKind.Constant => "constant",
        SymbolKind.Function => "function",
        _ => "argument",
    };
}
