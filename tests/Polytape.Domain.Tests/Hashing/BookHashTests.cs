using System.Text;
using Polytape.Domain.Hashing;

namespace Polytape.Domain.Tests.Hashing;

public sealed class BookHashTests
{
    private const string Hex = "0458ea5755c9f73d64a14636fa5c36ed460ec394";

    [Theory]
    [InlineData(Hex)]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("b9ee8c0d2cc9a436dc6e70692b6882b881434d7b")]
    public void ParseHex_LowerCase_RoundTrips(string hex)
    {
        var hash = BookHash.ParseHex(hex);

        Assert.Equal(hex, hash.ToString());
        Span<byte> utf8 = stackalloc byte[BookHash.HexLength];
        hash.WriteHexUtf8(utf8);
        Assert.Equal(hex, Encoding.ASCII.GetString(utf8));
    }

    /// <summary>Every digit and both halves of each byte in place; the bytes after the 40 are left alone.</summary>
    [Fact]
    public void WriteHexUtf8_WritesExactlyTheFortyLowerCaseHexBytes()
    {
        var digest = Convert.FromHexString("0123456789abcdeffedcba9876543210a5f00fc3");
        var destination = new byte[BookHash.HexLength + 2];
        destination.AsSpan().Fill((byte)'#');

        BookHash.FromBytes(digest).WriteHexUtf8(destination);

        Assert.Equal("0123456789abcdeffedcba9876543210a5f00fc3##", Encoding.ASCII.GetString(destination));
    }

    [Fact]
    public void WriteHexUtf8_DestinationShorterThanForty_ThrowsAndWritesNothing()
    {
        var destination = new byte[BookHash.HexLength - 1];

        var error = Assert.Throws<ArgumentException>(() => BookHash.ParseHex(Hex).WriteHexUtf8(destination));

        Assert.Contains("40", error.Message, StringComparison.Ordinal);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void ParseHex_UpperCase_EqualsLowerCaseAndWritesLowerCase()
    {
        var upper = BookHash.ParseHex(Hex.ToUpperInvariant());

        Assert.Equal(BookHash.ParseHex(Hex), upper);
        Assert.Equal(Hex, upper.ToString());
    }

    [Theory]
    [InlineData("0xabc123...")]
    [InlineData("0x0458ea5755c9f73d64a14636fa5c36ed460ec3")]
    [InlineData("0458ea5755c9f73d64a14636fa5c36ed460ec39")]
    [InlineData("0458ea5755c9f73d64a14636fa5c36ed460ec3944")]
    [InlineData("0458ea5755c9f73d64a14636fa5c36ed460ec39g")]
    [InlineData(" 458ea5755c9f73d64a14636fa5c36ed460ec394")]
    [InlineData("")]
    public void TryParseHex_PlaceholderOrWrongLength_Fails(string text)
    {
        Assert.False(BookHash.TryParseHex(Encoding.ASCII.GetBytes(text), out var hash));
        Assert.Equal(default, hash);
        Assert.Throws<FormatException>(() => BookHash.ParseHex(text));
    }

    [Fact]
    public void FromBytes_Digest_RoundTripsThroughWriteBytes()
    {
        var digest = Convert.FromHexString(Hex);

        var hash = BookHash.FromBytes(digest);
        var written = new byte[BookHash.ByteLength];
        hash.WriteBytes(written);

        Assert.Equal(digest, written);
        Assert.Equal(BookHash.ParseHex(Hex), hash);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(32)]
    public void FromBytes_WrongLength_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => BookHash.FromBytes(new byte[length]));

    // Each of the three words must take part in equality.
    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(19)]
    public void Equals_OneByteDiffers_NotEqual(int index)
    {
        var digest = Convert.FromHexString(Hex);
        var a = BookHash.FromBytes(digest);
        digest[index] ^= 1;
        var b = BookHash.FromBytes(digest);

        Assert.NotEqual(a, b);
        Assert.True(a != b);
        Assert.False(a.Equals((object)b));
        Assert.True(a == BookHash.ParseHex(Hex));
        Assert.Equal(a.GetHashCode(), BookHash.ParseHex(Hex).GetHashCode());
    }
}
