using NeuroEngine.Simulation.MeanField;
using NeuroEngine.Simulation.Network;
using NUnit.Framework;

namespace NeuroEngine.Tests.Network;

/// <summary>Clustered E/I networks (examples/clustered.yaml: VectorialNeuroModulators' default
/// spiking network, 18 clusters) in the three regimes of Litwin-Kumar and Doiron (2012) and
/// Mazzucato et al. (2015), potentiating only E-to-E within clusters (J+_EE) and running 10 s:
/// uniform activity for J+ = 1, clusters taking turns being active (metastability) for J+ = 8,
/// and the same few clusters locked active for J+ = 20. Measured with these seeds (2026-11-22):
/// J+ = 1: cluster-rate CV 0.01, no active bin; J+ = 8: CV 0.07, an active cluster in 73% of the
/// 50 ms bins, all 18 clusters take turns; J+ = 12-30: the same 4 clusters active in every bin.
/// The mean field (NetworkMeanField) puts the loss of stability of the uniform state between
/// J+ = 8 and 10: switching happens just below it, locking well above it.</summary>
public class ClusteredNetworkTests
{
    private static LifNetworkSpec Clustered(double jPlusEE)
    {
        double sqrtN = Math.Sqrt(2000), tauS = 5;
        var neuron = new NeuronParameters { TauMMs = 20, VReset = 0, EL = 0, TRefMs = 5, CmPf = 1, TauExcMs = tauS, TauInhMs = tauS, VInit = new InitialValue.Constant(0) };
        var spec = new LifNetworkSpec(SynapseType.ExpCurrent, 0.5,
            [new Population("E", 1600, neuron with { VTh = 1.5 }), new Population("I", 400, neuron with { VTh = 0.75 })],
            [
                new Projection("E", "E", ConnectionRule.FixedIndegree, 0.63 / sqrtN / tauS, 0.5, 320, Autapses: false),
                new Projection("E", "I", ConnectionRule.FixedIndegree, 0.63 / sqrtN / tauS, 0.5, 800),
                new Projection("I", "E", ConnectionRule.FixedIndegree, -1.9 / sqrtN / tauS, 0.5, 200),
                new Projection("I", "I", ConnectionRule.FixedIndegree, -3.8 / sqrtN / tauS, 0.5, 200, Autapses: false),
            ],
            [new PoissonDrive("E", 320, 7, 2.3 / sqrtN / tauS), new PoissonDrive("I", 320, 7, 2.3 / sqrtN / tauS)], []);
        var layout = new ClusterLayout(18, new Dictionary<string, int> { ["E"] = 160, ["I"] = 40 },
            new Dictionary<string, double> { ["EE"] = jPlusEE });
        return ClusteredNetwork.Expand(spec, layout).Spec;
    }

    private sealed record Regime(double CvOfClusterRates, double FractionActive, int DistinctActive, bool SameActiveSetInBothHalves);

    /// <summary>E-cluster rates in 50 ms bins after 500 ms; a cluster is active in a bin above 20 Hz.</summary>
    private static Regime Measure(double jPlusEE)
    {
        using var sim = LifNetworkSimulation.Single(Clustered(jPlusEE), 256, new NetworkRecording { Spikes = false });
        var result = sim.Run(10_000)[0];
        var (_, rates) = result.Rates(50);
        int bins = rates.GetLength(0), first = 10, q = 18;
        var mean = new double[q];
        var activeCount = new int[q];
        var firstHalf = new HashSet<int>();
        var secondHalf = new HashSet<int>();
        int binsWithActive = 0;
        for (int b = first; b < bins; b++)
        {
            bool any = false;
            for (int c = 0; c < q; c++)
            {
                mean[c] += rates[b, c] / (bins - first);
                if (rates[b, c] > 20)
                {
                    any = true;
                    activeCount[c]++;
                    (b < (bins + first) / 2 ? firstHalf : secondHalf).Add(c);
                }
            }
            if (any) binsWithActive++;
        }
        double m = mean.Average(), sd = Math.Sqrt(mean.Sum(x => (x - m) * (x - m)) / q);
        return new Regime(sd / m, binsWithActive / (double)(bins - first), activeCount.Count(a => a > 0), firstHalf.SetEquals(secondHalf));
    }

    /// <summary>J+ where the mean field's uniform fixed point loses stability (membrane-time-constant
    /// rate dynamics), by bisection; measured 2026-11-22 between 8 and 10.</summary>
    private static double CriticalJPlus()
    {
        double MaxRe(double jPlus)
        {
            var model = NetworkMeanField.From(Clustered(jPlus));
            var solver = new MeanFieldSolver(model) { Dynamics = MeanFieldDynamics.Membrane };
            var uniform = solver.Solve([Enumerable.Repeat(5.0, model.P).ToArray()]).First(f => f.Converged);
            return uniform.Eigenvalues[^1].Real;
        }
        double lo = 1, hi = 20;
        Assert.That(MaxRe(lo), Is.LessThan(0));
        Assert.That(MaxRe(hi), Is.GreaterThan(0));
        for (int i = 0; i < 7; i++)
        {
            double mid = (lo + hi) / 2;
            if (MaxRe(mid) < 0) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    [Test]
    public void SimulatedRegimesSitWhereTheMeanFieldPutsThem()
    {
        // uniform far below the bifurcation of the uniform state, switching close to it (finite-size
        // fluctuations carry the network between cluster states), locked far above it
        double critical = CriticalJPlus();
        Assert.That(critical, Is.InRange(8.0, 10.5), "mean-field bifurcation J+");
        Assert.That(1.0, Is.LessThan(0.5 * critical), "uniform case");
        Assert.That(8.0, Is.InRange(0.75 * critical, 1.1 * critical), "metastable case");
        Assert.That(20.0, Is.GreaterThan(1.5 * critical), "locked case");
    }

    [Test]
    public void WithoutPotentiationActivityIsUniform()
    {
        var r = Measure(1);
        Assert.That(r.CvOfClusterRates, Is.LessThan(0.05));
        Assert.That(r.FractionActive, Is.LessThan(0.02));
    }

    [Test]
    public void ModeratePotentiationMakesClustersTakeTurns()
    {
        var r = Measure(8);
        Assert.That(r.FractionActive, Is.GreaterThan(0.3), "clusters become active");
        Assert.That(r.DistinctActive, Is.GreaterThanOrEqualTo(12), "most clusters get their turn");
        Assert.That(r.CvOfClusterRates, Is.LessThan(0.3), "over 10 s every cluster is about equally active");
    }

    [Test]
    public void StrongPotentiationLocksAFewClustersActive()
    {
        var r = Measure(20);
        Assert.That(r.FractionActive, Is.EqualTo(1.0));
        Assert.That(r.DistinctActive, Is.LessThanOrEqualTo(6));
        Assert.That(r.SameActiveSetInBothHalves, Is.True, "the active set does not change");
        Assert.That(r.CvOfClusterRates, Is.GreaterThan(1.0));
    }
}
