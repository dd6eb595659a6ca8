namespace NeuroEngine.Tests.Cli;

/// <summary>Small network configs shared by the CLI tests.</summary>
public static class TestNetworks
{
    /// <summary>Brunel's model A at 1,000 neurons (800 E, 200 I, in-degree 80/20), seed 7, with the given duration
    /// and record section.</summary>
    public static string SmallBrunel(double durationMs, string record) => $$$"""
        model: lif-network
        seed: 7
        dt_ms: 0.1
        duration_ms: {{{durationMs.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}
        neuron: {tau_m_ms: 20, V_th: 20, V_reset: 10, E_L: 0, t_ref_ms: 2, V_init: {uniform: [0, 20]}}
        synapse: {type: delta}
        populations:
          E: {size: 800}
          I: {size: 200}
        connections:
          - {from: E, to: [E, I], rule: fixed_indegree, indegree: 80, weight: 0.2, delay_ms: 1.5}
          - {from: I, to: [E, I], rule: fixed_indegree, indegree: 20, weight: -1.0, delay_ms: 1.5}
        drive:
          - {to: [E, I], type: poisson, inputs: 80, rate_hz: 125, weight: 0.2}
        record: {{{record}}}
        """;
}
