namespace NeuroEngine.Simulation.Network;

/// <summary>Time-limited input to every neuron of a population: mV/ms (delta), pA (current) or an
/// extra excitatory conductance in nS (conductance). Onset and duration are rounded to whole steps;
/// the value at step n uses the time since onset at the start of the step.</summary>
public sealed record Stimulus(string To, StimulusShape Shape, double OnsetMs, double DurationMs, double Amplitude,
    double TauRiseMs = 0, double TauDecayMs = 0);
