using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Hashing;

public sealed class PriceTextTests
{
    [Fact]
    public void EveryPriceUpToOne_AtEveryDecimalCount_IsWhatFormatPriceExactWrites()
    {
        Span<byte> expected = stackalloc byte[FixedPoint.MaxFormattedLength];
        Span<byte> actual = stackalloc byte[FixedPoint.MaxFormattedLength];
        for (var units = 0; units <= Price.UnitsPerOne; units++)
        {
            for (byte decimals = 0; decimals <= Price.Scale; decimals++)
            {
                var expectedLength = FixedPoint.FormatPriceExact(units, decimals, expected);
                var actualLength = PriceText.Write(units, decimals, actual);

                Assert.Equal(expectedLength, actualLength);
                Assert.True(expected[..expectedLength].SequenceEqual(actual[..actualLength]), $"{units} units, {decimals} decimals");
            }
        }
    }

    [Theory]
    [InlineData(10_001, 4)]
    [InlineData(123_456, 2)]
    [InlineData(25_000, 0)]
    public void PriceAboveOne_IsFormattedTheLongWay(int units, byte decimals)
    {
        Span<byte> expected = stackalloc byte[FixedPoint.MaxFormattedLength];
        Span<byte> actual = stackalloc byte[FixedPoint.MaxFormattedLength];

        var length = PriceText.Write(units, decimals, actual);

        Assert.Equal(FixedPoint.FormatPriceExact(units, decimals, expected), length);
        Assert.True(expected[..length].SequenceEqual(actual[..length]));
    }

    [Fact]
    public void ShortDestination_GetsOnlyTheText()
    {
        Span<byte> destination = stackalloc byte[4];

        var length = PriceText.Write(4_900, 2, destination);

        Assert.Equal("0.49"u8.ToArray(), destination[..length].ToArray());
    }
}
