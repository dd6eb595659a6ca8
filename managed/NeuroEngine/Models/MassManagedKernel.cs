using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroEngine.Models;

/// <summary>The managed fallback of a user-defined mass model: the three lane functions as .NET expression trees
/// compiled by the JIT, with the same operations in the same order as the generated C (so the same bits), behind
/// unmanaged entry points with the C signatures. Each function is one compiled loop over the lanes that reads and
/// writes the engine's arrays in place (no copies, nothing shared between calls), so the engine's threads may call it
/// at once.</summary>
public sealed unsafe class MassManagedKernel : IDisposable
{
    private delegate void StepLoop(int count, double dt, nint parameters, nint state, nint coupling, nint noise);
    private delegate void ValuesLoop(int count, nint parameters, nint state, nint values);

    private static readonly MethodInfo ReadMethod = typeof(MassManagedKernel).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo WriteMethod = typeof(MassManagedKernel).GetMethod(nameof(Write), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly StepLoop _step;
    private readonly ValuesLoop _send, _observe;
    private GCHandle _self;

    /// <summary>Compiles the lane functions of <paramref name="model"/>.</summary>
    public MassManagedKernel(MassModelDefinition model)
    {
        ParameterExpression count = Expression.Parameter(typeof(int), "count"), dt = Expression.Parameter(typeof(double), "dt"),
            p = Expression.Parameter(typeof(nint), "params"), s = Expression.Parameter(typeof(nint), "state"),
            c = Expression.Parameter(typeof(nint), "coupling"), q = Expression.Parameter(typeof(nint), "noise"),
            i = Expression.Variable(typeof(int), "i");

        // per lane: read the state, subexpressions in order, every derivative, then x + dt * dx clipped, then write
        ParameterExpression[] xs = model.States.Select(v => Expression.Variable(typeof(double), v.Name)).ToArray();
        ParameterExpression[] es = model.Subexpressions.Select(v => Expression.Variable(typeof(double), v.Name)).ToArray();
        ParameterExpression[] ds = model.States.Select(v => Expression.Variable(typeof(double), "d_" + v.Name)).ToArray();
        Expression Name(Symbol sym) => sym.Kind switch
        {
            SymbolKind.Parameter => Lane(p, sym.Index, i),
            SymbolKind.State => xs[sym.Index],
            SymbolKind.Subexpression => es[sym.Index],
            SymbolKind.Input when sym.Index >= MassModelDefinition.NoiseIndexBase => Lane(q, sym.Index - MassModelDefinition.NoiseIndexBase, i),
            SymbolKind.Input => Lane(c, sym.Index, i),
            _ => throw new InvalidOperationException($"'{sym.Name}' ({sym.Kind}) has no value in a lane"),
        };
        var builder = new ExpressionTreeBuilder(model.Symbols, Name);
        var lane = new List<Expression>();
        for (int v = 0; v < xs.Length; v++) lane.Add(Expression.Assign(xs[v], Lane(s, v, i)));
        for (int j = 0; j < es.Length; j++) lane.Add(Expression.Assign(es[j], builder.Build(model.Subexpressions[j].Value)));
        for (int v = 0; v < ds.Length; v++) lane.Add(Expression.Assign(ds[v], builder.Build(model.States[v].Derivative)));
        for (int v = 0; v < ds.Length; v++)
        {
            Expression next = Expression.Add(xs[v], Expression.Multiply(dt, ds[v]));
            if (model.States[v].Lower is { } lo && model.States[v].Upper is { } hi)
                next = Expression.Call(typeof(ModelMath).GetMethod(nameof(ModelMath.Clip))!, next, Expression.Constant(lo), Expression.Constant(hi));
            lane.Add(Expression.Call(WriteMethod, s, Expression.Constant(v), i, next));
        }
        _step = Expression.Lambda<StepLoop>(Loop(count, i, xs.Concat(es).Concat(ds), lane), count, dt, p, s, c, q).Compile();
        _send = Values(model, model.Couplings.Select(k => k.Sends).ToList());
        _observe = Values(model, model.Outputs.Select(k => k.Value).ToList());
        _self = GCHandle.Alloc(this);
    }

    /// <summary>values[k][i] = expression k of lane i's state and parameters, for every lane.</summary>
    private static ValuesLoop Values(MassModelDefinition model, IReadOnlyList<Expr> exprs)
    {
        ParameterExpression count = Expression.Parameter(typeof(int), "count"), p = Expression.Parameter(typeof(nint), "params"),
            s = Expression.Parameter(typeof(nint), "state"), values = Expression.Parameter(typeof(nint), "values"),
            i = Expression.Variable(typeof(int), "i");
        var builder = new ExpressionTreeBuilder(model.Symbols, sym => sym.Kind switch
        {
            SymbolKind.Parameter => Lane(p, sym.Index, i),
            SymbolKind.State => Lane(s, sym.Index, i),
            _ => throw new InvalidOperationException($"'{sym.Name}' ({sym.Kind}) is not a value of the state"),
        });
        var lane = exprs.Select((e, k) => (Expression)Expression.Call(WriteMethod, values, Expression.Constant(k), i, builder.Build(e))).ToList();
        return Expression.Lambda<ValuesLoop>(Loop(count, i, [], lane), count, p, s, values).Compile();
    }

    /// <summary><c>for (i = 0; i &lt; count; ++i) { lane }</c> with the lane's locals.</summary>
    private static Expression Loop(ParameterExpression count, ParameterExpression i, IEnumerable<ParameterExpression> locals, List<Expression> lane)
    {
        LabelTarget done = Expression.Label("done");
        var body = new List<Expression> { Expression.IfThen(Expression.GreaterThanOrEqual(i, count), Expression.Break(done)) };
        body.AddRange(lane);
        body.Add(Expression.PreIncrementAssign(i));
        return Expression.Block([i], Expression.Assign(i, Expression.Constant(0)),
            Expression.Loop(Expression.Block(locals, body), done));
    }

    /// <summary>Lane <paramref name="i"/> of array <paramref name="index"/> of a C pointer array.</summary>
    private static Expression Lane(ParameterExpression arrays, int index, ParameterExpression i) =>
        Expression.Call(ReadMethod, arrays, Expression.Constant(index), i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Read(nint arrays, int index, int i) => ((double**)arrays)[index][i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(nint arrays, int index, int i, double value) => ((double**)arrays)[index][i] = value;

    /// <summary>The context to pass to the entry points (this object).</summary>
    public nint Context => GCHandle.ToIntPtr(_self);

    /// <summary>ne_mass_user_step_fn.</summary>
    public static nint StepFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double, double**, double**, double**, double**, void>)&Step;

    /// <summary>ne_mass_user_values_fn of the sent values.</summary>
    public static nint SendFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double**, double**, double**, void>)&Send;

    /// <summary>ne_mass_user_values_fn of the outputs.</summary>
    public static nint ObserveFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double**, double**, double**, void>)&Observe;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Step(nint context, int count, double dt, double** parameters, double** state, double** coupling, double** noise) =>
        ((MassManagedKernel)GCHandle.FromIntPtr(context).Target!)._step(count, dt, (nint)parameters, (nint)state, (nint)coupling, (nint)noise);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Send(nint context, int count, double** parameters, double** state, double** values) =>
        ((MassManagedKernel)GCHandle.FromIntPtr(context).Target!)._send(count, (nint)parameters, (nint)state, (nint)values);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Observe(nint context, int count, double** parameters, double** state, double** values) =>
        ((MassManagedKernel)GCHandle.FromIntPtr(context).Target!)._observe(count, (nint)parameters, (nint)state, (nint)values);

    /// <summary>Releases the context handle; the entry points must not be called afterwards.</summary>
    public void Dispose()
    {
        if (_self.IsAllocated) _self.Free();
    }
}
