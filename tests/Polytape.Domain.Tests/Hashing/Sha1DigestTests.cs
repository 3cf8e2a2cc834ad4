using System.Security.Cryptography;
using Polytape.Domain.Hashing;

namespace Polytape.Domain.Tests.Hashing;

public sealed class Sha1DigestTests
{
    [Fact]
    public void IsNative_OnLinux_UsesOpenSsl()
    {
        // The book hash's speed depends on it: a missing export must show here, not only in a benchmark.
        Assert.Equal(OperatingSystem.IsLinux(), Sha1Digest.IsNative);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1_000)]
    [InlineData(16 * 1024)]
    [InlineData((16 * 1024) + 1)]
    [InlineData(300_000)]
    public void Hash_AnyLength_EqualsTheRuntimesSha1(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var digest = new Sha1Digest();
        var actual = new byte[Sha1Digest.ByteLength];

        // Twice: the second call must not carry state over from the first.
        digest.Hash(data, actual);
        digest.Hash(data, actual);

#pragma warning disable CA5350 // the reference for the venue's SHA-1
        Assert.Equal(SHA1.HashData(data), actual);
#pragma warning restore CA5350
    }

    [Fact]
    public void Hash_ShortDigest_Throws()
    {
        var digest = new Sha1Digest();

        Assert.Throws<ArgumentException>(() => digest.Hash([1, 2, 3], new byte[19]));
    }
}
