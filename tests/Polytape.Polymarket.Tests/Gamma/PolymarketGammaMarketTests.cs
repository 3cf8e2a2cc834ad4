using System.Text;
using System.Text.Json;
using Polytape.Polymarket.Gamma;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.Gamma;

public sealed class PolymarketGammaMarketTests
{
    private const string BtcFiveMinuteFile = "ligengxin96_gamma_btc5m_markets_2026-07-24.jsonl.gz";

    [Fact]
    public void ParseMarket_Live2026_DecodesEncodedArraysAndNumbers()
    {
        var market = PolymarketGammaJson.ParseMarket(RealData.ReadAllBytes("nautilus_gamma_market_live_2026-06.json"));

        Assert.Equal("559652", market.Id);
        Assert.Equal("0x0f49db97f71c68b1e42a6d16e3de93d85dbf7d4148e3f018eb79e88554be9f75", market.ConditionId);
        Assert.Equal(
            [
                "54533043819946592547517511176940999955633860128497669742211153063842200957669",
                "87854174148074652060467921081181402357467303721471806610111179101805869578687",
            ],
            market.ClobTokenIds);
        Assert.Equal(["Yes", "No"], market.Outcomes);
        Assert.Equal(["0.2325", "0.7675"], market.OutcomePrices);
        Assert.Equal("0.001", market.OrderPriceMinTickSize);
        Assert.Equal("5", market.OrderMinSize);
        Assert.True(market.NegRisk);
        Assert.Equal("0x2c3d7e0eee6f058be3006baabf0d54a07da254ba47fe6e3e095e7990c7814700", market.NegRiskMarketId);
        Assert.Equal("25814545.294374414", market.Volume);
        Assert.Equal("230438.22824", market.Liquidity);
        Assert.Equal("politics_fees", market.FeeType);
        Assert.Equal("0.04", market.FeeSchedule?.Rate);
        Assert.Equal("0.25", market.FeeSchedule?.RebateRate);
        Assert.True(market.FeeSchedule?.TakerOnly);
        Assert.Equal("1000", market.MakerBaseFee);
        Assert.Equal("0.232", market.BestBid);

        var parent = Assert.Single(market.Events!);
        Assert.Equal("30829", parent.Id);
        Assert.Equal("democratic-presidential-nominee-2028", parent.Slug);
        Assert.Equal("64486079.62132", parent.Liquidity);
        Assert.Null(parent.Markets);

        // Fields the model does not name survive in the extension data.
        Assert.NotNull(market.AdditionalProperties);
        Assert.Equal(JsonValueKind.Array, market.AdditionalProperties["clobRewards"].ValueKind);
    }

    [Fact]
    public void ParseMarket_Closed2026_ReadsResolutionFields()
    {
        var market = PolymarketGammaJson.ParseMarket(RealData.ReadAllBytes("nautilus_gamma_market_closed_2026-05.json"));

        Assert.Equal("1812085", market.Id);
        Assert.True(market.Closed);
        Assert.True(market.Active);
        Assert.True(market.AcceptingOrders);
        Assert.Equal(["1", "0"], market.OutcomePrices);
        Assert.Equal(["Yes", "No"], market.Outcomes);
        Assert.Equal(
            "22978793223071892222859460592277435458011604214087068523744633723809814935807",
            market.ClobTokenIds?[0]);
        Assert.Equal("2026-05-09 02:07:01+00", market.ClosedTime);
        Assert.Equal("0.01", market.OrderPriceMinTickSize);
        Assert.Null(market.FeeType);
        Assert.Null(market.Events);
        Assert.Null(market.Liquidity);
        Assert.Null(market.UmaResolutionStatus);
    }

    [Fact]
    public void ParseMarket_ClosedGammaAndClob_AgreeOnTokens()
    {
        var gamma = PolymarketGammaJson.ParseMarket(RealData.ReadAllBytes("nautilus_gamma_market_closed_2026-05.json"));
        var clob = Polytape.Polymarket.Rest.PolymarketRestJson.ParseClobMarket(
            RealData.ReadAllBytes("nautilus_clob_market_closed_2026-05.json"));

        Assert.Equal(clob.ConditionId, gamma.ConditionId);
        Assert.Equal(clob.Tokens!.Select(t => t.TokenId), gamma.ClobTokenIds!);
        Assert.Equal(clob.Tokens!.Select(t => t.Outcome!), gamma.Outcomes!);
        Assert.Equal(clob.MinimumTickSize, gamma.OrderPriceMinTickSize);
    }

