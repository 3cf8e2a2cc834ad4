using System.Globalization;
using System.Net;
using System.Text.Json;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>The small CLOB endpoints agree with the engine's book and keep the venue's JSON types.</summary>
public sealed class ClobPriceEndpointTests
{
    [Fact]
    public async Task PriceEndpoints_AgreeWithTheBook_BuyIsTheBestBid()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var token = ClobBookEndpointTests.StableTokens(sim)[0];
        Price bid, ask, tick;
        bool negRisk;
        lock (sim.Engine.Gate)
        {
            (bid, ask, tick, negRisk) = (token.Book.BestBid, token.Book.BestAsk, token.Market.TickSize, token.Market.NegRisk);
        }

        var mid = PolymarketRestJson.ParseMidpoint((await client.FetchAsync($"midpoint?token_id={token.Id}")).Body);
        Assert.Equal((Units(bid) + Units(ask)) / 2m, decimal.Parse(mid.Value!, CultureInfo.InvariantCulture));
        var spread = PolymarketRestJson.ParseSpread((await client.FetchAsync($"spread?token_id={token.Id}")).Body);
        Assert.Equal(Units(ask) - Units(bid), decimal.Parse(spread.Spread, CultureInfo.InvariantCulture));
        var buy = PolymarketRestJson.ParsePrice((await client.FetchAsync($"price?token_id={token.Id}&side=BUY")).Body);
        Assert.Equal(bid, Price.Parse(buy.Price));
        var sell = PolymarketRestJson.ParsePrice((await client.FetchAsync($"price?token_id={token.Id}&side=SELL")).Body);
        Assert.Equal(ask, Price.Parse(sell.Price));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.FetchAsync($"price?token_id={token.Id}&side=UP")).Status);

        foreach (var path in new[] { $"tick-size?token_id={token.Id}", $"tick-size/{token.Id}" })
        {
            var (_, body) = await client.FetchAsync(path);
            using var document = JsonDocument.Parse(body);
            Assert.Equal(JsonValueKind.Number, document.RootElement.GetProperty("minimum_tick_size").ValueKind);
            Assert.Equal(tick, Price.Parse(PolymarketRestJson.ParseTickSize(body).MinimumTickSize));
        }

        Assert.Equal(negRisk, PolymarketRestJson.ParseNegRisk((await client.FetchAsync($"neg-risk?token_id={token.Id}")).Body).NegRisk);
        var (unknown, unknownBody) = await client.FetchAsync("tick-size?token_id=42");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("market not found", PolymarketRestJson.ParseError(unknownBody).Error);
    }

    [Fact]
    public async Task Markets_PagesWithCursors_AndFindsByConditionId()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);

        var (status, body) = await client.FetchAsync("markets?next_cursor=MA==");
        Assert.Equal(HttpStatusCode.OK, status);
        var page = PolymarketRestJson.ParseClobMarketsPage(body);
        Assert.True(page.IsLastPage);
        Assert.Equal(PolymarketClobMarketsPage.EndCursor, page.NextCursor);
        Assert.Equal(page.Count, page.Data.Count);
        using (var document = JsonDocument.Parse(body))
        {
            var first = document.RootElement.GetProperty("data")[0];
            Assert.Equal(JsonValueKind.Number, first.GetProperty("minimum_tick_size").ValueKind);
            Assert.Equal(JsonValueKind.Number, first.GetProperty("minimum_order_size").ValueKind);
            Assert.Equal(JsonValueKind.Number, first.GetProperty("tokens")[0].GetProperty("price").ValueKind);
        }

        List<SimulatedMarket> markets;
        lock (sim.Engine.Gate)
        {
            markets = sim.Engine.Universe.Markets.Where(m => m.Status != MarketStatus.Hydrating).ToList();
        }

        Assert.Equal(markets.Select(m => m.ConditionId).ToHashSet(), page.Data.Select(m => m.ConditionId).ToHashSet());
        var (endStatus, endBody) = await client.FetchAsync("markets?next_cursor=LTE=");
        Assert.Equal(HttpStatusCode.BadRequest, endStatus);
        Assert.NotNull(PolymarketRestJson.ParseError(endBody).Error);

        var market = markets[0];
        var one = PolymarketRestJson.ParseClobMarket((await client.FetchAsync($"markets/{market.ConditionId}")).Body);
        Assert.Equal(market.Slug, one.MarketSlug);
        Assert.Equal([market.Yes.Id, market.No.Id], one.Tokens!.Select(t => t.TokenId));
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync("markets/0xdead")).Status);
    }

    [Fact]
    public async Task TimeAndOk_Answer()
    {
        await using var sim = await TestVenue.StartAsync();
        using var client = TestVenue.Clob(sim);
        var (status, body) = await client.FetchAsync("time");
        Assert.Equal(HttpStatusCode.OK, status);
        var seconds = long.Parse(TestVenue.Text(body), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 60, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 60);
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync("ok")).Status);
    }

    private static decimal Units(Price price) => price.Units / (decimal)Price.UnitsPerOne;
}
