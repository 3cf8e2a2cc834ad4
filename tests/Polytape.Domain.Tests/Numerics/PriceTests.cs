using Polytape.Domain.Numerics;

namespace Polytape.Domain.Tests.Numerics;

public sealed class PriceTests
{
    [Theory]
    [InlineData("0.5", 5000, 1)]
    [InlineData("0.500", 5000, 3)]
    [InlineData("0.01", 100, 2)]
    [InlineData("0.999", 9990, 3)]
    [InlineData("0.0001", 1, 4)]
    [InlineData("0", 0, 0)]
    [InlineData("1", 10_000, 0)]
    [InlineData(".48", 4800, 2)]
    [InlineData("99999.9999", 999_999_999, 4)]
    public void Parse_PlainDecimal_GivesUnitsAndWrittenDecimals(string text, int units, int decimals)
    {
        var price = Price.Parse(text);

        Assert.Equal(units, price.Units);
        Assert.Equal(decimals, price.Decimals);
        Assert.False(price.IsEmpty);
    }

    [Fact]
    public void Parse_TrailingZeros_EqualsMinimalFormNumerically()
    {
        var written = Price.Parse("0.500");
        var minimal = Price.Parse("0.5");

        // Numeric equality, but the written text survives for the hash.
        Assert.Equal(minimal, written);
        Assert.Equal(minimal.GetHashCode(), written.GetHashCode());
        Assert.Equal("0.500", written.ToString());
        Assert.Equal("0.5", minimal.ToString());
    }

    [Fact]
    public void Parse_EmptyString_GivesEmpty()
    {
        var price = Price.Parse("");

        Assert.True(price.IsEmpty);
        Assert.Equal(Price.Empty, price);
        Assert.Equal("", price.ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1e-3")]
    [InlineData("0.12345")]
    [InlineData("1.")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("0,5")]
    [InlineData("0.5.1")]
    [InlineData("100000")]
    public void TryParse_NotAPlainPrice_Fails(string text)
    {
        Assert.False(Price.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out _));
        Assert.Throws<FormatException>(() => Price.Parse(text));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.500")]
    [InlineData("0.01")]
    [InlineData("0.999")]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("0")]
    [InlineData("0.0000")]
    [InlineData("0.1234")]
    public void ToString_CanonicalText_RoundTrips(string text) =>
        Assert.Equal(text, Price.Parse(text).ToString());

    [Theory]
    [InlineData(5000, "0.5")]
    [InlineData(100, "0.01")]
    [InlineData(10_000, "1")]
    [InlineData(0, "0")]
    [InlineData(1, "0.0001")]
    [InlineData(12_345, "1.2345")]
    public void FromUnits_AnyValue_UsesFewestDecimals(int units, string expected)
    {
        var price = Price.FromUnits(units);

        Assert.Equal(expected, price.ToString());
        Assert.Equal(units, price.Units);
    }

    [Fact]
    public void FromUnits_TooFewDecimals_WidensToWhatTheValueNeeds() =>
        Assert.Equal("0.25", Price.FromUnits(2500, 1).ToString());

    [Fact]
    public void FromUnits_NegativeUnits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromUnits(-5));

    [Fact]
    public void FromUnits_MoreDecimalsThanScale_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromUnits(5000, 5));

    [Fact]
    public void WithDecimals_Three_WritesBookStyleTradePrice()
    {
        var price = Price.Parse("0.5").WithDecimals(3);

        Assert.Equal("0.500", price.ToString());
        Assert.Equal(Price.Parse("0.5"), price);
    }

    [Fact]
    public void WithDecimals_Empty_StaysEmpty() =>
        Assert.True(Price.Empty.WithDecimals(3).IsEmpty);

    [Theory]
    [InlineData("0.34", "0.66")]
    [InlineData("0.5", "0.5")]
    [InlineData("0.01", "0.99")]
    [InlineData("0.999", "0.001")]
    [InlineData("0.1", "0.9")]
    [InlineData("0", "1")]
    [InlineData("1", "0")]
    public void Complement_Price_IsOneMinusPriceInTheSameStyle(string price, string expected) =>
        Assert.Equal(expected, Price.Parse(price).Complement().ToString());

    [Fact]
    public void Complement_Empty_StaysEmpty() =>
        Assert.True(Price.Empty.Complement().IsEmpty);

    [Fact]
    public void Operators_NumericValues_OrderNumerically()
    {
        var low = Price.Parse("0.09");
        var high = Price.Parse("0.1");
        var highWritten = Price.Parse("0.100");

        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low <= high);
        Assert.True(high >= low);
        Assert.True(high <= highWritten);
        Assert.True(high >= highWritten);
        Assert.False(high < highWritten);
        Assert.True(high == highWritten);
        Assert.True(low != high);
        Assert.True(low.CompareTo(high) < 0);
        Assert.Equal(0, high.CompareTo(highWritten));
        Assert.True(high.Equals((object)highWritten));
        Assert.False(high.Equals((object)"0.1"));
    }

    [Fact]
    public void Empty_ComparedWithZero_SortsBelowAndDiffers()
    {
        Assert.NotEqual(Price.Zero, Price.Empty);
        Assert.True(Price.Empty < Price.Zero);
        Assert.Equal(Price.Parse("0"), Price.Zero);
        Assert.Equal(Price.Parse("1"), Price.One);
    }
}
