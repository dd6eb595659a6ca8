namespace NeuroEngine.Inference.Networks;

/// <summary>Copies the rows of a minibatch into contiguous row-major buffers for the networks.</summary>
public static class Minibatch
{
    /// <summary>Rows order[start .. start + rows) of <paramref name="inputs"/> and <paramref name="targets"/>
    /// into <paramref name="inputBuffer"/> and <paramref name="targetBuffer"/>.</summary>
    public static void Gather(double[][] inputs, double[][] targets, int[] order, int start, int rows, double[] inputBuffer, double[] targetBuffer)
    {
        int d = inputs[order[start]].Length, p = targets[order[start]].Length;
        for (int r = 0; r < rows; r++)
        {
            inputs[order[start + r]].CopyTo(inputBuffer, r * d);
            targets[order[start + r]].CopyTo(targetBuffer, r * p);
        }
    }
}
