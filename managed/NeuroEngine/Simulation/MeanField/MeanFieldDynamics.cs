namespace NeuroEngine.Simulation.MeanField;

/// <summary>The rate dynamics whose linearisation decides the stability of a mean-field fixed point.</summary>
public enum MeanFieldDynamics
{
    /// <summary>d nu/dt = -nu + Phi(nu) with a unit time constant for every population (the reference,
    /// VectorialNeuroModulators): Jacobian DPhi - I, eigenvalues in units of 1/time constant.</summary>
    Unit,

    /// <summary>tau_m,i d nu_i/dt = -nu_i + Phi_i(nu) with the population's membrane time constant
    /// (in s): row i of DPhi - I divided by tau_m,i, eigenvalues in 1/s. Same fixed points; the
    /// stability can differ from <see cref="Unit"/> when tau_m differs between populations.</summary>
    Membrane,
}
