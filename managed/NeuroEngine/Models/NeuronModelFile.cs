using System.Globalization;
using NeuroEngine.Simulation.Network;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Models;

/// <summary>Reads a neuron model file (YAML, <c>kind: neuron</c>; docs/lif-network.md, "Your own neuron model") into a
/// checked <see cref="NeuronModelDefinition"/>. Structure errors read <c>FILE: key: message</c>, expression errors
/// <c>FILE:LINE:COLUMN: message</c>, both as <see cref="ModelException"/>.</summary>
public static class NeuronModelFile
{
    private static readonly string[] TopKeys = ["kind", "name", "title", "citation", "parameters", "derived", "functions",
        "state", "equations", "threshold", "reset", "refractory", "input"];

    /// <summary>The symbol of the population's stimulus value in equations.</summary>
    public const string StimulusSymbol = "stimulus";

    /// <summary>The C library's e^x - 1, accurate for small x (propagators such as -tau expm1(-dt/tau)).</summary>
    public const string Expm1 = "expm1";

    /// <summary>Reads and checks a model file.</summary>
    public static NeuronModelDefinition Load(string path)
    {
        string text;
        try { text = System.IO.File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new ModelException($"{path}: cannot read the neuron model: {ex.Message}"); }
        return Parse(text, path);
    }

