using System.Text;
using Polytape.Polymarket.Rest;

namespace Polytape.Polymarket.Tests.Rest;

public sealed class PolymarketRestJsonTests
{
    [Theory]
    [InlineData("""{"mid":"0.45"}""", "0.45")]
    [InlineData("""{"mid_price":"0.45"}""", "0.45")]
    [InlineData("""{"mid_price":0.455}""", "0.455")]
    public void ParseMidpoint_LiveOrDocumentedKey_ReadsValue(string body, string expected)
    {
        Assert.Equal(expected, PolymarketRestJson.ParseMidpoint(Encoding.UTF8.GetBytes(body)).Value);
    }

    [Fact]
    public void ParseSpread_StringSpread_ReadsExactText() =>
        Assert.Equal("0.02", PolymarketRestJson.ParseSpread("""{"spread":"0.02"}"""u8).Spread);

    [Theory]
    [InlineData("""{"price":"0.999"}""", "0.999")]
    [InlineData("""{"price":0.999}""", "0.999")]
    public void ParsePrice_StringOrNumber_ReadsExactText(string body, string expected) =>
        Assert.Equal(expected, PolymarketRestJson.ParsePrice(Encoding.UTF8.GetBytes(body)).Price);

    [Fact]
    public void ParseTickSize_Number_KeepsExactText() =>
        Assert.Equal("0.001", PolymarketRestJson.ParseTickSize("""{"minimum_tick_size":0.001}"""u8).MinimumTickSize);

    [Fact]
    public void ParseNegRisk_False_ReadsFalse() =>
        Assert.False(PolymarketRestJson.ParseNegRisk("""{"neg_risk":false}"""u8).NegRisk);

    [Fact]
    public void ParseNegRisk_Missing_ThrowsFormatExceptionNamingModel()
    {
        var ex = Assert.Throws<PolymarketFormatException>(() => PolymarketRestJson.ParseNegRisk("{}"u8));

        Assert.Contains(nameof(PolymarketNegRiskResponse), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePricesHistory_Points_ReadsSecondsAndExactPrices()
    {
        var history = PolymarketRestJson.ParsePricesHistory(
            """{"history":[{"t":1697875200,"p":0.5},{"t":1697875260,"p":0.505}]}"""u8);

        Assert.Equal(2, history.History.Count);
        Assert.Equal(1697875200L, history.History[0].Time);
        Assert.Equal("0.505", history.History[1].Price);
    }

    [Fact]
    public void ParseError_DocumentedBody_ReadsMessage()
    {
        var error = PolymarketRestJson.ParseError(
            """{"error":"No orderbook exists for the requested token id"}"""u8);

        Assert.Equal("No orderbook exists for the requested token id", error.Error);
        Assert.Null(error.Code);
        Assert.Null(error.RetryAfterSeconds);
    }

    [Fact]
    public void ParseError_WithCodeAndRetry_ReadsBoth()
    {
        var error = PolymarketRestJson.ParseError("""{"error":"Too Many Requests","code":429,"retry_after_seconds":"2.5"}"""u8);

        Assert.Equal("429", error.Code);
        Assert.Equal(2.5, error.RetryAfterSeconds);
    }

    [Theory]
    [InlineData("<html>429</html>")]
    [InlineData("null")]
    [InlineData("""{"message":"x"}""")]
    public void TryParseError_NotAnErrorBody_ReturnsFalse(string body)
    {
        Assert.False(PolymarketRestJson.TryParseError(Encoding.UTF8.GetBytes(body), out var error));
        Assert.Null(error);
    }

    [Fact]
    public void TryParseError_ErrorBody_ReturnsTrue()
    {
        Assert.True(PolymarketRestJson.TryParseError("""{"error":"Invalid token id"}"""u8, out var error));
        Assert.Equal("Invalid token id", error?.Error);
    }

    [Fact]
    public void SerializeBooksRequest_TwoTokens_WritesTokenIdArray()
    {
        var body = PolymarketRestJson.SerializeBooksRequest(["111", "222"]);

        Assert.Equal("""[{"token_id":"111"},{"token_id":"222"}]""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void SerializeOrderBooks_OneBook_WritesArray()
    {
        var book = new PolymarketOrderBookSummary
        {
            Market = "0x1",
            AssetId = "2",
            Timestamp = "3",
            Hash = "h",
            Bids = [new PolymarketOrderSummary { Price = "0.4", Size = "5" }],
            Asks = [],
        };

        var body = PolymarketRestJson.SerializeOrderBooks([book]);

        Assert.Equal(
            """[{"market":"0x1","asset_id":"2","timestamp":"3","hash":"h","bids":[{"price":"0.4","size":"5"}],"asks":[]}]""",
            Encoding.UTF8.GetString(body));
    }
}
