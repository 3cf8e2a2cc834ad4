using System.Globalization;
using System.Numerics;
using System.Text;
using Polytape.Domain.Identifiers;

namespace Polytape.Domain.Tests.Identifiers;

public sealed class AssetIdTests
{
    private const string MaxValue =
        "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    private const string TwoToThe256 =
        "115792089237316195423570985008687907853269984665640564039457584007913129639936";

    // Token ids from the real captures (76 to 78 digits).
    [Theory]
    [InlineData("3329029450753225654467003002742946394863848082479209219558348197750220015613")]
    [InlineData("94022367472047775158269173293876979533288470167463650966689320774843018181757")]
    [InlineData("20168250870314270898487593595943592687458358996170785976290704639743788087191")]
    [InlineData("48331043336612883890938759509493159234755048973500640148014422747788308965732")]
    [InlineData("101155325224907042624192777106604175185803921887395325080529159889944296783944")]
    [InlineData("114416409796971863099144323163249651172534872992222856507897414949637892047507")]
    public void Parse_RealTokenId_RoundTripsAndMatchesBigInteger(string text)
    {
        var id = AssetId.Parse(text);

        Assert.Equal(text, id.ToString());
        Assert.Equal(BigInteger.Parse(text, CultureInfo.InvariantCulture), id.ToBigInteger());
        Assert.False(id.IsDefault);
    }

    [Fact]
    public void TryParse_MaxUint256_Succeeds()
    {
        Assert.True(AssetId.TryParse(Encoding.ASCII.GetBytes(MaxValue), out var id));
        Assert.Equal(MaxValue, id.ToString());
        Assert.Equal((BigInteger.One << 256) - 1, id.ToBigInteger());
    }

    [Theory]
    [InlineData(TwoToThe256)]
    [InlineData("999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    [InlineData("1157920892373161954235709850086879078532699846656405640394575840079131296399350")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("0x12ab")]
    [InlineData(" 123")]
    [InlineData("123 ")]
    [InlineData("12a3")]
    [InlineData("1.0")]
    public void TryParse_NotAUint256DecimalText_Fails(string text)
    {
        Assert.False(AssetId.TryParse(Encoding.ASCII.GetBytes(text), out var id));
        Assert.True(id.IsDefault);
        Assert.Throws<FormatException>(() => AssetId.Parse(text));
    }

    [Fact]
    public void TryParse_LeadingZerosWithinDigitLimit_ParsesTheValue()
    {
        Assert.True(AssetId.TryParse("000000000000000000000000042"u8, out var id));
        Assert.Equal("42", id.ToString());
    }

    [Fact]
    public void Parse_Zero_IsDefault() => Assert.True(AssetId.Parse("0").IsDefault);

    [Fact]
    public void Equals_SameText_EqualWithSameHash()
    {
        const string Text = "94022367472047775158269173293876979533288470167463650966689320774843018181757";
        var a = AssetId.Parse(Text);
        var b = AssetId.Parse(Text);
        var other = AssetId.Parse("94022367472047775158269173293876979533288470167463650966689320774843018181758");

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, other);
        Assert.True(a != other);
        Assert.True(a < other);
        Assert.True(other >= a);
    }

    // Random values and random digit strings against BigInteger: parse succeeds exactly when the value
    // fits in 256 bits, gives the same value, and order and equality agree.
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(256)]
    [InlineData(4242)]
    public void Parse_RandomDecimalText_AgreesWithBigInteger(int seed)
    {
        var random = new Random(seed);
        var limit = BigInteger.One << 256;
        var previous = default(AssetId);
        var previousValue = BigInteger.Zero;
        for (var step = 0; step < 3000; step++)
        {
            var text = step % 2 == 0 ? RandomValue(random).ToString(CultureInfo.InvariantCulture) : RandomDigits(random);
            var expected = BigInteger.Parse(text, CultureInfo.InvariantCulture);
            var fits = expected < limit && text.Length <= AssetId.MaxDigits;

            var parsed = AssetId.TryParse(Encoding.ASCII.GetBytes(text), out var id);

            Assert.True(parsed == fits, $"seed {seed}, step {step}: '{text}' parsed={parsed}, expected {fits}");
            if (!parsed)
            {
                continue;
            }

            Assert.True(id.ToBigInteger() == expected, $"seed {seed}, step {step}: '{text}' became {id}");
            Assert.True(
                Math.Sign(id.CompareTo(previous)) == expected.CompareTo(previousValue)
                && (id == previous) == (expected == previousValue)
                && (id != previous || id.GetHashCode() == previous.GetHashCode()),
                $"seed {seed}, step {step}: {id} vs {previous}");
            previous = id;
            previousValue = expected;
        }
    }

    // Uniform over bit lengths 0..256, so small and full-width values both occur.
    private static BigInteger RandomValue(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        var value = new BigInteger(bytes, isUnsigned: true);
        return value >> random.Next(0, 257);
    }

    // 70 to 79 digits; full-width ones share a random-length prefix with 2^256 - 1, which puts them on
    // both sides of the limit.
    private static string RandomDigits(Random random)
    {
        var length = random.Next(2) == 0 ? AssetId.MaxDigits : random.Next(70, 80);
        var shared = length == AssetId.MaxDigits ? random.Next(0, AssetId.MaxDigits + 1) : 0;
        var text = new StringBuilder(MaxValue, 0, shared, length);
        while (text.Length < length)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        return text.ToString();
    }
}
