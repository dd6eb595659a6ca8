using NeuroEngine.Random;

namespace NeuroEngine.Inference;

/// <summary>Seeded splits of row indices: train/validation/test and (repeated) k-fold. The same
/// seed gives the same split on every machine (Philox stream, see <see cref="PhiloxStream"/>).</summary>
public static class DataSplit
{
    /// <summary>Stream ids, so that splits and model initialisation never share numbers.</summary>
    public const ulong SplitStream = 1, FoldStream = 2;

    /// <summary>Shuffles 0..n-1 and cuts it into train, validation and test parts.</summary>
    public static (int[] Train, int[] Validation, int[] Test) TrainValidationTest(int n, double validationFraction, double testFraction, ulong seed)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "need at least one row");
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        if (validationFraction + testFraction >= 1)
            throw new ArgumentException($"validation ({validationFraction}) + test ({testFraction}) fractions leave no training rows", nameof(testFraction));
        int[] p = new PhiloxStream(seed, SplitStream).Permutation(n);
        int nTest = (int)Math.Ceiling(testFraction * n), nVal = (int)Math.Ceiling(validationFraction * n);
        if (nTest + nVal >= n) throw new ArgumentException($"{n} rows are too few for validation fraction {validationFraction} and test fraction {testFraction}", nameof(n));
        return (p[(nTest + nVal)..], p[nTest..(nTest + nVal)], p[..nTest]);
    }

    /// <summary>k folds (as sklearn's KFold with shuffle): the first n % k folds get one extra row.
    /// Returns (train, held-out) index pairs.</summary>
    public static List<(int[] Train, int[] Test)> KFold(int n, int folds, ulong seed, int repeat = 0)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "k-fold needs at least 2 folds");
        if (n < folds) throw new ArgumentException($"{n} rows are too few for {folds} folds", nameof(n));
        int[] p = new PhiloxStream(seed, FoldStream + ((ulong)repeat << 8)).Permutation(n);
        var result = new List<(int[], int[])>(folds);
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = n / folds + (f < n % folds ? 1 : 0);
            var test = p[start..(start + size)];
            var train = p[..start].Concat(p[(start + size)..]).ToArray();
            result.Add((train, test));
            start += size;
        }
        return result;
    }

    /// <summary>RepeatedKFold: <paramref name="repeats"/> independent shufflings of k folds.</summary>
    public static List<(int Repeat, int[] Train, int[] Test)> RepeatedKFold(int n, int folds, int repeats, ulong seed)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "need at least one repeat");
        var result = new List<(int, int[], int[])>();
        for (int r = 0; r < repeats; r++)
            foreach (var (train, test) in KFold(n, folds, seed, r)) result.Add((r, train, test));
        return result;
    }

    private static void CheckFraction(double f, string name)
    {
        if (!(f >= 0 && f < 1)) throw new ArgumentOutOfRangeException(name, f, "must be in [0, 1)");
    }
}
