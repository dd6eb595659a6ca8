using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Single-neuron and small-network dynamics against closed forms.</summary>
public class LifNetworkDynamicsTests
{
    private static NeuronParameters Quiet(double vInit = 0) => new() { VInit = new InitialValue.Constant(vInit) };

    [Test]
    public void DcDrivenNeuronCrossesThresholdAtTheClosedFormSteps()
    {
        // delta neuron, V0 = 0, DC a = 1.5 mV/ms: V_n = V_inf (1 - p22^n) with V_inf = a tau_m = 30 mV
        var spec = new LifNetworkBuilder(SynapseType.Delta, 0.1).AddPopulation("A", 1, Quiet()).SetDc("A", 1.5).Build();
        using var sim = LifNetworkSimulation.Single(spec, 1);
        var result = sim.Run(100)[0];
        double p22 = Math.Exp(-0.1 / 20), v = 0;
        int refractory = 0;
        var expected = new List<long>();
        for (long n = 0; n < 1000; n++)
        {
            if (refractory > 0) { refractory--; continue; }
            v = 30 + (v - 30) * p22;
            if (v >= 20) { expected.Add(n); v = 10; refractory = 20; }
        }
        Assert.That(result.SpikeSteps, Is.EqualTo(expected.ToArray()));
        Assert.That(result.SpikeTimeMs(0), Is.EqualTo((expected[0] + 1) * 0.1).Within(1e-12));
    }

    [Test]
    public void SpikeArrivesAfterTheRoundedDelayAndIsDiscardedDuringRefractoriness()
    {
        var spec = new LifNetworkBuilder(SynapseType.Delta, 0.1)
            .AddPopulation("S", 1, Quiet(19.99)).AddPopulation("T", 1, Quiet() with { VTh = 1000 })
            .SetDc("S", 2.0) // fires in step 0, then every ~ refractory + a few steps
            .ConnectFixedIndegree("S", "T", 1, weight: 0.5, delayMs: 1.26) // 13 steps
            .Build();
        using var sim = LifNetworkSimulation.Single(spec, 2);
        sim.Advance(1);
        for (int n = 1; n <= 13; n++)
        {
            sim.Advance(1);
            double vT = sim.ReadState(NetworkStateVariable.V)[1];
            if (n < 13) Assert.That(vT, Is.EqualTo(0.0), $"input arrived early at step {n}");
            else Assert.That(vT, Is.EqualTo(0.5).Within(1e-15), "input must arrive 13 steps after the spike");
        }

        // the same input arriving while the target is refractory is lost: V stays at its reset
        var held = spec with
        {
            Populations = [spec.Populations[0], spec.Populations[1] with { Neuron = Quiet(0.99) with { VTh = 1, VReset = 0.25, IDc = 0.5 } }],
        };
        using var sim2 = LifNetworkSimulation.Single(held, 2);
        sim2.Advance(14);
        Assert.That(sim2.ReadState(NetworkStateVariable.V)[1], Is.EqualTo(0.25));
    }

    [Test]
    public void PerSynapseDelaysAreDrawnFromTheRangeAndHonoured()
    {
        // one source, 400 targets, delays uniform on [0.5, 2.0] ms = 5..20 steps
        var spec = new LifNetworkBuilder(SynapseType.Delta, 0.1)
            .AddPopulation("S", 1, Quiet(19.99) with { IDc = 2.0, TRefMs = 100 }).AddPopulation("T", 400, Quiet() with { VTh = 1000 })
            .Build();
        spec = spec with { Projections = [new Projection("S", "T", ConnectionRule.FixedIndegree, 0.5, 0.5, 1, DelayMaxMs: 2.0)] };
        using var sim = LifNetworkSimulation.Single(spec, 6);
        var targets = sim.ReadTargets(0);
        var delays = sim.ReadTargetDelays(0);
        Assert.That(delays.Min(), Is.InRange(5, 6));
        Assert.That(delays.Max(), Is.InRange(19, 20));
        Assert.That(delays.Average(), Is.EqualTo(12.5).Within(4 * 4.3 / Math.Sqrt(400)), "mean of rounded U[5, 20] steps");
        var arrival = new int[401];
        for (int step = 0; step <= 21; step++)
        {
            sim.Advance(1);
            var v = sim.ReadState(NetworkStateVariable.V);
            for (int i = 0; i < targets.Length; i++)
                if (arrival[targets[i]] == 0 && v[targets[i]] > 0) arrival[targets[i]] = step;
        }
        for (int i = 0; i < targets.Length; i++)
            Assert.That(arrival[targets[i]], Is.EqualTo(delays[i]), $"target {targets[i]}");
    }

