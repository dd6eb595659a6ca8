using NeuroEngine.Random;
using NUnit.Framework;

namespace NeuroEngine.Tests;

/// <summary>Known-answer vectors of Philox4x32-10 published with Random123 (Salmon et al., SC'11).</summary>
public class PhiloxTests
{
    private static readonly uint[][] Vectors =
    [
        [0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
        [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
        [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ];

    [TestCaseSource(nameof(Vectors))]
    public void ManagedAndNativeMatchRandom123(uint[] v)
    {
        var expected = (v[6], v[7], v[8], v[9]);
        Assert.That(Philox4x32.Block(v[0], v[1], v[2], v[3], v[4], v[5]), Is.EqualTo(expected));
        Assert.That(EngineRandom.NativeBlock(v[0], v[1], v[2], v[3], v[4], v[5]), Is.EqualTo(expected));
    }
}
