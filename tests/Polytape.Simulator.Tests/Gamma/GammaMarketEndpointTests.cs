using System.Net;
using System.Text.Json;
using Polytape.Polymarket.Gamma;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Tests.Rest;

namespace Polytape.Simulator.Tests.Gamma;

/// <summary>Gamma markets in the venue's shape and with its pitfalls: JSON-string arrays, closed=false by default, offset ceiling.</summary>
public sealed class GammaMarketEndpointTests
{
    [Fact]
    public async Task Markets_JsonStringFields_DecodeToTheEnginesTokens()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        var (status, body) = await gamma.FetchAsync("markets?limit=100");
        Assert.Equal(HttpStatusCode.OK, status);

        using (var document = JsonDocument.Parse(body))
        {
            var first = document.RootElement[0];
            foreach (var key in new[] { "clobTokenIds", "outcomes", "outcomePrices", "volume", "id", "endDate" })
            {
                Assert.Equal(JsonValueKind.String, first.GetProperty(key).ValueKind);
            }

            foreach (var key in new[] { "orderPriceMinTickSize", "orderMinSize", "bestBid", "bestAsk", "lastTradePrice" })
            {
                Assert.Equal(JsonValueKind.Number, first.GetProperty(key).ValueKind);
            }

            Assert.StartsWith("[\"", first.GetProperty("clobTokenIds").GetString(), StringComparison.Ordinal);
        }

        var markets = PolymarketGammaJson.ParseMarkets(body);
        Dictionary<string, SimulatedMarket> open;
        lock (sim.Engine.Gate)
        {
            open = sim.Engine.Universe.Markets.Where(m => m.Status < MarketStatus.Ended).ToDictionary(m => m.ConditionId);
        }

