using System.Net;
using Polytape.Polymarket.Gamma;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Tests.Rest;
using Polytape.TestSupport;

namespace Polytape.Simulator.Tests.Gamma;

/// <summary>The hydration window: Gamma lists a new market (active) before the CLOB has its book.</summary>
public sealed class HydrationTests
{
    [Fact]
    public async Task NewMarket_ListedByGamma_BookArrivesOnlyAfterHydration()
    {
        var clock = new ManualTimeProvider();
        await using var sim = await TestVenue.StartAsync(clock, hydrationDelay: TimeSpan.FromMinutes(1));
        using var gamma = TestVenue.Gamma(sim);
        using var clob = TestVenue.Clob(sim);
        SimulatedMarket market;
        lock (sim.Engine.Gate)
        {
            market = sim.Engine.Universe.Markets.First(m => m.EventStartTime is not null);
            Assert.Equal(MarketStatus.Hydrating, market.Status);
        }

        var listed = Assert.Single(PolymarketGammaJson.ParseMarkets((await gamma.FetchAsync($"markets?slug={market.Slug}")).Body));
        Assert.True(listed.Active);
        Assert.False(listed.Closed);
        Assert.False(listed.AcceptingOrders);
        Assert.Equal([market.Yes.Id, market.No.Id], listed.ClobTokenIds!);

        var (before, beforeBody) = await clob.FetchAsync($"book?token_id={market.Yes.Id}");
        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal("No orderbook exists for the requested token id", PolymarketRestJson.ParseError(beforeBody).Error);
        Assert.Equal(HttpStatusCode.NotFound, (await clob.FetchAsync($"markets/{market.ConditionId}")).Status);
        Assert.DoesNotContain(
            PolymarketRestJson.ParseClobMarketsPage((await clob.FetchAsync("markets")).Body).Data, m => m.ConditionId == market.ConditionId);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        lock (sim.Engine.Gate)
        {
            sim.Engine.AdvanceLifecycle();
            Assert.Equal(MarketStatus.Active, market.Status);
        }

        var (after, afterBody) = await clob.FetchAsync($"book?token_id={market.Yes.Id}");
        Assert.Equal(HttpStatusCode.OK, after);
        var book = PolymarketRestJson.ParseOrderBook(afterBody);
        lock (sim.Engine.Gate)
        {
            Assert.Equal(market.Yes.Hash.ToString(), book.Hash);
        }

        Assert.Equal(market.Yes.Hash, ClobBookEndpointTests.Recompute(book));
        Assert.True(PolymarketGammaJson.ParseMarket((await gamma.FetchAsync($"markets/slug/{market.Slug}")).Body).AcceptingOrders);
        Assert.Equal(HttpStatusCode.OK, (await clob.FetchAsync($"markets/{market.ConditionId}")).Status);
    }
}
