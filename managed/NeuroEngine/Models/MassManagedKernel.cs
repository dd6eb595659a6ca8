using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuroEngine.Models;

/// <summary>The managed fallback of a user-defined mass model: the three lane functions as .NET expression trees
/// compiled by the JIT, with the same operations in the same order as the generated C (so the same bits), behind
/// unmanaged entry points with the C signatures. The native engine calls them from its threads; each call gathers a
/// lane's values into arrays of its own, so calls may run at once.</summary>
public sealed unsafe class MassManagedKernel : IDisposable
{
    private delegate void StepLane(double[] p, double[] x, double[] c, double[] q, double dt);
    private delegate void ValuesLane(double[] p, double[] x, double[] values);

    private readonly StepLane _step;
    private readonly ValuesLane _send, _observe;
    private readonly int _nParams, _nState, _nCouplings, _nNoise, _nOutputs;
    private GCHandle _self;

    /// <summary>Compiles the lane functions of <paramref name="model"/>.</summary>
    public MassManagedKernel(MassModelDefinition model)
    {
        _nParams = model.Descriptor.Parameters.Count;
        _nState = model.States.Count;
        _nCouplings = model.Couplings.Count;
        _nNoise = model.NoiseInputs.Count;
        _nOutputs = model.Outputs.Count;
        ParameterExpression p = Expression.Parameter(typeof(double[]), "p"), x = Expression.Parameter(typeof(double[]), "x"),
            c = Expression.Parameter(typeof(double[]), "c"), q = Expression.Parameter(typeof(double[]), "q"),
            dt = Expression.Parameter(typeof(double), "dt"), values = Expression.Parameter(typeof(double[]), "values");

        // step: read the state, subexpressions in order, every derivative, then x + dt * dx clipped, then write
        var locals = new List<ParameterExpression>();
        var body = new List<Expression>();
        ParameterExpression[] xs = model.States.Select(s => Expression.Variable(typeof(double), s.Name)).ToArray();
        ParameterExpression[] es = model.Subexpressions.Select(s => Expression.Variable(typeof(double), s.Name)).ToArray();
        locals.AddRange(xs);
        locals.AddRange(es);
        for (int v = 0; v < xs.Length; v++) body.Add(Expression.Assign(xs[v], Expression.ArrayIndex(x, Expression.Constant(v))));
        Expression Name(Symbol s) => s.Kind switch
        {
            SymbolKind.Parameter => Expression.ArrayIndex(p, Expression.Constant(s.Index)),
            SymbolKind.State => xs[s.Index],
            SymbolKind.Subexpression => es[s.Index],
            SymbolKind.Input when s.Index >= MassModelDefinition.NoiseIndexBase => Expression.ArrayIndex(q, Expression.Constant(s.Index - MassModelDefinition.NoiseIndexBase)),
            SymbolKind.Input => Expression.ArrayIndex(c, Expression.Constant(s.Index)),
            _ => throw new InvalidOperationException($"'{s.Name}' ({s.Kind}) has no value in a lane"),
        };
        var builder = new ExpressionTreeBuilder(model.Symbols, Name);
        for (int j = 0; j < es.Length; j++) body.Add(Expression.Assign(es[j], builder.Build(model.Subexpressions[j].Value)));
        ParameterExpression[] ds = model.States.Select(s => Expression.Variable(typeof(double), "d_" + s.Name)).ToArray();
        locals.AddRange(ds);
        for (int v = 0; v < ds.Length; v++) body.Add(Expression.Assign(ds[v], builder.Build(model.States[v].Derivative)));
        for (int v = 0; v < ds.Length; v++)
        {
            Expression next = Expression.Add(xs[v], Expression.Multiply(dt, ds[v]));
            if (model.States[v].Lower is { } lo && model.States[v].Upper is { } hi)
                next = Expression.Call(typeof(ModelMath).GetMethod(nameof(ModelMath.Clip))!, next, Expression.Constant(lo), Expression.Constant(hi));
            body.Add(Expression.Assign(Expression.ArrayAccess(x, Expression.Constant(v)), next));
        }
        _step = Expression.Lambda<StepLane>(Expression.Block(locals, body), p, x, c, q, dt).Compile();
        _send = Values(model, model.Couplings.Select(k => k.Sends).ToList(), p, x, values);
        _observe = Values(model, model.Outputs.Select(k => k.Value).ToList(), p, x, values);
        _self = GCHandle.Alloc(this);
    }