    /// <summary>Parses model file text; <paramref name="file"/> names it in errors.</summary>
    public static NeuronModelDefinition Parse(string text, string file)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1) throw new ModelException($"{file}: expected one YAML document, found {stream.Documents.Count}");
            root = stream.Documents[0].RootNode as YamlMappingNode ?? throw new ModelException($"{file}: a neuron model file is a mapping of keys (kind: neuron, ...)");
        }
        catch (YamlException ex) { throw new ModelException($"{file}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML: {ex.Message}"); }
        string[] rawLines = text.Replace("\r\n", "\n").Split('\n');
        var y = new Reader(file, rawLines);
        var top = y.Keys(root, "", TopKeys);
        if (!top.TryGetValue("kind", out var kindNode) || y.String(kindNode, "kind") != "neuron")
            throw new ModelException($"{file}: kind: neuron is required (this reader reads neuron models)");
        string name = top.TryGetValue("name", out var n) ? y.String(n, "name") : Path.GetFileNameWithoutExtension(file);
        var symbols = SymbolTable.WithConstants();

        // parameters
        var parameters = new List<NeuronModelParameter>();
        if (top.TryGetValue("parameters", out n))
            foreach (var (key, value) in y.Map(n, "parameters"))
            {
                string p = y.Name(key, "parameters");
                NeuronModelParameter parameter = value is YamlScalarNode
                    ? new NeuronModelParameter(p, y.Double(value, $"parameters.{p}"))
                    : ReadParameter(y, value, p);
                symbols.Add(new Symbol(p, SymbolKind.Parameter, parameters.Count), y.At(key));
                parameters.Add(parameter);
            }
        var derived = new List<(string Name, YamlNode Node)>();
        if (top.TryGetValue("derived", out n))
            foreach (var (key, value) in y.Map(n, "derived"))
                derived.Add((y.Name(key, "derived"), value));
        for (int i = 0; i < derived.Count; i++)
            symbols.Add(new Symbol(derived[i].Name, SymbolKind.Parameter, parameters.Count + i), y.At(derived[i].Node));
        symbols.Add(new Symbol("dt", SymbolKind.Parameter, parameters.Count + derived.Count));

        // derived parameters see the parameters, dt, the derived ones before them and expm1
        var derivedScope = SymbolTable.WithConstants();
        foreach (var s in symbols.All) if (s.Kind == SymbolKind.Parameter && s.Index < parameters.Count) derivedScope.Add(s);
        derivedScope.Add(symbols.Find("dt")!);
        var expm1 = new Symbol(Expm1, SymbolKind.Function,
            Function: new FunctionDefinition(new SourcePosition(file, 0, 0), Expm1, ["x"], new NumberExpr(new SourcePosition(file, 0, 0), 0, "0")));
        derivedScope.Add(expm1);
        symbols.Add(expm1);

        // the file's own functions: NAME(ARG, ...): expression, each seeing the constants and the functions before it
        var functions = new List<FunctionDefinition>();
        if (top.TryGetValue("functions", out n))
            foreach (var (key, value) in y.Map(n, "functions"))
            {
                (string fname, List<string> args) = Parser.ParseFunctionHeader(y.String(key, "functions"), y.At(key));
                var f = new FunctionDefinition(y.At(key), fname, args, y.Expression(value, $"functions.{fname}"));
                Resolver.CheckFunction(f, symbols);
                var symbol = new Symbol(fname, SymbolKind.Function, Function: f);
                symbols.Add(symbol, y.At(key));
                derivedScope.Add(symbol);
                functions.Add(f);
            }
        var derivedList = new List<NeuronDerivedParameter>();
        for (int i = 0; i < derived.Count; i++)
        {
            Expr e = y.Expression(derived[i].Node, $"derived.{derived[i].Name}");
            Resolver.CheckNumber(e, derivedScope);
            derivedScope.Add(symbols.Find(derived[i].Name)!);
            derivedList.Add(new NeuronDerivedParameter(derived[i].Name, e, e.Position));
        }

        // state
        if (!top.TryGetValue("state", out n)) throw new ModelException($"{file}: state is required (the first variable is the membrane potential)");
        var state = new List<NeuronStateVariable>();
        foreach (var (key, value) in y.Map(n, "state"))
        {
            string s = y.Name(key, "state");
            string at = $"state.{s}";
            InitialValue init = new InitialValue.Constant(0);
            string unit = "";
            if (value is YamlScalarNode) init = new InitialValue.Constant(y.Double(value, at));
            else
            {
                var k = y.Keys(value, at, ["init", "unit"]);
                if (k.TryGetValue("init", out var i)) init = ReadInitial(y, i, at + ".init");
                if (k.TryGetValue("unit", out var u)) unit = y.String(u, at + ".unit");
            }
            symbols.Add(new Symbol(s, SymbolKind.State, state.Count), y.At(key));
            state.Add(new NeuronStateVariable(s, init, unit));
        }
        if (state.Count == 0) throw new ModelException($"{file}: state must list at least the membrane potential");
        if (state.Count > 16) throw new ModelException($"{file}: state has {state.Count} variables; at most 16 are supported");
        symbols.Add(new Symbol(StimulusSymbol, SymbolKind.Input));

        // equations
        if (!top.TryGetValue("equations", out n)) throw new ModelException($"{file}: equations is required");
        var equations = new List<NeuronEquation>();
        var subexpressions = new List<(string, Expr)>();
        foreach (Statement st in Parser.ParseStatements(y.Source(n, "equations")))
        {
            bool unless = st.Unit.Contains("(unless refractory)", StringComparison.Ordinal);
            Symbol? target = symbols.Find(st.Target);
            switch (st)
            {
                case DerivativeStatement:
                case AssignmentStatement { Kind: AssignmentKind.Set } when target is { Kind: SymbolKind.State }:
                    if (target is not { Kind: SymbolKind.State })
                        throw new ModelException(st.Position, $"d {st.Target}/dt: '{st.Target}' is not a state variable (state: {string.Join(", ", state.Select(x => x.Name))})");
                    if (equations.Any(e => e.Variable == st.Target))
                        throw new ModelException(st.Position, $"'{st.Target}' has a second equation");
                    Resolver.CheckNumber(st.Value, symbols);
                    equations.Add(new NeuronEquation(st.Target, st is DerivativeStatement ? NeuronEquationKind.Derivative : NeuronEquationKind.Update, st.Value, unless));
                    break;
                case AssignmentStatement { Kind: AssignmentKind.Set }:
                    if (unless) throw new ModelException(st.Position, $"'(unless refractory)' applies to state variables; '{st.Target}' is a subexpression");
                    Resolver.CheckNumber(st.Value, symbols);
                    symbols.Add(new Symbol(st.Target, SymbolKind.Subexpression, subexpressions.Count), st.Position);
                    subexpressions.Add((st.Target, st.Value));
                    break;
                default:
                    throw new ModelException(st.Position, $"'{st.Target} +=' and '-=' belong in reset, not in equations");
            }
        }

        // threshold, reset, refractory period
        if (!top.TryGetValue("threshold", out n)) throw new ModelException($"{file}: threshold is required (a condition such as v > V_th)");
        Expr threshold = y.Expression(n, "threshold");
        Resolver.CheckCondition(threshold, symbols);
        var reset = new List<AssignmentStatement>();
        if (top.TryGetValue("reset", out n))
            foreach (Statement st in Parser.ParseStatements(y.Source(n, "reset")))
            {
                if (st is not AssignmentStatement a || symbols.Find(st.Target) is not { Kind: SymbolKind.State })
                    throw new ModelException(st.Position, $"a reset assigns a state variable ('x = e', 'x += e', 'x -= e'); '{st.Target}' is not one");
                Resolver.CheckNumber(a.Value, symbols);
                reset.Add(a);
            }
        double? refractoryMs = null;
        string? refractoryParameter = null;
        if (top.TryGetValue("refractory", out n))
        {
            string value = y.String(n, "refractory");
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
            {
                if (!double.IsFinite(ms) || ms < 0) throw y.Error(n, "refractory", $"must be a number of ms >= 0 or a parameter name, got {value}");
                refractoryMs = ms;
            }
            else if (symbols.Find(value) is { Kind: SymbolKind.Parameter } && value != "dt") refractoryParameter = value;
            else throw y.Error(n, "refractory", $"must be a number of ms or a parameter name, got '{value}'");
        }

        // synaptic input
        string exc = state[0].Name, inh = state[0].Name;
        var kind = NeuronInputKind.Current;
        if (top.TryGetValue("input", out n))
        {
            if (n is YamlScalarNode) exc = inh = y.String(n, "input");
            else
            {
                var k = y.Keys(n, "input", ["exc", "inh", "kind"]);
                if (k.TryGetValue("exc", out var e)) exc = y.String(e, "input.exc");
                if (k.TryGetValue("inh", out var i)) inh = y.String(i, "input.inh");
                if (k.TryGetValue("kind", out var c))
                    kind = y.String(c, "input.kind") switch
                    {
                        "current" => NeuronInputKind.Current,
                        "conductance" => NeuronInputKind.Conductance,
                        var other => throw y.Error(c, "input.kind", $"must be current or conductance, got '{other}'"),
                    };
            }
            foreach (var (target, key) in new[] { (exc, "input.exc"), (inh, "input.inh") })
                if (state.All(s => s.Name != target))
                    throw y.Error(n, key, $"names '{target}', which is not a state variable (state: {string.Join(", ", state.Select(s => s.Name))})");
        }

        return new NeuronModelDefinition
        {
            Name = name, File = file,
            Title = top.TryGetValue("title", out n) ? y.String(n, "title") : name,
            Citation = top.TryGetValue("citation", out n) ? y.String(n, "citation") : "",
            Parameters = parameters, Derived = derivedList, Functions = functions, State = state, Subexpressions = subexpressions,
            Equations = equations, Threshold = threshold, Reset = reset, RefractoryMs = refractoryMs,
            RefractoryParameter = refractoryParameter, ExcitatoryTarget = exc, InhibitoryTarget = inh, InputKind = kind,
            Symbols = symbols,
        };
    }

    private static NeuronModelParameter ReadParameter(Reader y, YamlNode node, string name)
    {
        string at = $"parameters.{name}";
        var k = y.Keys(node, at, ["default", "unit", "description"]);
        if (!k.TryGetValue("default", out var d)) throw y.Error(node, at, "needs a default");
        return new NeuronModelParameter(name, y.Double(d, at + ".default"),
            k.TryGetValue("unit", out var u) ? y.String(u, at + ".unit") : "",
            k.TryGetValue("description", out var s) ? y.String(s, at + ".description") : "");
    }

    /// <summary>A number, <c>{uniform: [lo, hi]}</c> or <c>{normal: [mean, sd]}</c>.</summary>
    internal static InitialValue ReadInitial(Reader y, YamlNode node, string at)
    {
        if (node is YamlScalarNode) return new InitialValue.Constant(y.Double(node, at));
        var k = y.Keys(node, at, ["uniform", "normal"]);
        if (k.Count != 1) throw y.Error(node, at, "must be a number, {uniform: [low, high]} or {normal: [mean, sd]}");
        var (kind, value) = k.First();
        if (value is not YamlSequenceNode { Children.Count: 2 } pair) throw y.Error(value, $"{at}.{kind}", "must list two numbers");
        double a = y.Double(pair[0], $"{at}.{kind}[0]"), b = y.Double(pair[1], $"{at}.{kind}[1]");
        if (kind == "uniform" && !(a <= b)) throw y.Error(value, $"{at}.uniform", $"needs low <= high, got [{a}, {b}]");
        if (kind == "normal" && !(b >= 0)) throw y.Error(value, $"{at}.normal", $"needs sd >= 0, got {b}");
        return kind == "uniform" ? new InitialValue.Uniform(a, b) : new InitialValue.Normal(a, b);
    }

    /// <summary>Typed access to YAML nodes with errors naming the file, line and key.</summary>
    internal sealed class Reader(string file, string[] lines)
    {
        public ModelException Error(YamlNode node, string key, string message) =>
            new($"{file}:{node.Start.Line}:{node.Start.Column}: {key}: {message}");

        public SourcePosition At(YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

        public Dictionary<string, YamlNode> Keys(YamlNode node, string at, string[] allowed)
        {
            if (node is not YamlMappingNode map) throw Error(node, at.Length == 0 ? "(top)" : at, "must be a mapping of keys");
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                string key = k is YamlScalarNode s ? s.Value ?? "" : "";
                string full = at.Length == 0 ? key : $"{at}.{key}";
                if (!allowed.Contains(key)) throw Error(k, full, $"unknown key (expected one of: {string.Join(", ", allowed)})");
                if (!result.TryAdd(key, v)) throw Error(k, full, "appears twice");
            }
            return result;
        }

        public IEnumerable<(YamlNode Key, YamlNode Value)> Map(YamlNode node, string at)
        {
            if (node is not YamlMappingNode map) throw Error(node, at, "must map names to values");
            return map.Children.Select(c => (c.Key, c.Value));
        }

        public string String(YamlNode node, string at) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(node, at, "must be a single value");

        public string Name(YamlNode node, string at)
        {
            string s = String(node, at);
            if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_') || !s.All(c => char.IsLetterOrDigit(c) || c == '_'))
                throw Error(node, at, $"'{s}' is not a name (letters, digits and _, starting with a letter)");
            return s;
        }

        public double Double(YamlNode node, string at)
        {
            string s = String(node, at);
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
                ? x : throw Error(node, at, $"must be a finite number, got '{s}'");
        }

        public Expr Expression(YamlNode node, string at) => Parser.ParseExpression(Source(node, at));

        /// <summary>The scalar's text with the file position of each line: a block scalar (<c>|</c>) starts on the
        /// line after its key, indented; a plain or quoted one where it stands.</summary>
        public SourceText Source(YamlNode node, string at)
        {
            if (node is not YamlScalarNode scalar || scalar.Value is null) throw Error(node, at, "must be text");
            if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            {
                string[] content = scalar.Value.Replace("\r\n", "\n").Split('\n');
                var list = new List<(string, SourcePosition)>(content.Length);
                int line = (int)scalar.Start.Line + 1; // the content starts on the line after '|'
                foreach (string c in content)
                {
                    string raw = line - 1 < lines.Length ? lines[line - 1] : "";
                    int indent = c.Length == 0 ? 0 : Math.Max(0, raw.Length - raw.TrimStart(' ').Length);
                    list.Add((c, new SourcePosition(file, line, indent + 1)));
                    line++;
                }
                return new SourceText(list);
            }
            // YAML joins the lines of a plain or quoted scalar into one: statements would run together
            if (scalar.End.Line > scalar.Start.Line)
                throw Error(node, at, "spans several lines: write it as a literal block (" + at + ": |) so each statement keeps its line");
            int column = (int)scalar.Start.Column + (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0);
            return SourceText.From(scalar.Value, new SourcePosition(file, (int)scalar.Start.Line, column));
        }
    }
}
