namespace NeuroEngine.Signals;

/// <summary>Field signals from population activity by the kernel method (Hagen et al. 2022, LFPykernels; as ncpi's
/// compute_cdm_lfp_from_kernels): each channel is the sum over presynaptic populations X of the population's
/// rate (or binned spike count) convolved with the kernel from X to that channel, times a scale (ncpi's example:
/// dt / 1000 with counts per bin).</summary>
public static class KernelSignals
{
    /// <summary>channels[c][t] = scale x sum_X convolve(rates[X], kernels[X][c], mode)[t].</summary>
    /// <param name="rates">[population][time], one length.</param>
    /// <param name="kernels">[population][channel][taps], one channel count per population, kernels not longer than the rates.</param>
    /// <param name="mode">Same (default, as ncpi) or Full (Valid) of numpy's convolve.</param>
    /// <param name="scale">Factor applied to every channel.</param>
    /// <param name="threads">Threads per convolution (0 = all cores).</param>
    public static double[][] Compute(IReadOnlyList<double[]> rates, IReadOnlyList<IReadOnlyList<double[]>> kernels,
        ConvolveMode mode = ConvolveMode.Same, double scale = 1.0, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(kernels);
        if (rates.Count == 0) throw new ArgumentException("give the rates of at least one population", nameof(rates));
        if (kernels.Count != rates.Count)
            throw new ArgumentException($"kernels hold {kernels.Count} populations, rates {rates.Count}", nameof(kernels));
        int length = rates[0].Length, channels = kernels[0].Count;
        if (channels == 0) throw new ArgumentException("kernels of population 0 hold no channel", nameof(kernels));
        if (!double.IsFinite(scale)) throw new ArgumentException($"scale must be finite, got {scale}", nameof(scale));
        for (int x = 0; x < rates.Count; x++)
        {
            if (rates[x].Length != length)
                throw new ArgumentException($"population {x} has {rates[x].Length} samples, population 0 has {length}", nameof(rates));
            if (kernels[x].Count != channels)
                throw new ArgumentException($"population {x} has kernels for {kernels[x].Count} channels, population 0 for {channels}", nameof(kernels));
        }
        var output = new double[channels][];
        for (int c = 0; c < channels; c++)
            for (int x = 0; x < rates.Count; x++)
            {
                double[] part;
                try { part = Convolution.Convolve(rates[x], kernels[x][c], mode, ConvolveMethod.Auto, threads); }
                catch (ArgumentException ex) { throw new ArgumentException($"population {x}, channel {c}: {ex.Message.Split(" (Parameter")[0]}", nameof(kernels)); }
                if (output[c] is null) output[c] = new double[part.Length];
                for (int t = 0; t < part.Length; t++) output[c][t] += scale * part[t];
            }
        return output;
    }
}
