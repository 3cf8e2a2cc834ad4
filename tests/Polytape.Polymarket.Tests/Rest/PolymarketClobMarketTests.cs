using System.Text;
using System.Text.Json;
using Polytape.Polymarket.Rest;
using Polytape.TestSupport;

namespace Polytape.Polymarket.Tests.Rest;

public sealed class PolymarketClobMarketTests
{
    [Fact]
    public void ParseClobMarket_Trump2024_ReadsTokensAndNumbersAsExactText()
    {
        var market = PolymarketRestJson.ParseClobMarket(RealData.ReadAllBytes("nautilus_clob_market_2024.json"));

        Assert.Equal("0xdd22472e552920b8438158ea7238bfadfa4f736aa4cee91a6b86c39ead110917", market.ConditionId);
        Assert.Equal("will-donald-trump-win-the-2024-us-presidential-election", market.MarketSlug);
        Assert.Equal("0.001", market.MinimumTickSize);
        Assert.Equal("5", market.MinimumOrderSize);
        Assert.True(market.NegRisk);
        Assert.Equal("0xe3b1bc389210504ebcb9cffe4b0ed06ccac50561e0f24abb6379984cec030f00", market.NegRiskMarketId);
        Assert.True(market.EnableOrderBook);
        Assert.True(market.AcceptingOrders);
        Assert.Null(market.AcceptingOrderTimestamp);
        Assert.Null(market.GameStartTime);
        Assert.Equal(0, market.SecondsDelay);
        Assert.Equal("0", market.MakerBaseFee);

        Assert.NotNull(market.Tokens);
        Assert.Equal(2, market.Tokens.Count);
        Assert.Equal(
            new PolymarketClobToken
            {
                TokenId = "21742633143463906290569050155826241533067272736897614950488156847949938836455",
                Outcome = "Yes",
                Price = "0.4865",
                Winner = false,
            },
            market.Tokens[0]);
        Assert.Equal("0.5135", market.Tokens[1].Price);

        Assert.NotNull(market.Rewards?.Rates);
        Assert.Equal("750", Assert.Single(market.Rewards.Rates).RewardsDailyRate);
        Assert.Equal("200", market.Rewards.MinSize);
        Assert.Equal("1.5", market.Rewards.MaxSpread);
        Assert.NotNull(market.Tags);
        Assert.Equal(28, market.Tags.Count);
        Assert.Equal("Politics", market.Tags[0]);
        Assert.Null(market.AdditionalProperties);
    }

    [Fact]
    public void ParseClobMarket_Closed2026_ReadsResolution()
    {
        var market = PolymarketRestJson.ParseClobMarket(RealData.ReadAllBytes("nautilus_clob_market_closed_2026-05.json"));

        Assert.Equal("0xd57eed0d44f5b8ca54925d8d6ff440b146b3e6e071da18136ee3ee572d34479e", market.ConditionId);
        Assert.True(market.Closed);
        Assert.True(market.Active);
        Assert.False(market.EnableOrderBook);
        Assert.Equal("2026-04-01T18:22:59Z", market.AcceptingOrderTimestamp);
        Assert.Equal("2026-05-08T20:00:00Z", market.GameStartTime);
        Assert.Equal("0.01", market.MinimumTickSize);
        Assert.False(market.NegRisk);
        Assert.Equal(string.Empty, market.NegRiskMarketId);

        Assert.NotNull(market.Tokens);
        var winner = Assert.Single(market.Tokens, t => t.Winner == true);
        Assert.Equal("Yes", winner.Outcome);
        Assert.Equal("1", winner.Price);
        Assert.Equal("22978793223071892222859460592277435458011604214087068523744633723809814935807", winner.TokenId);
        Assert.Equal("0", market.Tokens.Single(t => t.Winner == false).Price);
        Assert.Equal("3.5", market.Rewards?.MaxSpread);
    }

    [Fact]
    public void SerializeClobMarket_Fixture_WritesNumbersUnquoted()
    {
        var market = PolymarketRestJson.ParseClobMarket(RealData.ReadAllBytes("nautilus_clob_market_2024.json"));

        var json = JsonSerializer.Serialize(market, PolymarketJsonContext.Default.PolymarketClobMarket);

        Assert.Contains("\"minimum_tick_size\":0.001", json, StringComparison.Ordinal);
        Assert.Contains("\"price\":0.4865", json, StringComparison.Ordinal);
        Assert.Contains("\"max_spread\":1.5", json, StringComparison.Ordinal);
        Assert.Equal(market.Tokens, PolymarketRestJson.ParseClobMarket(Encoding.UTF8.GetBytes(json)).Tokens);
    }

    [Fact]
    public void ParseClobMarket_UnknownKeys_KeptInAdditionalProperties()
    {
        var market = PolymarketRestJson.ParseClobMarket(
            """{"condition_id":"0x1","rewards":{"rates":null,"min_size":0,"max_spread":0},"new_flag":true}"""u8);

        Assert.NotNull(market.AdditionalProperties);
        Assert.True(market.AdditionalProperties["new_flag"].GetBoolean());
        Assert.Null(market.Rewards?.Rates);
        Assert.Null(market.Tokens);
    }

    [Fact]
    public void ParseClobMarketsPage_Envelope_ReadsCursorAndMarkets()
    {
        var market = RealData.ReadAllText("nautilus_clob_market_closed_2026-05.json");
        var body = Encoding.UTF8.GetBytes(
            $$"""{"limit":1000,"count":1,"next_cursor":"{{PolymarketClobMarketsPage.EndCursor}}","data":[{{market}}]}""");

        var page = PolymarketRestJson.ParseClobMarketsPage(body);

        Assert.Equal(1000, page.Limit);
        Assert.Equal(1, page.Count);
        Assert.True(page.IsLastPage);
        Assert.Equal("russia-x-ukraine-ceasefire-by-end-of-2027", Assert.Single(page.Data).MarketSlug);
    }

    [Fact]
    public void ParseClobMarketsPage_MiddleCursor_IsNotLastPage()
    {
        var page = PolymarketRestJson.ParseClobMarketsPage("""{"limit":1000,"count":0,"next_cursor":"MTAwMA==","data":[]}"""u8);

        Assert.False(page.IsLastPage);
        Assert.Equal("MA==", PolymarketClobMarketsPage.FirstCursor);
    }

    [Fact]
    public void ParseClobMarket_TokensIsString_ThrowsFormatExceptionNamingModel()
    {
        var ex = Assert.Throws<PolymarketFormatException>(
            () => PolymarketRestJson.ParseClobMarket("""{"condition_id":"0x1","tokens":"none"}"""u8));

        Assert.Equal(nameof(PolymarketClobMarket), ex.ModelName);
        Assert.Contains("$.tokens", ex.Message, StringComparison.Ordinal);
    }
}
