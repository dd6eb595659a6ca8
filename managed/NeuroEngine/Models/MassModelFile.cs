using System.Globalization;
using System.Text.RegularExpressions;
using NeuroEngine.Simulation.Mass;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NeuroEngine.Models;

/// <summary>Reads a neural mass model file (YAML; docs/custom-models.md) into a <see cref="MassModelDefinition"/>.
/// Parameters take slots 0 ... n-1 in file order, then the coupling strength, the OU time constant and sigma and the
/// OU means when the file uses them without declaring them. Errors: <c>FILE:LINE:COLUMN: ...</c> inside expressions and
/// for names, <c>FILE: key: ...</c> for the structure.</summary>
public sealed partial class MassModelFile
{
    private static readonly string[] TopKeys =
        ["name", "title", "citation", "parameters", "state", "functions", "equations", "coupling", "noise", "outputs", "bold", "network_outputs"];

    private readonly string _file;
    private readonly string[] _lines;
    private readonly SymbolTable _symbols = SymbolTable.WithConstants();
    private readonly List<MassModelParameter> _parameters = [];

    private MassModelFile(string file, string text)
    {
        _file = file;
        _lines = text.Replace("\r\n", "\n").Split('\n');
    }

    /// <summary>Reads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelException">The file is missing or invalid (the message says where and why).</exception>
    public static MassModelDefinition Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelException($"{path}: cannot read the model file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Reads model file text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="ModelException">The text is not a valid model (the message says where and why).</exception>
    public static MassModelDefinition Parse(string text, string file) => new MassModelFile(file, text).Read(text);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex ModelName();

    private MassModelDefinition Read(string text)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) throw Fail("", "the file is empty");
            root = stream.Documents[0].RootNode as YamlMappingNode ?? throw Fail("", "expected a mapping of keys (name, parameters, state, equations, ...)");
        }
        catch (YamlException e)
        {
            throw new ModelException(new SourcePosition(_file, (int)e.Start.Line, (int)e.Start.Column), $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        CheckKeys(root, "", TopKeys);

        string name = Text(root, "name", "") ?? throw Fail("name", "missing: the model's name (as configs and reports write it)");
        if (!ModelName().IsMatch(name)) throw Fail("name", $"'{name}' may hold only letters, digits, '_', '-' and '.'");
        string title = Text(root, "title", "") ?? name;
        string citation = Text(root, "citation", "") ?? "";

        ReadParameters(Child(root, "parameters"));
        if (_parameters.Count == 0) throw Fail("parameters", "missing: the model's parameters (NAME: default or NAME: {default, unit, range, description})");

        List<(string Name, YamlNode Key, double Low, double High, double? Lower, double? Upper)> states = ReadStates(Child(root, "state"));
        // the coupling strength and the noise parameters become parameters (added when the file did not declare them)
        List<YamlMappingNode> couplingNodes = CouplingNodes(Child(root, "coupling"));
        int strengthSlot = ReadStrength(couplingNodes);
        var noiseNode = Child(root, "noise") is { } nn ? nn as YamlMappingNode ?? throw Fail("noise", "expected a mapping {tau, sigma, inputs}") : null;
        (int tauSlot, int sigmaSlot, List<MassNoiseInput> noise, List<YamlNode> noiseKeys) = ReadNoiseParameters(noiseNode);
        if (_parameters.Count > MassModelDefinition.MaxParameters)
            throw Fail("parameters", $"{_parameters.Count} parameters (with the coupling and noise ones); at most {MassModelDefinition.MaxParameters}");

        List<FunctionDefinition> functions = ReadFunctions(Child(root, "functions"));
        SymbolTable stateTable = _symbols.Clone(); // what sends and outputs may read: state, parameters, functions, constants

        // coupling inputs and noise inputs, then the equations in order
        var couplings = new List<(string Input, YamlNode Node, YamlMappingNode Map)>();
        for (int c = 0; c < couplingNodes.Count; c++)
        {
            string key = couplingNodes.Count == 1 ? "coupling" : $"coupling[{c}]";
            string input = Text(couplingNodes[c], "input", key) ?? "coupling";
            YamlNode where = Child(couplingNodes[c], "input") ?? couplingNodes[c];
            AddSymbol(new Symbol(input, SymbolKind.Input, c), where, $"{key}.input");
            couplings.Add((input, where, couplingNodes[c]));
        }
        for (int q = 0; q < noise.Count; q++)
            AddSymbol(new Symbol(noise[q].Name, SymbolKind.Input, MassModelDefinition.NoiseIndexBase + q), noiseKeys[q], "noise.inputs");

        YamlScalarNode equationsNode = Child(root, "equations") as YamlScalarNode
            ?? throw Fail("equations", "missing: one equation per line, 'd x/dt = expression' or 'name = expression'");
        if (equationsNode.Style != ScalarStyle.Literal && equationsNode.End.Line > equationsNode.Start.Line)
            throw Fail("equations", "write the equations as a literal block, 'equations: |' and one per line below it (YAML joins the lines of other forms)");
        string equationsText = equationsNode.Value ?? "";
        List<Statement> statements = Parser.ParseStatements(Source(equationsNode));
        var derivatives = new Dictionary<string, Expr>();
        var subexpressions = new List<MassSubexpression>();
        foreach (Statement s in statements)
        {
            switch (s)
            {
                case DerivativeStatement d:
                {
                    Symbol? target = _symbols.Find(d.Target);
                    if (target?.Kind != SymbolKind.State)
                        throw new ModelException(d.Position, $"'d {d.Target}/dt': '{d.Target}' is not a state variable (state: {string.Join(", ", states.Select(x => x.Name))})");
                    if (derivatives.ContainsKey(d.Target)) throw new ModelException(d.Position, $"a second equation for 'd {d.Target}/dt'");
                    Resolver.CheckNumber(d.Value, _symbols);
                    derivatives.Add(d.Target, d.Value);
                    break;
                }
                case AssignmentStatement { Kind: AssignmentKind.Set } a:
                    Resolver.CheckNumber(a.Value, _symbols);
                    _symbols.Add(new Symbol(a.Target, SymbolKind.Subexpression, subexpressions.Count), a.Position);
                    subexpressions.Add(new MassSubexpression(a.Target, a.Value));
                    break;
                default:
                    throw new ModelException(s.Position, "equations hold 'd x/dt = expression' and 'name = expression' only");
            }
        }
        var stateVariables = new List<MassStateVariable>();
        foreach (var st in states)
        {
            if (!derivatives.TryGetValue(st.Name, out Expr? derivative))
                throw new ModelException(Position(st.Key), $"state variable '{st.Name}' has no equation 'd {st.Name}/dt = ...' in equations");
            stateVariables.Add(new MassStateVariable(st.Name, st.Low, st.High, st.Lower, st.Upper, derivative));
        }

        var massCouplings = new List<MassCoupling>();
        for (int c = 0; c < couplings.Count; c++)
        {
            string key = couplings.Count == 1 ? "coupling" : $"coupling[{c}]";
            YamlMappingNode map = couplings[c].Map;
            CheckKeys(map, key, ["input", "sends", "mode", "strength"]);
            string sendsText = Text(map, "sends", key) ?? states[0].Name;
            Expr sends = Child(map, "sends") is YamlScalarNode sn ? Expression(sn) : Parser.ParseExpression(sendsText, Position(map));
            Resolver.CheckNumber(sends, stateTable);
            string mode = Text(map, "mode", key) ?? "additive";
            MassCouplingMode m = mode switch
            {
                "additive" => MassCouplingMode.Additive,
                "diffusive" => MassCouplingMode.Diffusive,
                _ => throw Fail($"{key}.mode", $"'{mode}' is not a coupling mode (additive, diffusive)"),
            };
            massCouplings.Add(new MassCoupling(couplings[c].Input, sendsText, sends, m));
        }

        List<MassOutput> outputs = ReadOutputs(Child(root, "outputs"), stateTable, states.Select(s => s.Name).ToList());
        List<MassOutput> networkOutputs = ReadNetworkOutputs(Child(root, "network_outputs"), outputs);
        (double boldScale, double boldOffset) = ReadBold(Child(root, "bold"));

        var descriptor = new MassModelDescriptor(name, [], title, citation, _parameters.ToList(), states.Select(s => s.Name).ToList(),
            outputs.Select(o => o.Name).ToList(), massCouplings.Count > 0 ? massCouplings[0].SendsText : "",
            noise.Select(n => n.Name).ToList(), equationsText.TrimEnd(), boldOffset, boldScale,
            states.Select(s => s.Low).ToList(), states.Select(s => s.High).ToList(), null);
        return new MassModelDefinition
        {
            Descriptor = descriptor, SourceFile = _file, Symbols = _symbols, Functions = functions, Subexpressions = subexpressions,
            States = stateVariables, Couplings = massCouplings, StrengthSlot = strengthSlot, TauOuSlot = tauSlot, SigmaOuSlot = sigmaSlot,
            NoiseInputs = noise, Outputs = outputs, NetworkOutputs = networkOutputs,
        };
    }

    // ---- parameters ----

    private void ReadParameters(YamlNode? node)
    {
        if (node is null) return;
        var map = node as YamlMappingNode ?? throw Fail("parameters", "expected a mapping NAME: default or NAME: {default, unit, range, description}");
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string name = Name(keyNode, "parameters");
            string key = $"parameters.{name}";
            double def;
            string unit = "1", description = "", range = "";
            if (value is YamlMappingNode m)
            {
                CheckKeys(m, key, ["default", "unit", "range", "description"]);
                def = Number(Child(m, "default") ?? throw Fail(key, "missing: default"), $"{key}.default");
                unit = Text(m, "unit", key) ?? "1";
                description = Text(m, "description", key) ?? "";
                range = Child(m, "range") is { } r ? RangeText(r, $"{key}.range") : "";
            }
            else def = Number(value, key);
            (double lo, double hi, bool loEx, bool hiEx) = range == "" ? (double.NegativeInfinity, double.PositiveInfinity, true, true) : ParseRange(range, $"{key}.range");
            var p = new MassModelParameter(name, unit, def, lo, hi, loEx, hiEx, description, _parameters.Count);
            if (!p.Allows(def)) throw Fail($"{key}.default", $"{Format(def)} is outside the range {p.RangeText}");
            AddSymbol(new Symbol(name, SymbolKind.Parameter, p.Slot), keyNode, "parameters");
            _parameters.Add(p);
        }
    }

    /// <summary>The slot of the parameter <paramref name="name"/>, added with <paramref name="def"/> if not declared.</summary>
    private int ParameterSlot(string name, YamlNode where, string key, double def, string unit, double lo, bool loEx, string description)
    {
        if (_symbols.Find(name) is { } s)
            return s.Kind == SymbolKind.Parameter ? s.Index : throw Fail(key, $"'{name}' is {SymbolTable.WithArticle(s.Kind)}, expected a parameter");
        if (!Identifier().IsMatch(name)) throw Fail(key, $"'{name}' is not a valid name");
        var p = new MassModelParameter(name, unit, def, lo, double.PositiveInfinity, loEx, true, description, _parameters.Count);
        AddSymbol(new Symbol(name, SymbolKind.Parameter, p.Slot), where, key);
        _parameters.Add(p);
        return p.Slot;
    }

    private static string RangeText(YamlNode node, string key)
    {
        if (node is YamlScalarNode s) return s.Value ?? "";
        if (node is YamlSequenceNode { Children.Count: 2 } seq && seq.Children.All(c => c is YamlScalarNode))
            return $"[{((YamlScalarNode)seq.Children[0]).Value}, {((YamlScalarNode)seq.Children[1]).Value}]";
        throw new ModelException($"{key}: expected a range such as \"(0, inf)\" or [0, 1]");
    }

    private (double Lo, double Hi, bool LoExclusive, bool HiExclusive) ParseRange(string text, string key)
    {
        string t = text.Trim();
        if (t.Length < 5 || (t[0] != '(' && t[0] != '[') || (t[^1] != ')' && t[^1] != ']') || t.Split(',').Length != 2)
            throw Fail(key, $"'{text}' is not a range: write \"(lo, hi)\", \"[lo, hi]\" or mixed; inf and -inf allowed");
        string[] parts = t[1..^1].Split(',');
        double lo = Bound(parts[0], text, key), hi = Bound(parts[1], text, key);
        if (!(lo < hi)) throw Fail(key, $"'{text}': the low end must be below the high end");
        return (lo, hi, t[0] == '(', t[^1] == ')');
    }

    private double Bound(string part, string text, string key)
    {
        string p = part.Trim();
        if (p is "inf" or "+inf" or ".inf") return double.PositiveInfinity;
        if (p is "-inf" or "-.inf") return double.NegativeInfinity;
        return double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
            : throw Fail(key, $"'{text}': '{p}' is not a number or inf");
    }

    // ---- coupling and noise ----

    private List<YamlMappingNode> CouplingNodes(YamlNode? node) => node switch
    {
        null => [],
        YamlMappingNode m => [m],
        YamlSequenceNode s => s.Children.Select((c, i) => c as YamlMappingNode ?? throw Fail($"coupling[{i}]", "expected a mapping {input, sends, mode, strength}")).ToList(),
        _ => throw Fail("coupling", "expected a mapping {input, sends, mode, strength} or a list of them"),
    };

    private int ReadStrength(List<YamlMappingNode> couplings)
    {
        string? strength = null;
        YamlNode? where = null;
        for (int c = 0; c < couplings.Count; c++)
        {
            string key = couplings.Count == 1 ? "coupling" : $"coupling[{c}]";
            string? s = Text(couplings[c], "strength", key);
            if (c > 0 && s != strength)
                throw Fail($"{key}.strength", $"all couplings share one strength parameter (the first has {strength ?? "none"}, this one {s ?? "none"}); scale inside the equations instead");
            strength = s;
            where ??= Child(couplings[c], "strength");
        }
        return strength is null ? -1
            : ParameterSlot(strength, where!, "coupling.strength", 1.0, "1", double.NegativeInfinity, true, "global coupling strength");
    }

    private (int Tau, int Sigma, List<MassNoiseInput> Inputs, List<YamlNode> Keys) ReadNoiseParameters(YamlMappingNode? noise)
    {
        if (noise is null) return (-1, -1, [], []);
        CheckKeys(noise, "noise", ["tau", "sigma", "inputs"]);
        var inputsNode = Child(noise, "inputs") as YamlMappingNode ?? throw Fail("noise.inputs", "missing: a mapping SYMBOL: mean parameter, e.g. {ou_exc: exc_ou_mean}");
        if (inputsNode.Children.Count is 0 or > 4) throw Fail("noise.inputs", $"{inputsNode.Children.Count} inputs; 1 to 4 allowed");
        string tau = Text(noise, "tau", "noise") ?? "tau_ou", sigma = Text(noise, "sigma", "noise") ?? "sigma_ou";
        int tauSlot = ParameterSlot(tau, Child(noise, "tau") ?? noise, "noise.tau", 5.0, "ms", 0, true, "time constant of the OU noise inputs");
        int sigmaSlot = ParameterSlot(sigma, Child(noise, "sigma") ?? noise, "noise.sigma", 0.0, "1", 0, false, "std of the OU noise inputs");
        var inputs = new List<MassNoiseInput>();
        var keys = new List<YamlNode>();
        foreach ((YamlNode k, YamlNode v) in inputsNode.Children)
        {
            string input = Name(k, "noise.inputs");
            string mean = v is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw Fail($"noise.inputs.{input}", "expected the name of its mean parameter");
            inputs.Add(new MassNoiseInput(input, ParameterSlot(mean, v, $"noise.inputs.{input}", 0.0, "1", double.NegativeInfinity, true, $"mean of the OU input {input}")));
            keys.Add(k);
        }
        return (tauSlot, sigmaSlot, inputs, keys);
    }

    // ---- state and functions ----

    private List<(string, YamlNode, double, double, double?, double?)> ReadStates(YamlNode? node)
    {
        var map = node as YamlMappingNode ?? throw Fail("state", "missing: a mapping of state variables NAME: {init, bounds}");
        var list = new List<(string, YamlNode, double, double, double?, double?)>();
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string name = Name(keyNode, "state");
            string key = $"state.{name}";
            double lo = 0, hi = 0;
            double? lower = null, upper = null;
            YamlNode? init = value is YamlMappingNode m ? Child(m, "init") : value;
            if (value is YamlMappingNode vm)
            {
                CheckKeys(vm, key, ["init", "bounds"]);
                if (Child(vm, "bounds") is { } b)
                {
                    (double a, double z) = Pair(b, $"{key}.bounds");
                    if (!(a < z)) throw Fail($"{key}.bounds", "the lower bound must be below the upper");
                    (lower, upper) = (a, z);
                }
            }
            if (init is YamlMappingNode u)
            {
                CheckKeys(u, $"{key}.init", ["uniform"]);
                (lo, hi) = Pair(Child(u, "uniform")!, $"{key}.init.uniform");
                if (!(lo <= hi)) throw Fail($"{key}.init.uniform", "expected [low, high] with low <= high");
            }
            else if (init is not null) lo = hi = Number(init, $"{key}.init");
            AddSymbol(new Symbol(name, SymbolKind.State, list.Count), keyNode, "state");
            list.Add((name, keyNode, lo, hi, lower, upper));
        }
        if (list.Count == 0) throw Fail("state", "no state variables");
        return list;
    }

    private List<FunctionDefinition> ReadFunctions(YamlNode? node)
    {
        var list = new List<FunctionDefinition>();
        if (node is null) return list;
        var map = node as YamlMappingNode ?? throw Fail("functions", "expected a mapping NAME(ARG, ...): expression");
        foreach ((YamlNode k, YamlNode v) in map.Children)
        {
            var keyNode = k as YamlScalarNode ?? throw Fail("functions", "expected NAME(ARG, ...) keys");
            (string name, List<string> args) = Parser.ParseFunctionHeader(keyNode.Value ?? "", Position(keyNode));
            var body = v as YamlScalarNode ?? throw Fail($"functions.{name}", "expected an expression");
            var f = new FunctionDefinition(Position(keyNode), name, args, Expression(body));
            Resolver.CheckFunction(f, _symbols);
            AddSymbol(new Symbol(name, SymbolKind.Function, Function: f), keyNode, "functions");
            list.Add(f);
        }
        return list;
    }

    // ---- outputs and BOLD ----

    private List<MassOutput> ReadOutputs(YamlNode? node, SymbolTable table, List<string> states)
    {
        var list = new List<MassOutput>();
        switch (node)
        {
            case null:
                foreach (string s in states) list.Add(new MassOutput(s, new NameExpr(new SourcePosition(_file, 1, 1), s)));
                break;
            case YamlSequenceNode seq:
                foreach (YamlNode item in seq.Children)
                {
                    string name = Name(item, "outputs");
                    if (table.Find(name)?.Kind != SymbolKind.State)
                        throw new ModelException(Position(item), $"output '{name}' is not a state variable (write {{{name}: expression}} for other outputs)");
                    list.Add(new MassOutput(name, new NameExpr(Position(item), name)));
                }
                break;
            case YamlMappingNode map:
                foreach ((YamlNode k, YamlNode v) in map.Children)
                {
                    string name = Name(k, "outputs");
                    Expr e = Expression(v as YamlScalarNode ?? throw Fail($"outputs.{name}", "expected an expression of the state and parameters"));
                    Resolver.CheckNumber(e, table);
                    list.Add(new MassOutput(name, e));
                }
                break;
            default:
                throw Fail("outputs", "expected a list of state variables or a mapping NAME: expression");
        }
        if (list.Count == 0) throw Fail("outputs", "no outputs");
        if (list.Select(o => o.Name).Distinct().Count() != list.Count) throw Fail("outputs", "an output name appears twice");
        return list;
    }

    private List<MassOutput> ReadNetworkOutputs(YamlNode? node, List<MassOutput> outputs)
    {
        var list = new List<MassOutput>();
        if (node is null) return list;
        var map = node as YamlMappingNode ?? throw Fail("network_outputs", "expected a mapping NAME: expression over mean(...) of outputs");
        SymbolTable table = NetworkOutputs.Symbols(outputs.Select(o => o.Name));
        foreach ((YamlNode k, YamlNode v) in map.Children)
        {
            string name = Name(k, "network_outputs");
            Expr e = Expression(v as YamlScalarNode ?? throw Fail($"network_outputs.{name}", "expected an expression"));
            NetworkOutputs.Check(e, table);
            list.Add(new MassOutput(name, e));
        }
        return list;
    }

    private (double Scale, double Offset) ReadBold(YamlNode? node)
    {
        if (node is null) return (1.0, 0.0);
        var map = node as YamlMappingNode ?? throw Fail("bold", "expected {scale, offset}");
        CheckKeys(map, "bold", ["scale", "offset"]);
        return (Child(map, "scale") is { } s ? Number(s, "bold.scale") : 1.0, Child(map, "offset") is { } o ? Number(o, "bold.offset") : 0.0);
    }

    // ---- YAML helpers ----

    private ModelException Fail(string key, string message) => new(key == "" ? $"{_file}: {message}" : $"{_file}: {key}: {message}");

    private SourcePosition Position(YamlNode node) => new(_file, (int)node.Start.Line, (int)node.Start.Column);

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) && !(v is YamlScalarNode { Value: null or "" } s && s.Style == ScalarStyle.Plain) ? v : null;

    private void CheckKeys(YamlMappingNode map, string where, string[] known)
    {
        foreach (YamlNode k in map.Children.Keys)
        {
            string key = (k as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(key))
                throw Fail(where == "" ? key : $"{where}.{key}", $"unknown key '{key}' (known: {string.Join(", ", known)})");
        }
    }

    private string? Text(YamlMappingNode map, string key, string where) => Child(map, key) switch
    {
        null => null,
        YamlScalarNode s => s.Value,
        _ => throw Fail(where == "" ? key : $"{where}.{key}", "expected a single value"),
    };

    private double Number(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x : throw Fail(key, $"expected a finite number, got '{(node as YamlScalarNode)?.Value ?? "a structure"}'");

    private (double, double) Pair(YamlNode node, string key) =>
        node is YamlSequenceNode { Children.Count: 2 } s ? (Number(s.Children[0], key), Number(s.Children[1], key)) : throw Fail(key, "expected [low, high]");

    private string Name(YamlNode node, string where)
    {
        string name = (node as YamlScalarNode)?.Value ?? throw Fail(where, "expected a name");
        if (!Identifier().IsMatch(name)) throw new ModelException(Position(node), $"'{name}' is not a valid name (letters, digits and '_', not starting with a digit)");
        return name;
    }

    private void AddSymbol(Symbol symbol, YamlNode where, string key)
    {
        if (!Identifier().IsMatch(symbol.Name)) throw Fail(key, $"'{symbol.Name}' is not a valid name");
        _symbols.Add(symbol, Position(where));
    }

    private Expr Expression(YamlScalarNode node) => Parser.ParseExpression(Source(node));

    /// <summary>The text of a scalar with the file position of each of its lines (a literal block's lines start on the
    /// line after its '|', at its indentation; a quoted value one column after the quote).</summary>
    private SourceText Source(YamlScalarNode node)
    {
        string value = node.Value ?? "";
        SourcePosition start = Position(node);
        if (node.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            string[] lines = value.Split('\n');
            var list = new List<(string, SourcePosition)>();
            int firstLine = start.Line; // 1-based line of '|'; its content starts on the next (0-based index firstLine)
            int indent = -1;
            for (int i = 0; i < lines.Length; i++)
            {
                int fileLine = firstLine + 1 + i;
                string raw = fileLine - 1 < _lines.Length ? _lines[fileLine - 1] : "";
                if (indent < 0 && raw.Trim().Length > 0) indent = raw.Length - raw.TrimStart(' ').Length;
                list.Add((lines[i], new SourcePosition(_file, fileLine, Math.Max(indent, 0) + 1)));
            }
            return new SourceText(list);
        }
        if (node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) start = start.Advance(1);
        return SourceText.From(value, start);
    }

    private static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
