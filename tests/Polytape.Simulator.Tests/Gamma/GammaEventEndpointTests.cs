using System.Net;
using System.Text.Json;
using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Tests.Rest;

namespace Polytape.Simulator.Tests.Gamma;

/// <summary>Rolling up/down markets are found the ways collectors find them: event slug, market slug, series.</summary>
public sealed class GammaEventEndpointTests
{
    [Fact]
    public async Task RollingWindows_FoundByEventSlug_MarketSlug_AndSeries()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        SimulatedMarket window;
        lock (sim.Engine.Gate)
        {
            window = sim.Engine.Universe.Markets.Where(m => m.EventStartTime is not null && m.Status < MarketStatus.Ended).MaxBy(m => m.EventStartTime)!;
        }

        Assert.Matches("^btc-updown-5m-[0-9]+$", window.Slug);
        Assert.Equal(0, window.EventStartTime!.Value.ToUnixTimeSeconds() % 300);

        var (status, body) = await gamma.FetchAsync($"events?slug={window.Slug}");
        Assert.Equal(HttpStatusCode.OK, status);
        var ev = Assert.Single(PolymarketGammaJson.ParseEvents(body));
        var nested = Assert.Single(ev.Markets!);
        Assert.Equal([window.Yes.Id, window.No.Id], nested.ClobTokenIds!);
        Assert.Equal(["Up", "Down"], nested.Outcomes!);
        Assert.Equal(window.EventStartTime.Value, DateTimeOffset.Parse(nested.EventStartTime!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("btc-up-or-down-5m", Assert.Single(ev.Series!).Slug);
        Assert.Contains(ev.Tags!, t => t.Label == "Up or Down");
        using (var document = JsonDocument.Parse(body))
        {
            // Unlike on markets, event volume and liquidity are numbers.
            Assert.Equal(JsonValueKind.Number, document.RootElement[0].GetProperty("volume").ValueKind);
            Assert.Equal(JsonValueKind.Number, document.RootElement[0].GetProperty("liquidity").ValueKind);
        }

        var bySlug = PolymarketGammaJson.ParseEvent((await gamma.FetchAsync($"events/slug/{window.Slug}")).Body);
        Assert.Equal(ev.Id, bySlug.Id);
        Assert.Equal(ev.Id, PolymarketGammaJson.ParseEvent((await gamma.FetchAsync($"events/{ev.Id}")).Body).Id);
        var market = PolymarketGammaJson.ParseMarket((await gamma.FetchAsync($"markets/slug/{window.Slug}")).Body);
        Assert.Equal(window.ConditionId, market.ConditionId);
        Assert.Equal("crypto_fees_v2", market.FeeType);

        var series = Assert.Single(PolymarketGammaJson.ParseSeriesList((await gamma.FetchAsync("series?slug=btc-up-or-down-5m")).Body));
        Assert.Equal("5m", series.Recurrence);
        Assert.Contains(series.Events!, e => e.Slug == window.Slug);
        var bare = Assert.Single(PolymarketGammaJson.ParseSeriesList((await gamma.FetchAsync("series?slug=btc-up-or-down-5m&exclude_events=true")).Body));
        Assert.Null(bare.Events);
        Assert.Equal(series.Id, PolymarketGammaJson.ParseSeries((await gamma.FetchAsync($"series/{series.Id}")).Body).Id);
    }

    [Fact]
    public async Task Events_NegRiskEventNestsItsMarkets_AndFiltersWork()
    {
        await using var sim = await TestVenue.StartAsync();
        using var gamma = TestVenue.Gamma(sim);
        SimulatedEvent negRisk;
        int events;
        lock (sim.Engine.Gate)
        {
            negRisk = sim.Engine.Universe.Events.Single(e => e.NegRisk);
            events = sim.Engine.Universe.Events.Count;
        }

        var ev = Assert.Single(PolymarketGammaJson.ParseEvents((await gamma.FetchAsync($"events?slug={negRisk.Slug}")).Body));
        Assert.True(ev.NegRisk);
        Assert.Equal(negRisk.Markets.Count, ev.Markets!.Count);
        Assert.All(ev.Markets, m => Assert.Equal(negRisk.NegRiskMarketId, m.NegRiskMarketId));
        Assert.Equal(negRisk.Markets.Select(m => m.ConditionId).Order(), ev.Markets.Select(m => m.ConditionId!).Order());

        var politics = PolymarketGammaJson.ParseEvents((await gamma.FetchAsync("events?tag_slug=politics&limit=100")).Body);
        Assert.Contains(politics, e => e.Slug == negRisk.Slug);
        Assert.All(politics, e => Assert.Contains(e.Tags!, t => t.Slug == "politics"));
        var bySeries = PolymarketGammaJson.ParseEvents((await gamma.FetchAsync("events?series_slug=btc-up-or-down-5m")).Body);
        Assert.NotEmpty(bySeries);
        Assert.All(bySeries, e => Assert.StartsWith("btc-updown-5m-", e.Slug, StringComparison.Ordinal));

        var keyset = PolymarketGammaJson.ParseEventsKeysetPage((await gamma.FetchAsync("events/keyset?limit=100")).Body);
        Assert.True(keyset.IsLastPage);
        Assert.InRange(keyset.Events.Count, events - 2, events + 2);

        var tags = PolymarketGammaJson.ParseTags((await gamma.FetchAsync("tags")).Body);
        var politicsTag = Assert.Single(tags, t => t.Slug == "politics");
        Assert.Equal("Politics", PolymarketGammaJson.ParseTag((await gamma.FetchAsync($"tags/{politicsTag.Id}")).Body).Label);
        Assert.Equal(politicsTag.Id, PolymarketGammaJson.ParseTag((await gamma.FetchAsync("tags/slug/politics")).Body).Id);
        var byTagId = PolymarketGammaJson.ParseEvents((await gamma.FetchAsync($"events?tag_id={politicsTag.Id}&limit=100")).Body);
        Assert.Equal(politics.Select(e => e.Id), byTagId.Select(e => e.Id));
    }
}
