using System.Globalization;
using System.Text;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Numerics;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData(0L, 4, 0)]
    [InlineData(5000L, 4, 1)]
    [InlineData(5001L, 4, 4)]
    [InlineData(10_000L, 4, 0)]
    [InlineData(7_520_000L, 6, 2)]
    [InlineData(1L, 6, 6)]
    public void MinimalDecimals_Units_DropsTrailingZeros(long units, int scale, int expected) =>
        Assert.Equal(expected, FixedPoint.MinimalDecimals(units, scale));

    [Fact]
    public void Format_FewerDecimalsThanNeeded_WritesWhatTheValueNeeds()
    {
        Span<byte> buffer = stackalloc byte[FixedPoint.MaxFormattedLength];

        var written = FixedPoint.Format(1234, 4, 1, buffer);

        Assert.Equal("0.1234", Encoding.ASCII.GetString(buffer[..written]));
    }

    [Fact]
    public void TryParse_IntegerDigitLimit_IsInclusive()
    {
        Assert.True(FixedPoint.TryParse("12345"u8, 4, 5, out var units, out _));
        Assert.Equal(123_450_000L, units);
        Assert.False(FixedPoint.TryParse("123456"u8, 4, 5, out _, out _));
    }

    [Fact]
    public void PowerOfTen_BothTables_Agree()
    {
        for (var i = 0; i <= 13; i++)
        {
            Assert.Equal((ulong)FixedPoint.PowerOfTen(i), FixedPoint.PowerOfTenUnsigned(i));
        }

        Assert.Equal(10_000_000_000_000_000_000UL, FixedPoint.PowerOfTenUnsigned(19));
    }

    // Generated canonical decimals (no leading zeros, trailing zeros allowed) must parse to the value
    // System.Decimal gives and format back to the same text: the hash depends on the exact text.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2024)]
    [InlineData(90210)]
    public void ParseFormat_RandomCanonicalText_RoundTripsExactly(int seed)
    {
        var random = new Random(seed);
        for (var step = 0; step < 4000; step++)
        {
            var price = Generate(random, Price.Scale, 5);
            var parsedPrice = Price.Parse(price);
            Assert.True(
                price == parsedPrice.ToString() && parsedPrice.Units == Units(price, Price.Scale),
                $"seed {seed}, step {step}: price '{price}' became '{parsedPrice}' ({parsedPrice.Units} units)");

            var size = Generate(random, Size.Scale, 12);
            var parsedSize = Size.Parse(size);
            Assert.True(
                size == parsedSize.ToString() && parsedSize.Units == Units(size, Size.Scale),
                $"seed {seed}, step {step}: size '{size}' became '{parsedSize}' ({parsedSize.Units} units)");

            // The canonical (minimal) form of the same value also round-trips.
            Assert.True(
                Price.FromUnits(parsedPrice.Units) == parsedPrice
                && Price.Parse(Price.FromUnits(parsedPrice.Units).ToString()).Decimals == FixedPoint.MinimalDecimals(parsedPrice.Units, Price.Scale),
                $"seed {seed}, step {step}: minimal form of '{price}'");
        }
    }

    // One decimal with up to maxIntegerDigits integer digits and up to scale decimals (often zeros).
    private static string Generate(Random random, int scale, int maxIntegerDigits)
    {
        var text = new StringBuilder();
        var integerDigits = random.Next(0, 3) == 0 ? 0 : random.Next(1, maxIntegerDigits + 1);
        if (integerDigits == 0)
        {
            text.Append('0');
        }
        else
        {
            text.Append((char)('1' + random.Next(9)));
            for (var i = 1; i < integerDigits; i++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
        }

        var decimals = random.Next(0, scale + 1);
        if (decimals > 0)
        {
            text.Append('.');
            for (var i = 0; i < decimals; i++)
            {
                // Zeros are over-represented so that trailing-zero texts ("0.500") come up often.
                text.Append(random.Next(3) == 0 ? '0' : (char)('0' + random.Next(10)));
            }
        }

        return text.ToString();
    }

    private static long Units(string text, int scale) =>
        (long)(decimal.Parse(text, CultureInfo.InvariantCulture) * FixedPoint.PowerOfTen(scale));
}