    private static ValuesLane Values(MassModelDefinition model, IReadOnlyList<Expr> exprs, ParameterExpression p, ParameterExpression x,
        ParameterExpression values)
    {
        var builder = new ExpressionTreeBuilder(model.Symbols, s => s.Kind switch
        {
            SymbolKind.Parameter => Expression.ArrayIndex(p, Expression.Constant(s.Index)),
            SymbolKind.State => Expression.ArrayIndex(x, Expression.Constant(s.Index)),
            _ => throw new InvalidOperationException($"'{s.Name}' ({s.Kind}) is not a value of the state"),
        });
        var body = new List<Expression> { Expression.Empty() };
        for (int k = 0; k < exprs.Count; k++) body.Add(Expression.Assign(Expression.ArrayAccess(values, Expression.Constant(k)), builder.Build(exprs[k])));
        return Expression.Lambda<ValuesLane>(Expression.Block(body), p, x, values).Compile();
    }

    /// <summary>The context to pass to the entry points (this object).</summary>
    public nint Context => GCHandle.ToIntPtr(_self);

    /// <summary>ne_mass_user_step_fn.</summary>
    public static nint StepFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double, double**, double**, double**, double**, void>)&Step;

    /// <summary>ne_mass_user_values_fn of the sent values.</summary>
    public static nint SendFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double**, double**, double**, void>)&Send;

    /// <summary>ne_mass_user_values_fn of the outputs.</summary>
    public static nint ObserveFunction => (nint)(delegate* unmanaged[Cdecl]<nint, int, double**, double**, double**, void>)&Observe;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Step(nint context, int count, double dt, double** parameters, double** state, double** coupling, double** noise)
    {
        var k = (MassManagedKernel)GCHandle.FromIntPtr(context).Target!;
        var p = new double[k._nParams];
        var x = new double[k._nState];
        var c = new double[k._nCouplings];
        var q = new double[k._nNoise];
        for (int i = 0; i < count; i++)
        {
            for (int s = 0; s < p.Length; s++) p[s] = parameters[s][i];
            for (int v = 0; v < x.Length; v++) x[v] = state[v][i];
            for (int j = 0; j < c.Length; j++) c[j] = coupling[j][i];
            for (int j = 0; j < q.Length; j++) q[j] = noise[j][i];
            k._step(p, x, c, q, dt);
            for (int v = 0; v < x.Length; v++) state[v][i] = x[v];
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Send(nint context, int count, double** parameters, double** state, double** values)
    {
        var k = (MassManagedKernel)GCHandle.FromIntPtr(context).Target!;
        k.RunValues(k._send, k._nCouplings, count, parameters, state, values);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Observe(nint context, int count, double** parameters, double** state, double** values)
    {
        var k = (MassManagedKernel)GCHandle.FromIntPtr(context).Target!;
        k.RunValues(k._observe, k._nOutputs, count, parameters, state, values);
    }

    private void RunValues(ValuesLane lane, int nValues, int count, double** parameters, double** state, double** values)
    {
        var p = new double[_nParams];
        var x = new double[_nState];
        var v = new double[nValues];
        for (int i = 0; i < count; i++)
        {
            for (int s = 0; s < p.Length; s++) p[s] = parameters[s][i];
            for (int j = 0; j < x.Length; j++) x[j] = state[j][i];
            lane(p, x, v);
            for (int j = 0; j < v.Length; j++) values[j][i] = v[j];
        }
    }

    /// <summary>Releases the context handle; the entry points must not be called afterwards.</summary>
    public void Dispose()
    {
        if (_self.IsAllocated) _self.Free();
    }
}