        Assert.Equal(open.Keys.ToHashSet(), markets.Select(m => m.ConditionId!).ToHashSet());
        foreach (var market in markets)
        {
            var engine = open[market.ConditionId!];
            Assert.Equal([engine.Yes.Id, engine.No.Id], market.ClobTokenIds!);
            Assert.Equal([engine.Yes.Outcome, engine.No.Outcome], market.Outcomes!);
            Assert.Equal(2, market.OutcomePrices!.Count);
            Assert.Equal(engine.TickSize.ToString(), market.OrderPriceMinTickSize);
            Assert.Equal(engine.Slug, market.Slug);
            Assert.True(market.Active);
            Assert.False(market.Closed);
            Assert.Equal(engine.Event.Slug, Assert.Single(market.Events!).Slug);
            Assert.True(DateTimeOffset.TryParse(market.EndDate, System.Globalization.CultureInfo.InvariantCulture, out _));
        }
    }

    [Fact]
    public async Task Markets_ClosedDefaultsToFalse_ResolvedMarketsNeedClosedTrue()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        using var clob = TestVenue.Clob(sim);
        SimulatedMarket resolved;
        lock (sim.Engine.Gate)
        {
            resolved = sim.Engine.Universe.Markets.First(m => m.EventStartTime is null);
            sim.Engine.ResolveNow(resolved);
        }

        var open = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?limit=100")).Body);
        Assert.DoesNotContain(open, m => m.Slug == resolved.Slug);
        Assert.Empty(PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync($"markets?slug={resolved.Slug}")).Body));

        var closed = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?closed=true")).Body);
        Assert.All(closed, m => Assert.True(m.Closed));
        var market = Assert.Single(closed, m => m.Slug == resolved.Slug);
        Assert.True(market.Active);
        Assert.True(market.Closed);
        Assert.Equal("resolved", market.UmaResolutionStatus);
        Assert.Equal(ReferenceEquals(resolved.Winner, resolved.Yes) ? ["1", "0"] : ["0", "1"], market.OutcomePrices!);

        var bySlug = PolymarketGammaJson.ParseMarket((await gamma.FetchAsync($"markets/slug/{resolved.Slug}")).Body);
        Assert.True(bySlug.Closed);
        Assert.Equal(bySlug.Id, PolymarketGammaJson.ParseMarket((await gamma.FetchAsync($"markets/{bySlug.Id}")).Body).Id);

        // Books are removed at resolution.
        var (book, bookBody) = await clob.FetchAsync($"book?token_id={resolved.Yes.Id}");
        Assert.Equal(HttpStatusCode.NotFound, book);
        Assert.Equal("No orderbook exists for the requested token id", PolymarketRestJson.ParseError(bookBody).Error);
    }

    [Theory]
    [InlineData("markets?offset=2001", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets?offset=2000", HttpStatusCode.OK)]
    [InlineData("events?offset=2001", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets?closed=maybe", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets?end_date_min=yesterday", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets/keyset?offset=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets/keyset?limit=0", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets/keyset?limit=101", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets/keyset?after_cursor=not-a-cursor!", HttpStatusCode.UnprocessableEntity)]
    [InlineData("markets/999999999", HttpStatusCode.NotFound)]
    [InlineData("markets/slug/no-such-market", HttpStatusCode.NotFound)]
    public async Task Markets_Validation(string path, HttpStatusCode expected)
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        var (status, body) = await gamma.FetchAsync(path);
        Assert.Equal(expected, status);
        if (expected != HttpStatusCode.OK)
        {
            Assert.NotEmpty(PolymarketRestJson.ParseError(body).Error);
        }
    }

    [Fact]
    public async Task Keyset_WalkVisitsEveryOpenMarketExactlyOnce()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        HashSet<string> openBefore;
        lock (sim.Engine.Gate)
        {
            openBefore = sim.Engine.Universe.Markets.Where(m => m.Status < MarketStatus.Ended).Select(m => m.GammaId).ToHashSet();
        }

        var visited = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = cursor is null ? "markets/keyset?limit=2" : $"markets/keyset?limit=2&after_cursor={Uri.EscapeDataString(cursor)}";
            var page = PolymarketGammaJson.ParseMarketsKeysetPage((await gamma.FetchAsync(path)).Body);
            Assert.InRange(page.Markets.Count, 1, 2);
            visited.AddRange(page.Markets.Select(m => m.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Equal(visited.Count, visited.Distinct().Count());
        HashSet<string> openAfter;
        lock (sim.Engine.Gate)
        {
            openAfter = sim.Engine.Universe.Markets.Where(m => m.Status < MarketStatus.Ended).Select(m => m.GammaId).ToHashSet();
        }

        // Markets open throughout the walk were all seen (a rolling window may end or be listed meanwhile).
        Assert.Subset(visited.ToHashSet(), openBefore.Intersect(openAfter).ToHashSet());
        Assert.True(pages > 5);
    }

    [Fact]
    public async Task Markets_FiltersAndOrder()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        List<SimulatedMarket> markets;
        lock (sim.Engine.Gate)
        {
            markets = sim.Engine.Universe.Markets.Where(m => m.Status < MarketStatus.Ended).ToList();
        }

        var pair = markets.Take(2).ToList();
        var byTokens = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync($"markets?clob_token_ids={pair[0].No.Id}&clob_token_ids={pair[1].Yes.Id}")).Body);
        Assert.Equal(pair.Select(m => m.Slug).Order(), byTokens.Select(m => m.Slug).Order());
        var byConditions = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync($"markets?condition_ids={pair[0].ConditionId}&condition_ids={pair[1].ConditionId}")).Body);
        Assert.Equal(2, byConditions.Count);

        var crypto = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?tag_slug=crypto&include_tag=true")).Body);
        Assert.NotEmpty(crypto);
        Assert.All(crypto, m => Assert.Contains(m.Tags!, t => t.Slug == "crypto"));
        Assert.Equal(markets.Count(m => m.EventStartTime is not null), crypto.Count);

        var byEnd = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?limit=100&order=endDate&ascending=false")).Body);
        var ends = byEnd.Select(m => DateTimeOffset.Parse(m.EndDate!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ends.OrderDescending(), ends);

        // snake_case is ignored: the default (id) order.
        var snake = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?limit=100&order=end_date&ascending=false")).Body);
        Assert.Equal(snake.Select(m => long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)).OrderDescending(), snake.Select(m => long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)));

        var limited = PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync("markets?limit=3&offset=2")).Body);
        Assert.Equal(3, limited.Count);
    }
}
