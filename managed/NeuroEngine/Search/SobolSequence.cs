namespace NeuroEngine.Search;

/// <summary>The unscrambled Sobol low-discrepancy sequence in up to 32 dimensions, in Gray-code
/// order, with the direction numbers of Joe and Kuo (2008, "new-joe-kuo-6.21201", the table scipy's
/// <c>qmc.Sobol</c> uses), so point n equals <c>scipy.stats.qmc.Sobol(d, scramble=False)</c>'s
/// n-th point. The first point is the origin; balance properties hold for the first 2^m points.</summary>
public static class SobolSequence
{
    private const int Bits = 52; // a double's mantissa holds every point exactly

    // (primitive polynomial with its leading and constant bits, initial direction numbers m_1..m_s)
    private static readonly (int Poly, int[] M)[] Directions =
    [
        (1, [1]), (3, [1]), (7, [1, 3]), (11, [1, 3, 1]), (13, [1, 1, 1]), (19, [1, 1, 3, 3]), (25, [1, 3, 5, 13]),
        (37, [1, 1, 5, 5, 17]), (41, [1, 1, 5, 5, 5]), (47, [1, 1, 7, 11, 19]), (55, [1, 1, 5, 1, 1]), (59, [1, 1, 1, 3, 11]),
        (61, [1, 3, 5, 5, 31]), (67, [1, 3, 3, 9, 7, 49]), (91, [1, 1, 1, 15, 21, 21]), (97, [1, 3, 1, 13, 27, 49]),
        (103, [1, 1, 1, 15, 7, 5]), (109, [1, 3, 1, 15, 13, 25]), (115, [1, 1, 5, 5, 19, 61]), (131, [1, 3, 7, 11, 23, 15, 103]),
        (137, [1, 3, 7, 13, 13, 15, 69]), (143, [1, 1, 3, 13, 7, 35, 63]), (145, [1, 3, 5, 9, 1, 25, 53]),
        (157, [1, 3, 1, 13, 9, 35, 107]), (167, [1, 3, 1, 5, 27, 61, 31]), (171, [1, 1, 5, 11, 19, 41, 61]),
        (185, [1, 3, 5, 3, 3, 13, 69]), (191, [1, 1, 7, 13, 1, 19, 1]), (193, [1, 3, 7, 5, 13, 19, 59]),
        (203, [1, 1, 3, 9, 25, 29, 41]), (211, [1, 3, 5, 13, 23, 1, 55]), (213, [1, 3, 7, 3, 13, 59, 17]),
    ];

    /// <summary>Most dimensions supported.</summary>
    public static int MaxDimension => Directions.Length;

    /// <summary>Points <paramref name="first"/> .. first + count - 1 of the sequence in [0, 1)^dimension.</summary>
    public static double[][] Points(int dimension, int count, long first = 0)
    {
        if (dimension < 1 || dimension > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Sobol sampling supports 1 to {MaxDimension} dimensions");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        if (first < 0 || first + count > (1L << 40)) throw new ArgumentOutOfRangeException(nameof(first), first, "points beyond 2^40 are not supported");
        var v = new ulong[dimension][];
        for (int j = 0; j < dimension; j++) v[j] = DirectionNumbers(j);
        var x = new ulong[dimension];
        // point n is the XOR of the direction numbers of the set bits of n's Gray code
        ulong gray = (ulong)first ^ ((ulong)first >> 1);
        for (int b = 0; gray >> b != 0; b++)
            if (((gray >> b) & 1) != 0)
                for (int j = 0; j < dimension; j++) x[j] ^= v[j][b];
        var points = new double[count][];
        for (long n = first; n < first + count; n++)
        {
            if (n > first)
            {
                int c = System.Numerics.BitOperations.TrailingZeroCount(~(ulong)(n - 1)); // lowest zero bit of n - 1
                for (int j = 0; j < dimension; j++) x[j] ^= v[j][c];
            }
            var p = new double[dimension];
            for (int j = 0; j < dimension; j++) p[j] = x[j] * (1.0 / (1UL << Bits));
            points[n - first] = p;
        }
        return points;
    }

    // v_k = m_k / 2^k scaled to Bits bits; beyond the initial numbers Bratley and Fox's recurrence
    private static ulong[] DirectionNumbers(int dimension)
    {
        var v = new ulong[Bits];
        if (dimension == 0)
        {
            for (int k = 0; k < Bits; k++) v[k] = 1UL << (Bits - 1 - k);
            return v;
        }
        var (poly, m) = Directions[dimension];
        int s = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)poly); // degree
        for (int k = 0; k < s; k++) v[k] = (ulong)m[k] << (Bits - 1 - k);
        for (int k = s; k < Bits; k++)
        {
            ulong value = v[k - s] ^ (v[k - s] >> s);
            for (int i = 1; i < s; i++)
                if (((poly >> (s - i)) & 1) != 0) value ^= v[k - i];
            v[k] = value;
        }
        return v;
    }
}
