using System.Text;

namespace NeuroEngine.Models;

/// <summary>Writes the C source of a user-defined mass model: the three lane functions of ne_mass_user_model
/// (<c>ne_user_step</c>, <c>ne_user_send</c>, <c>ne_user_observe</c>) and <c>ne_user_abi</c>. Each is one
/// <c>#pragma omp simd</c> loop over the lanes; step computes the subexpressions once per lane in file order, then
/// every derivative from the state at t, then <c>x + dt * dx</c> clipped to the declared bounds, as the built-in
/// kernels do. Every array is read through a <c>restrict</c> local (the engine never aliases them), which with the
/// pragma lets the compiler vectorise the loop, <c>ne_exp</c> and the clips included. The source holds its own copy of the engine's exp (the product ships no engine headers).</summary>
public static class MassCodeGenerator
{
    /// <summary>What <c>ne_user_abi()</c> returns: the lane-function contract this generator writes.</summary>
    public const int Abi = 1;

    /// <summary>The C source of <paramref name="model"/>.</summary>
    public static string Generate(MassModelDefinition model)
    {
        var o = new StringBuilder();
        o.Append($"/* NeuroEngine user-defined neural mass model '{model.Descriptor.Name}', generated from {Path.GetFileName(model.SourceFile)}.\n");
        o.Append(" * Do not edit: the engine writes it again from the model file (its hash is the cache key). */\n");
        o.Append(CEmitter.Prelude);
        foreach (FunctionDefinition f in model.Functions)
            o.Append(CEmitter.EmitFunction(f, model.Symbols, FunctionName(f.Name), s => FunctionName(s.Name)));
        o.Append("\n#define NE_USER_EXPORT __attribute__((visibility(\"default\")))\n\n");
        o.Append($"NE_USER_EXPORT int ne_user_abi(void) {{ return {Abi}; }}\n\n");

        int nParams = model.Descriptor.Parameters.Count, nState = model.States.Count;
        // step
        o.Append("NE_USER_EXPORT void ne_user_step(void *context, int32_t count, double dt, const double *const *params,\n");
        o.Append("                                 double *const *state, const double *const *coupling, const double *const *noise) {\n");
        o.Append("  (void)context; (void)coupling; (void)noise;\n");
        for (int s = 0; s < nParams; s++) o.Append($"  const double *restrict p{s} = params[{s}];\n");
        for (int v = 0; v < nState; v++) o.Append($"  double *restrict s{v} = state[{v}];\n");
        for (int c = 0; c < model.Couplings.Count; c++) o.Append($"  const double *restrict c{c} = coupling[{c}];\n");
        for (int q = 0; q < model.NoiseInputs.Count; q++) o.Append($"  const double *restrict q{q} = noise[{q}];\n");
        o.Append("#pragma omp simd\n  for (int32_t i = 0; i < count; ++i) {\n");
        for (int v = 0; v < nState; v++) o.Append($"    const double x{v} = s{v}[i];\n");
        for (int j = 0; j < model.Subexpressions.Count; j++)
            o.Append($"    const double e{j} = {CEmitter.Emit(model.Subexpressions[j].Value, model.Symbols, CName)}; /* {model.Subexpressions[j].Name} */\n");
        for (int v = 0; v < nState; v++)
            o.Append($"    const double d{v} = {CEmitter.Emit(model.States[v].Derivative, model.Symbols, CName)}; /* d {model.States[v].Name}/dt */\n");
        for (int v = 0; v < nState; v++)
        {
            MassStateVariable st = model.States[v];
            o.Append($"    double n{v} = x{v} + dt * d{v};\n");
            if (st.Lower is { } lo && st.Upper is { } hi)
                o.Append($"    n{v} = n{v} < {CEmitter.Literal(lo)} ? {CEmitter.Literal(lo)} : (n{v} > {CEmitter.Literal(hi)} ? {CEmitter.Literal(hi)} : n{v});\n");
        }
        for (int v = 0; v < nState; v++) o.Append($"    s{v}[i] = n{v};\n");
        o.Append("  }\n}\n\n");

        Values(o, model, "ne_user_send", model.Couplings.Select(c => c.Sends).ToList());
        Values(o, model, "ne_user_observe", model.Outputs.Select(x => x.Value).ToList());
        return o.ToString();
    }

    /// <summary>A values function: <c>values[k][i] = expression k</c> of lane i's state and parameters.</summary>
    private static void Values(StringBuilder o, MassModelDefinition model, string name, IReadOnlyList<Expr> values)
    {
        int nParams = model.Descriptor.Parameters.Count, nState = model.States.Count;
        o.Append($"NE_USER_EXPORT void {name}(void *context, int32_t count, const double *const *params, const double *const *state,\n");
        o.Append("                          double *const *values) {\n  (void)context; (void)params; (void)values;\n");
        for (int s = 0; s < nParams; s++) o.Append($"  const double *restrict p{s} = params[{s}];\n");
        for (int v = 0; v < nState; v++) o.Append($"  const double *restrict s{v} = state[{v}];\n");
        for (int k = 0; k < values.Count; k++) o.Append($"  double *restrict v{k} = values[{k}];\n");
        o.Append("#pragma omp simd\n  for (int32_t i = 0; i < count; ++i) {\n");
        for (int v = 0; v < nState; v++) o.Append($"    const double x{v} = s{v}[i];\n");
        for (int k = 0; k < values.Count; k++) o.Append($"    v{k}[i] = {CEmitter.Emit(values[k], model.Symbols, CName)};\n");
        o.Append("  }\n}\n\n");
    }

    /// <summary>The C name of a symbol inside a lane loop.</summary>
    private static string CName(Symbol s) => s.Kind switch
    {
        SymbolKind.Parameter => $"p{s.Index}[i]",
        SymbolKind.State => $"x{s.Index}",
        SymbolKind.Subexpression => $"e{s.Index}",
        SymbolKind.Input when s.Index >= MassModelDefinition.NoiseIndexBase => $"q{s.Index - MassModelDefinition.NoiseIndexBase}[i]",
        SymbolKind.Input => $"c{s.Index}[i]",
        SymbolKind.Function => FunctionName(s.Name),
        _ => throw new InvalidOperationException($"'{s.Name}' ({s.Kind}) has no C name in a lane loop"),
    };

    private static string FunctionName(string name) => "uf_" + name;
}
