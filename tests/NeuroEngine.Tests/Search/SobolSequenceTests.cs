using NeuroEngine.Search;
using NUnit.Framework;

namespace NeuroEngine.Tests.Search;

public class SobolSequenceTests
{
    [Test]
    public void FirstPointsEqualScipysUnscrambledSobol()
    {
        // scipy 1.10.1: qmc.Sobol(d=6, scramble=False).random(8)
        double[,] expected =
        {
            { 0, 0, 0, 0, 0, 0 }, { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 }, { 0.75, 0.25, 0.25, 0.25, 0.75, 0.75 },
            { 0.25, 0.75, 0.75, 0.75, 0.25, 0.25 }, { 0.375, 0.375, 0.625, 0.875, 0.375, 0.125 },
            { 0.875, 0.875, 0.125, 0.375, 0.875, 0.625 }, { 0.625, 0.125, 0.875, 0.625, 0.625, 0.875 },
            { 0.125, 0.625, 0.375, 0.125, 0.125, 0.375 },
        };
        var points = SobolSequence.Points(6, 8);
        for (int n = 0; n < 8; n++)
            for (int j = 0; j < 6; j++) Assert.That(points[n][j], Is.EqualTo(expected[n, j]), $"point {n}, dimension {j}");
    }

    [Test]
    public void HighDimensionsAndLaterPointsEqualScipy()
    {
        // scipy 1.10.1: qmc.Sobol(d=32, scramble=False).random(1024), rows 1023 (all dims) and 777 (dims 20-31)
        double[] row1023 =
        [
            0.0009765625, 0.7529296875, 0.6123046875, 0.1455078125, 0.1865234375, 0.4384765625, 0.1396484375, 0.6181640625,
            0.3447265625, 0.8505859375, 0.6787109375, 0.0361328125, 0.1298828125, 0.6650390625, 0.3623046875, 0.4638671875,
            0.3134765625, 0.8759765625, 0.5849609375, 0.3193359375, 0.8662109375, 0.0185546875, 0.7939453125, 0.1962890625,
            0.2392578125, 0.3759765625, 0.5087890625, 0.7607421875, 0.8408203125, 0.4345703125, 0.9287109375, 0.6142578125,
        ];
        double[] row777 = [0.2373046875, 0.2724609375, 0.9462890625, 0.4814453125, 0.3447265625, 0.1455078125, 0.0595703125,
            0.7802734375, 0.0634765625, 0.1103515625, 0.5419921875, 0.8994140625];
        var all = SobolSequence.Points(32, 1024);
        Assert.That(all[1023], Is.EqualTo(row1023));
        Assert.That(all[777][20..], Is.EqualTo(row777));
        // starting part-way gives the same points (used by shards and resumed explorations)
        Assert.That(SobolSequence.Points(32, 2, 777)[0], Is.EqualTo(all[777]));
    }

    [Test]
    public void EachDimensionOfTheFirstPowerOfTwoPointsIsStratified()
    {
        // the defining (0, m, s)-net property in one dimension: 2^m points put one point in each 1/2^m cell
        foreach (int dim in new[] { 1, 7, 32 })
        {
            var points = SobolSequence.Points(dim, 256);
            for (int j = 0; j < dim; j++)
                Assert.That(points.Select(p => (int)(p[j] * 256)).Distinct().Count(), Is.EqualTo(256), $"dimension {j} of {dim}");
        }
    }

    [Test]
    public void TooManyDimensionsAreRefused() =>
        Assert.That(() => SobolSequence.Points(33, 4), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("1 to 32"));
}
