using NeuroEngine.Random;

namespace NeuroEngine.Simulation.Stimuli;

/// <summary>Ornstein-Uhlenbeck noise with its own seed: dx = (mean - x) / tau dt + sigma sqrt(2 / tau) dW, so
/// <see cref="Sigma"/> is the stationary standard deviation. Sampled by the exact discretisation
/// x(n+1) = mean + (x(n) - mean) e^(-dt/tau) + sigma sqrt(1 - e^(-2 dt/tau)) z(n), starting at the onset from a
/// draw of the stationary distribution N(mean, sigma^2), so mean and variance are the stationary ones at every step
/// and do not depend on dt. Normal variates: Philox4x32-10 streams keyed by the seed (<see cref="PhiloxStream"/>),
/// one stream per channel (region), so regions get independent noise and a render is reproducible.</summary>
public sealed class OrnsteinUhlenbeckStimulus(double mean, double sigma, double tauMs, ulong seed, double onsetMs, double durationMs)
    : Stimulus(onsetMs, durationMs)
{
    /// <summary>Stream-high word of stimulus noise streams (top bit marks managed streams).</summary>
    public const uint StimulusStreamHigh = 0x80000003u;

    /// <summary>Stationary mean.</summary>
    public double Mean { get; } = Finite(mean, "mean");

    /// <summary>Stationary standard deviation (&gt;= 0).</summary>
    public double Sigma { get; } = double.IsFinite(sigma) && sigma >= 0 ? sigma
        : throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and >= 0");

    /// <summary>Correlation time (ms, &gt; 0): the autocorrelation at lag s is sigma^2 e^(-s/tau).</summary>
    public double TauMs { get; } = Positive(tauMs, "tau_ms");

    /// <summary>The noise's own seed.</summary>
    public ulong Seed { get; } = seed;

    protected internal override void RenderWindow(double dtMs, int firstStep, int channel, Span<double> destination)
    {
        var random = new PhiloxStream(Seed, (ulong)channel, StimulusStreamHigh);
        double decay = Math.Exp(-dtMs / TauMs), kick = Sigma * Math.Sqrt(-double.ExpM1(-2 * dtMs / TauMs));
        double x = Mean + Sigma * random.NextNormal();
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x;
            x = Mean + (x - Mean) * decay + kick * random.NextNormal();
        }
    }

    protected override IReadOnlyList<string> ShapeParameterNames => ["mean", "sigma", "tau_ms"];
    protected override double[] ShapeParameters() => [Mean, Sigma, TauMs];
    protected override Stimulus Create(double[] p, double onsetMs, double durationMs) => new OrnsteinUhlenbeckStimulus(p[0], p[1], p[2], Seed, onsetMs, durationMs);

    /// <summary>Not used: the noise is a process, rendered step by step.</summary>
    protected internal override double ShapeAt(double tauMs) => throw new NotSupportedException("OU noise is rendered as a whole window");
}
