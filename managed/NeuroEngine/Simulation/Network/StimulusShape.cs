namespace NeuroEngine.Simulation.Network;

/// <summary>Time course of a <see cref="Stimulus"/> inside its window (VectorialNeuroModulators' shapes).</summary>
public enum StimulusShape
{
    /// <summary>Constant amplitude.</summary>
    Box,
    /// <summary>Ramp from 0 to the amplitude over the window.</summary>
    Linear,
    /// <summary>Difference of exponentials normalised so its peak equals the amplitude.</summary>
    Diff2Exp,
}