    [Test]
    public void ExponentialCurrentPspFollowsTheClosedForm()
    {
        // a current jump w at the end of step d gives V(m steps later) - E_L =
        // w tau_s tau_m / (C (tau_m - tau_s)) (e^{-m dt/tau_m} - e^{-m dt/tau_s})
        double tauM = 10, tauS = 2, cm = 250, w = 100, dt = 0.1;
        var target = new NeuronParameters { TauMMs = tauM, TauExcMs = tauS, TauInhMs = tauS, CmPf = cm, VTh = 1000, VReset = -70, EL = -65, VInit = new InitialValue.Constant(-65) };
        var source = target with { VTh = -64.9, VInit = new InitialValue.Constant(-64.95), IDc = 1000, TRefMs = 100 }; // fires once in the window
        var spec = new LifNetworkBuilder(SynapseType.ExpCurrent, dt)
            .AddPopulation("S", 1, source).AddPopulation("T", 1, target)
            .ConnectFixedIndegree("S", "T", 1, w, delayMs: 0.5).Build();
        using var sim = LifNetworkSimulation.Single(spec, 3);
        sim.Advance(1); // S fires in step 0; the current jumps in step 5 after V's update
        sim.Advance(5);
        Assert.That(sim.ReadState(NetworkStateVariable.Excitatory)[1], Is.EqualTo(w).Within(1e-12));
        for (int m = 1; m <= 50; m++)
        {
            sim.Advance(1);
            double expected = -65 + w * tauS * tauM / (cm * (tauM - tauS)) * (Math.Exp(-m * dt / tauM) - Math.Exp(-m * dt / tauS));
            Assert.That(sim.ReadState(NetworkStateVariable.V)[1], Is.EqualTo(expected).Within(1e-12), $"step {m} after the jump");
        }
    }

    [Test]
    public void PoissonDriveGivesTheDiscreteShotNoiseMoments()
    {
        // no threshold: V_{n+1} - E_L = p22 (V_n - E_L) + w K_n, K_n ~ Poisson(lambda):
        // stationary mean w lambda / (1 - p22), variance w^2 lambda / (1 - p22^2)
        const int n = 4000;
        double dt = 0.1, rate = 5000, w = 0.2, lambda = rate * dt / 1000, p22 = Math.Exp(-dt / 20);
        var spec = new LifNetworkBuilder(SynapseType.Delta, dt).AddPopulation("A", n, Quiet() with { VTh = 1e9 })
            .AddPoissonDrive("A", 100, rate / 100, w).Build();
        using var sim = LifNetworkSimulation.Single(spec, 4);
        sim.Advance(3000); // 300 ms = 15 tau_m: the initial state is forgotten
        var v = sim.ReadState(NetworkStateVariable.V);
        double mean = v.Average(), var = v.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        double expMean = w * lambda / (1 - p22), expVar = w * w * lambda / (1 - p22 * p22);
        Assert.That(mean, Is.EqualTo(expMean).Within(4 * Math.Sqrt(expVar / n)));
        // sd of a sample variance of ~normal data: var sqrt(2/(n-1)); 5 sd
        Assert.That(var, Is.EqualTo(expVar).Within(5 * expVar * Math.Sqrt(2.0 / (n - 1))));
    }

    [Test]
    public void FixedIndegreeGivesEveryTargetExactlyKSourcesWithoutAutapsesOrMultapses()
    {
        var spec = new LifNetworkBuilder(SynapseType.Delta, 0.1).AddPopulation("E", 300).AddPopulation("I", 100)
            .ConnectFixedIndegree("E", "E", 40, 0.1, 1, autapses: false, multapses: false)
            .ConnectFixedIndegree("E", "I", 40, 0.1, 1)
            .ConnectPairwiseBernoulli("I", "E", 0.3, -0.5, 1).Build();
        using var sim = LifNetworkSimulation.Single(spec, 5, threads: 2);
        var fromE = new int[400];
        var pairs = new HashSet<(long, int)>();
        long bernoulli = 0;
        for (long s = 0; s < 400; s++)
            foreach (int t in sim.ReadTargets(s))
            {
                if (s < 300)
                {
                    fromE[t]++;
                    if (t < 300)
                    {
                        Assert.That(t, Is.Not.EqualTo((int)s), "autapse");
                        Assert.That(pairs.Add((s, t)), Is.True, "multapse");
                    }
                }
                else bernoulli++;
            }
        Assert.That(fromE, Is.All.EqualTo(40));
        double mean = 100 * 300 * 0.3, sd = Math.Sqrt(100 * 300 * 0.3 * 0.7);
        Assert.That(bernoulli, Is.EqualTo(mean).Within(4 * sd));
        Assert.That(sim.Synapses, Is.EqualTo(400 * 40 + bernoulli));
    }
}
