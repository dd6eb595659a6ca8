namespace NeuroEngine.Simulation.Stimuli;

/// <summary>The rendered, summed external input of a run: for each stimulated state variable, a step-major array
/// [step x regions + region] of the input at the start of each step (t = step x dt).</summary>
public sealed class StimulusInput
{
    internal StimulusInput(int steps, int regions, double dtMs, string[] variables, int[] variableIndices, double[][] values)
    {
        Steps = steps; Regions = regions; DtMs = dtMs;
        Variables = variables; VariableIndices = variableIndices; Values = values;
    }

    public int Steps { get; }
    public int Regions { get; }
    public double DtMs { get; }

    /// <summary>The stimulated state variables, in the model's state order (unstimulated ones are left out).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Each stimulated variable's index in the model's state variables.</summary>
    public IReadOnlyList<int> VariableIndices { get; }

    /// <summary>Per stimulated variable, Steps x Regions values, step-major.</summary>
    public IReadOnlyList<double[]> Values { get; }

    /// <summary>Whether no variable receives input (a run can then take the unstimulated path).</summary>
    public bool IsEmpty => Variables.Count == 0;

    /// <summary>Input to <paramref name="variable"/> (index into <see cref="Variables"/>) at a step and region.</summary>
    public double At(int variable, int step, int region) => Values[variable][(long)step * Regions + region];
}
