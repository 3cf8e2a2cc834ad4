using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Numerics;

public sealed class SizeTests
{
    [Theory]
    [InlineData("110000", 110_000_000_000L, 0)]
    [InlineData("7.52", 7_520_000L, 2)]
    [InlineData("0", 0L, 0)]
    [InlineData("219.217767", 219_217_767L, 6)]
    [InlineData("5", 5_000_000L, 0)]
    [InlineData(".5", 500_000L, 1)]
    [InlineData("10500100", 10_500_100_000_000L, 0)]
    [InlineData("999999999999.999999", 999_999_999_999_999_999L, 6)]
    public void Parse_PlainDecimal_GivesUnitsAndWrittenDecimals(string text, long units, int decimals)
    {
        var size = Size.Parse(text);

        Assert.Equal(units, size.Units);
        Assert.Equal(decimals, size.Decimals);
    }

    [Fact]
    public void Parse_Zero_IsZeroNotEmpty()
    {
        var size = Size.Parse("0");

        Assert.True(size.IsZero);
        Assert.False(size.IsEmpty);
        Assert.Equal(Size.Zero, size);
    }

    [Fact]
    public void Parse_EmptyString_GivesEmpty()
    {
        var size = Size.Parse("");

        Assert.True(size.IsEmpty);
        Assert.False(size.IsZero);
        Assert.Equal("", size.ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e-3")]
    [InlineData("0.1234567")]
    [InlineData("1.")]
    [InlineData("abc")]
    [InlineData(" 1")]
    [InlineData("1_000")]
    [InlineData("1000000000000")]
    public void TryParse_NotAPlainSize_Fails(string text)
    {
        Assert.False(Size.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _));
        Assert.Throws<FormatException>(() => Size.Parse(text));
    }

    [Theory]
    [InlineData("110000")]
    [InlineData("7.52")]
    [InlineData("219.217767")]
    [InlineData("7.520")]
    [InlineData("100.000000")]
    [InlineData("0")]
    public void ToString_CanonicalText_RoundTrips(string text) =>
        Assert.Equal(text, Size.Parse(text).ToString());

    [Theory]
    [InlineData(7_520_000L, "7.52")]
    [InlineData(110_000_000_000L, "110000")]
    [InlineData(1L, "0.000001")]
    [InlineData(0L, "0")]
    public void FromUnits_AnyValue_UsesFewestDecimals(long units, string expected) =>
        Assert.Equal(expected, Size.FromUnits(units).ToString());

    [Fact]
    public void FromUnitsExact_KeepsWrittenDecimals() =>
        Assert.Equal("7.5200", Size.FromUnitsExact(7_520_000, 4).ToString());

    [Fact]
    public void FromUnits_NegativeUnits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Size.FromUnits(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Size.FromUnitsExact(-1, 0));
    }

    [Fact]
    public void Operators_NumericValues_OrderNumerically()
    {
        var small = Size.Parse("7.52");
        var large = Size.Parse("110000");
        var smallWritten = Size.Parse("7.520");

        Assert.True(small < large);
        Assert.True(large > small);
        Assert.True(small <= smallWritten);
        Assert.True(small >= smallWritten);
        Assert.True(small == smallWritten);
        Assert.True(small != large);
        Assert.Equal(small.GetHashCode(), smallWritten.GetHashCode());
        Assert.True(small.CompareTo(large) < 0);
        Assert.True(small.Equals((object)smallWritten));
    }
}
