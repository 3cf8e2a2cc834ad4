using System.Text.Json;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Tests.Rest;

namespace Polytape.Simulator.Tests.Gamma;

/// <summary>
/// The simulator writes a Gamma market's keys in one fixed order (the venue's order in the captures, protocol §10), on
/// every route that serves markets. Pinned here because the order follows the wire model's declarations: a change to
/// that model (a base type, a moved property) must not reorder what the simulator sends.
/// </summary>
public sealed class GammaMarketKeyOrderTests
{
    private static readonly string[] KeyOrder =
    [
        "id", "question", "conditionId", "questionID", "slug", "description", "resolutionSource", "startDate", "endDate",
        "eventStartTime", "endDateIso", "createdAt", "updatedAt", "acceptingOrdersTimestamp", "closedTime", "active", "closed",
        "archived", "restricted", "enableOrderBook", "acceptingOrders", "clobTokenIds", "outcomes", "outcomePrices",
        "orderPriceMinTickSize", "orderMinSize", "negRisk", "negRiskMarketID", "negRiskRequestID", "groupItemTitle",
        "umaResolutionStatus", "automaticallyResolved", "feesEnabled", "feeType", "feeSchedule", "makerBaseFee", "takerBaseFee",
        "bestBid", "bestAsk", "spread", "lastTradePrice", "volume", "liquidity", "volumeNum", "liquidityNum", "volume24hr",
        "rewardsMinSize", "rewardsMaxSpread", "events", "tags",
    ];

    [Fact]
    public async Task Markets_by_slug_in_lists_and_in_events_keep_the_wire_key_order()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        SimulatedMarket rolling, negRisk, binary;
        lock (sim.Engine.Gate)
        {
            rolling = sim.Engine.Universe.Markets.First(m => m.EventStartTime is not null && m.Status == MarketStatus.Active);
            negRisk = sim.Engine.Universe.Markets.First(m => m.NegRisk);
            binary = sim.Engine.Universe.Markets.First(m => m.EventStartTime is null && !m.NegRisk);
        }

        var markets = new List<JsonElement>();
        foreach (var market in new[] { rolling, negRisk, binary })
        {
            markets.Add(Parse((await gamma.FetchAsync($"markets/slug/{market.Slug}?include_tag=true")).Body));
        }

        markets.AddRange(Parse((await gamma.FetchAsync("markets?limit=5")).Body).EnumerateArray());
        markets.AddRange(Parse((await gamma.FetchAsync($"events/slug/{negRisk.Event.Slug}")).Body).GetProperty("markets").EnumerateArray());

        Assert.True(markets.Count >= 8, $"only {markets.Count} markets served");
        Assert.Contains(markets, m => m.TryGetProperty("events", out _));
        Assert.Contains(markets, m => m.TryGetProperty("tags", out _));
        foreach (var market in markets)
        {
            var keys = market.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(KeyOrder.Where(keys.Contains), keys);
        }
    }

    private static JsonElement Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