    [Fact]
    public void ParseMarket_EveryBtcFiveMinuteRaw_HasTokensSlugAndTick()
    {
        var lines = RealData.ReadGzipLines(BtcFiveMinuteFile);
        Assert.Equal(292, lines.Count);

        foreach (var line in lines)
        {
            using var row = JsonDocument.Parse(line);
            var market = PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(row.RootElement.GetProperty("raw").GetRawText()));

            Assert.Equal(2, market.ClobTokenIds?.Count);
            Assert.Equal(
                row.RootElement.GetProperty("token_ids").EnumerateArray().Select(t => t.GetString()!),
                market.ClobTokenIds!);
            Assert.Equal(["Up", "Down"], market.Outcomes);
            Assert.StartsWith("btc-updown-5m-", market.Slug, StringComparison.Ordinal);
            Assert.NotNull(market.OrderPriceMinTickSize);
            Assert.Equal("5", market.OrderMinSize);
            Assert.False(market.NegRisk);
            Assert.Equal(row.RootElement.GetProperty("condition_id").GetString(), market.ConditionId);
        }
    }

    [Fact]
    public void ParseMarket_FirstBtcFiveMinuteRaw_ReadsFeesAndResolution()
    {
        using var row = JsonDocument.Parse(RealData.ReadGzipLines(BtcFiveMinuteFile)[0]);

        var market = PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(row.RootElement.GetProperty("raw").GetRawText()));

        Assert.Equal("3047949", market.Id);
        Assert.Equal("btc-updown-5m-1784850900", market.Slug);
        Assert.Equal("2026-07-23T23:55:00Z", market.EventStartTime);
        Assert.Equal("crypto_fees_v2", market.FeeType);
        Assert.Equal("0.07", market.FeeSchedule?.Rate);
        Assert.Equal("resolved", market.UmaResolutionStatus);
        Assert.True(market.AutomaticallyResolved);
        Assert.Equal("0.001", market.OrderPriceMinTickSize);
        Assert.Equal("79945.98005599984", market.Volume);
        Assert.Equal("79945.98005599984", market.VolumeNum);
        Assert.Equal(["1", "0"], market.OutcomePrices);
    }

    [Theory]
    [InlineData("""{"id":"1","outcomes":["Yes","No"]}""", new[] { "Yes", "No" })]
    [InlineData("""{"id":"1","outcomes":""}""", new string[0])]
    [InlineData("""{"id":"1","outcomes":"[]"}""", new string[0])]
    [InlineData("""{"id":"1","outcomes":"[\"Yes\",\"No\"]"}""", new[] { "Yes", "No" })]
    [InlineData("""{"id":"1","outcomes":"[0.5, 0.5]"}""", new[] { "0.5", "0.5" })]
    public void ParseMarket_EncodedArrayVariants_DecodeToList(string body, string[] expected)
    {
        Assert.Equal(expected, PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(body)).Outcomes);
    }

    [Theory]
    [InlineData("""{"id":"1","outcomes":null}""")]
    [InlineData("""{"id":"1"}""")]
    public void ParseMarket_EncodedArrayNullOrAbsent_IsNull(string body)
    {
        Assert.Null(PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(body)).Outcomes);
    }

    [Fact]
    public void ParseMarket_NumericId_KeptAsText() =>
        Assert.Equal("559652", PolymarketGammaJson.ParseMarket("""{"id":559652}"""u8).Id);

    [Fact]
    public void SerializeMarket_EncodedArrays_ReencodedAsVenueSendsThem()
    {
        var market = PolymarketGammaJson.ParseMarket(RealData.ReadAllBytes("nautilus_gamma_market_closed_2026-05.json"));

        var json = JsonSerializer.Serialize(market, PolymarketJsonContext.Default.PolymarketGammaMarket);
        using var document = JsonDocument.Parse(json);

        Assert.Equal("[\"Yes\", \"No\"]", document.RootElement.GetProperty("outcomes").GetString());
        Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("orderPriceMinTickSize").ValueKind);
        Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("volume").ValueKind);
        Assert.Equal(market.ClobTokenIds, PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(json)).ClobTokenIds);
    }

    [Theory]
    [InlineData("""{"id":"1","clobTokenIds":"not json"}""")]
    [InlineData("""{"id":"1","clobTokenIds":"[\"1\", \"2\""}""")]
    [InlineData("""{"id":"1","clobTokenIds":"{\"a\":1}"}""")]
    [InlineData("""{"id":"1","clobTokenIds":"[\"1\"] [\"2\"]"}""")]
    [InlineData("""{"id":"1","clobTokenIds":"[[\"1\"]]"}""")]
    [InlineData("""{"id":"1","clobTokenIds":true}""")]
    public void ParseMarket_BadEncodedArray_ThrowsFormatExceptionNamingModelAndField(string body)
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketGammaJson.ParseMarket(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(nameof(PolymarketGammaMarket), ex.ModelName);
        Assert.Contains(nameof(PolymarketGammaMarket), ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.clobTokenIds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMarket_MissingId_ThrowsFormatException()
    {
        var ex = Assert.Throws<PolymarketFormatException>(() => PolymarketGammaJson.ParseMarket("""{"slug":"x"}"""u8));

        Assert.Contains("id", ex.Message, StringComparison.Ordinal);
    }
}
