using System.Text;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Discovery;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.Gamma;
using Polytape.Polymarket.MarketChannel;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Universe;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>Discovery against the simulator's Gamma (real HTTP), with the venue and discovery on one manual clock.</summary>
public sealed class MarketDiscoveryTests : IAsyncLifetime
{
    private DiscoveryHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DiscoveryHarness.StartAsync(new UniverseOptions
    {
        Seed = 5,
        BinaryMarkets = 14,
        NegRiskEvents = 2,
        RollingCoins = ["btc", "eth"],
        Recurrences = [RollingRecurrence.FiveMinutes, RollingRecurrence.FifteenMinutes],
    });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_ByTag_CataloguesTheTagsOpenMarketsWithTheirTokensAndFacts()
    {
        var discovery = _harness.Start(o => o with { Tags = ["politics"] });

        var change = await discovery.RefreshAsync();

        var expected = _harness.ConditionIds(m => m.Event.Tags.Contains("Politics"));
        Assert.True(expected.Length > 5);
        Assert.Equal(expected, _harness.Catalogued());
        Assert.Equal(expected, change.Added.Select(m => m.ConditionId).Order(StringComparer.Ordinal));
        Assert.Empty(change.Removed);
        Assert.Same(change, await _harness.Listener.NextAsync());

        var negRisk = _harness.Market(m => m.NegRisk);
        Assert.True(discovery.Catalog.TryGetByAssetId(negRisk.No.Id, out var market));
        Assert.Equal(negRisk.ConditionId, market.ConditionId);
        Assert.True(market.NegRisk);
        Assert.Equal(Price.Parse("0.01"), market.TickSize);
        Assert.Equal(Size.Parse("5"), market.MinOrderSize);
        Assert.Equal([new CatalogToken(negRisk.Yes.Id, "Yes"), new CatalogToken(negRisk.No.Id, "No")], market.Tokens);
        Assert.Equal(expected.Length * 2, discovery.Catalog.TokenCount);
        Assert.Equal(expected.Length * 2, discovery.Statistics.TokensActive);
        Assert.Equal(expected.Length * 2, discovery.Statistics.TokensAdded);
        Assert.Equal(1, discovery.Statistics.Refreshes);
        Assert.Equal(_harness.Time.GetUtcNow(), discovery.Statistics.LastRefreshAt);

        // Each added market is one catalog record in the archive, after the Gamma bodies it came from.
        var records = _harness.Archive.OfType("catalog");
        Assert.Equal(expected.Length, records.Count);
        Assert.All(records, r => Assert.Equal(ArchiveRecordKind.Catalog, r.Kind));
        var written = records.Select(r => JsonDocument.Parse(r.Payload).RootElement).Single(r => r.GetProperty("condition_id").GetString() == negRisk.ConditionId);
        Assert.True(written.GetProperty("neg_risk").GetBoolean());
        Assert.Equal("0.01", written.GetProperty("tick_size").GetString());
        Assert.Equal(negRisk.Yes.Id, written.GetProperty("tokens")[0].GetProperty("asset_id").GetString());
        Assert.NotEmpty(_harness.Archive.OfType("gamma"));
    }

    [Fact]
    public async Task RefreshAsync_BySeries_CataloguesTheOpenWindowsOfThatSeriesOnly()
    {
        var discovery = _harness.Start(o => o with { Series = ["eth-up-or-down-15m"] });

        await discovery.RefreshAsync();

        var expected = _harness.ConditionIds(m => m.Event.SeriesSlug == "eth-up-or-down-15m");
        Assert.Equal(3, expected.Length); // the current window and two ahead
        Assert.Equal(expected, _harness.Catalogued());
    }

    [Fact]
    public async Task RefreshAsync_BySlugAndConditionId_CataloguesExactlyThoseMarkets()
    {
        var bySlug = _harness.Market(m => m.Slug == "politics-outcome-1");
        var byCondition = _harness.Market(m => m.Slug == "nba-outcome-2");
        var discovery = _harness.Start(o => o with { Slugs = [bySlug.Slug, "no-such-market"], ConditionIds = [byCondition.ConditionId] });

        await discovery.RefreshAsync();

        Assert.Equal(new[] { bySlug.ConditionId, byCondition.ConditionId }.Order(StringComparer.Ordinal), _harness.Catalogued());
        Assert.True(discovery.Catalog.TryGetByConditionId(bySlug.ConditionId, out var market));
        Assert.Equal(bySlug.Question, market.Question);
    }

    [Fact]
    public async Task RefreshAsync_AllActive_WalksEveryPageAndFindsEveryOpenMarket()
    {
        var discovery = _harness.Start(o => o with { AllActive = true, PageSize = 5 });

        await discovery.RefreshAsync();

        var expected = _harness.ConditionIds(m => m.Status == MarketStatus.Active);
        Assert.True(expected.Length > 30);
        Assert.Equal(expected, _harness.Catalogued());
        Assert.Equal((expected.Length + 4) / 5, _harness.Gamma!.Statistics.Requests);
    }

    [Fact]
    public async Task RefreshAsync_RollingPattern_HasTheNextWindowsBeforeTheyOpen_AndExpiresEndedOnesAfterTheGrace()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"], ExpiryGrace = TimeSpan.FromMinutes(5) });
        var start = _harness.Time.GetUtcNow();

        await discovery.RefreshAsync();
        Assert.Equal(Slugs(start, 0, 1, 2), CataloguedSlugs(discovery));
        var upcoming = _harness.Market(m => m.Slug == Slug(start, 2));
        Assert.True(upcoming.EventStartTime > _harness.Time.GetUtcNow()); // subscribed before it opens

        // 12:05: the 12:00 window ended; it stays through the grace (emptied book, market_resolved), 12:15 joins.
        _harness.Advance(TimeSpan.FromMinutes(5));
        var change = await discovery.RefreshAsync();
        Assert.Equal([Slug(start, 3)], change.Added.Select(m => m.Slug));
        Assert.Empty(change.Removed);
        Assert.Equal(Slugs(start, 0, 1, 2, 3), CataloguedSlugs(discovery));

        // 12:10: the 12:00 window is past end + grace and goes; 12:20 joins.
        _harness.Advance(TimeSpan.FromMinutes(5));
        change = await discovery.RefreshAsync();
        Assert.Equal([Slug(start, 4)], change.Added.Select(m => m.Slug));
        var removed = Assert.Single(change.Removed);
        Assert.Equal((Slug(start, 0), MarketRemovalReason.Expired), (removed.Market.Slug, removed.Reason));
        Assert.Equal(8, discovery.Statistics.TokensActive);
        Assert.Equal(2, discovery.Statistics.TokensRemoved);

        var tombstone = JsonDocument.Parse(Assert.Single(_harness.Archive.OfType("catalog_removed")).Payload).RootElement;
        Assert.Equal("expired", tombstone.GetProperty("reason").GetString());
        Assert.Equal(removed.Market.ConditionId, tombstone.GetProperty("condition_id").GetString());
    }

    [Fact]
    public async Task RefreshAsync_MarketInItsHydrationWindow_IsHeldBackThenAddedWhenReady()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"] });
        await discovery.RefreshAsync();
        var start = _harness.Time.GetUtcNow();
        _harness.Simulator.Faults.HydrationDelay = TimeSpan.FromSeconds(30);

        _harness.Advance(TimeSpan.FromMinutes(5)); // lists the 12:15 window, not tradable for 30 s
        var change = await discovery.RefreshAsync();
        Assert.Empty(change.Added);
        Assert.Equal(1, discovery.Statistics.MarketsPending);

        _harness.Advance(TimeSpan.FromSeconds(30));
        change = await discovery.RefreshAsync();
        Assert.Equal([Slug(start, 3)], change.Added.Select(m => m.Slug));
        Assert.Equal(0, discovery.Statistics.MarketsPending);
    }

    [Fact]
    public async Task RefreshAsync_NotWaitingForAcceptingOrders_AddsAHydratingMarketAndReportsItReadyAsAChange()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"], WaitForAcceptingOrders = false });
        await discovery.RefreshAsync();
        var start = _harness.Time.GetUtcNow();
        _harness.Simulator.Faults.HydrationDelay = TimeSpan.FromSeconds(30);
        _harness.Advance(TimeSpan.FromMinutes(5));

        var added = Assert.Single((await discovery.RefreshAsync()).Added);
        Assert.Equal(Slug(start, 3), added.Slug);
        Assert.False(added.AcceptingOrders);

        _harness.Advance(TimeSpan.FromSeconds(30));
        var changed = Assert.Single((await discovery.RefreshAsync()).Changed);
        Assert.Same(added, changed.Previous);
        Assert.True(changed.Current.AcceptingOrders);
        Assert.True(discovery.Catalog.TryGetByConditionId(added.ConditionId, out var current));
        Assert.Same(changed.Current, current);
        Assert.Equal(5, _harness.Archive.OfType("catalog").Count); // four added, one changed
    }

    [Fact]
    public async Task RefreshAsync_ResolvedMarket_IsRemoved()
    {
        var market = _harness.Market(m => m.Slug == "politics-outcome-1");
        var discovery = _harness.Start(o => o with { Slugs = [market.Slug] });
        await discovery.RefreshAsync();
        Assert.Single(_harness.Catalogued());

        await Resolve(market.Slug);
        var change = await discovery.RefreshAsync();

        var removed = Assert.Single(change.Removed);
        Assert.Equal(market.ConditionId, removed.Market.ConditionId);
        Assert.Empty(_harness.Catalogued());
        Assert.False(discovery.Catalog.TryGetByAssetId(market.Yes.Id, out _));
    }

    [Fact]
    public async Task RefreshAsync_GammaFails_KeepsTheCatalogAndRecordsTheError()
    {
        var discovery = _harness.Start(o => o with { Tags = ["politics"], RetryMaxAttempts = 0 });
        await discovery.RefreshAsync();
        var before = _harness.Catalogued();

        _harness.Simulator.Faults.RestServerErrorProbability = 1;
        await Assert.ThrowsAsync<GammaRequestException>(() => discovery.RefreshAsync());

        Assert.Equal(before, _harness.Catalogued());
        Assert.Equal(1, discovery.Statistics.RefreshFailures);
        Assert.Contains("503", discovery.Statistics.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RequestRefresh_RefreshesAtOnceWithoutWaitingForTheInterval()
    {
        var market = _harness.Market(m => m.Slug == "politics-outcome-1");
        var discovery = _harness.Start(o => o with { Tags = ["politics"], RefreshInterval = TimeSpan.FromHours(1) });
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        Assert.NotEmpty((await _harness.Listener.NextAsync()).Added);

        await Resolve(market.Slug);
        discovery.RequestRefresh();

        var removed = Assert.Single((await _harness.Listener.NextAsync()).Removed);
        Assert.Equal(market.ConditionId, removed.Market.ConditionId);
        Assert.Equal(2, discovery.Statistics.Refreshes);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_RefreshInterval_IsTimedByTheTimeProvider()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"], RefreshInterval = TimeSpan.FromMinutes(5) });
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        Assert.Equal(3, (await _harness.Listener.NextAsync()).Added.Count);

        _harness.Advance(TimeSpan.FromMinutes(5));

        Assert.Single((await _harness.Listener.NextAsync()).Added);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_MarketResolvedNotice_RemovesTheMarketAtOnceAndKeepsItOut()
    {
        var market = _harness.Market(m => m.Slug == "politics-outcome-1");
        var discovery = _harness.Start(o => o with { Tags = ["politics"], RefreshInterval = TimeSpan.FromHours(1) });
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        await _harness.Listener.NextAsync();

        discovery.OnMarketResolved(market.ConditionId);

        var removed = Assert.Single((await _harness.Listener.NextAsync()).Removed);
        Assert.Equal((market.ConditionId, MarketRemovalReason.Resolved), (removed.Market.ConditionId, removed.Reason));
        Assert.False(discovery.Catalog.TryGetByConditionId(market.ConditionId, out _));

        // Gamma still lists it as open (its lists lag): a refresh must not bring it back.
        var change = await discovery.RefreshAsync();
        Assert.True(change.IsEmpty);
        Assert.False(discovery.Catalog.TryGetByConditionId(market.ConditionId, out _));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_NewMarketNoticeMatchingARollingPattern_AddsItBeforeTheNextRefresh()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"], RefreshInterval = TimeSpan.FromHours(1) });
        var start = _harness.Time.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        await _harness.Listener.NextAsync();

        _harness.Advance(TimeSpan.FromMinutes(5)); // the venue lists 12:15 for btc and eth
        var btc = _harness.Market(m => m.Slug == Slug(start, 3));
        var eth = _harness.Market(m => m.Slug == $"eth-updown-5m-{(start + TimeSpan.FromMinutes(15)).ToUnixTimeSeconds()}");
        discovery.OnNewMarketNotice(eth.ConditionId, eth.Slug, ["Crypto", "Ethereum"]);
        discovery.OnNewMarketNotice(btc.ConditionId, btc.Slug, ["Crypto", "Bitcoin"]);

        var added = Assert.Single((await _harness.Listener.NextAsync()).Added);
        Assert.Equal(btc.ConditionId, added.ConditionId);
        Assert.Equal(1, discovery.Statistics.NoticesIgnored);
        Assert.Equal(1, discovery.Statistics.Refreshes);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_ANoticeFromEveryConnection_IsLookedUpOnce_WithoutOverflowingTheQueue()
    {
        var discovery = _harness.Start(o => o with { RollingPatterns = ["btc-updown-5m"], RefreshInterval = TimeSpan.FromHours(1) });
        var start = _harness.Time.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        await _harness.Listener.NextAsync();

        // The venue broadcasts new_market to every connection: the whole universe's 1,500 connections, more than
        // the notice queue holds, each deliver the same notice.
        _harness.Advance(TimeSpan.FromMinutes(5));
        var btc = _harness.Market(m => m.Slug == Slug(start, 3));
        for (var connection = 0; connection < 5_000; connection++)
        {
            discovery.OnNewMarketNotice(btc.ConditionId, btc.Slug, ["Crypto", "Bitcoin"]);
        }

        var added = Assert.Single((await _harness.Listener.NextAsync()).Added);
        Assert.Equal(btc.ConditionId, added.ConditionId);
        Assert.Equal(0, discovery.Statistics.NoticesDropped);
        Assert.True(discovery.Statistics.NoticesCoalesced > 0);
        Assert.Equal(1, discovery.Statistics.Refreshes);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_NewMarketFrameWithAMatchingTagLabel_IsLookedUpAndAdded()
    {
        var discovery = _harness.Start(o => o with { Tags = ["crypto-prices"], RefreshInterval = TimeSpan.FromHours(1) });
        var start = _harness.Time.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var run = discovery.RunAsync(stop.Token);
        Assert.Equal(12, (await _harness.Listener.NextAsync()).Added.Count); // btc and eth, 5m and 15m, three windows each

        _harness.Advance(TimeSpan.FromMinutes(5));
        var market = _harness.Market(m => m.Slug == Slug(start, 3));
        var frame = Encoding.UTF8.GetBytes(
            $$"""{"id":"{{market.GammaId}}","market":"{{market.ConditionId}}","slug":"{{market.Slug}}","assets_ids":["{{market.Yes.Id}}","{{market.No.Id}}"],"outcomes":["Up","Down"],"event_message":{"slug":"{{market.Slug}}"},"tags":["Crypto","Bitcoin","Crypto Prices"],"timestamp":"1","event_type":"new_market"}""");
        discovery.OnNewMarketNotice(new PolymarketMarketNotice(frame, [])
        {
            EventType = MarketEventType.NewMarket,
            Market = Encoding.UTF8.GetBytes(market.ConditionId),
            RawJson = frame,
        });

        var added = Assert.Single((await _harness.Listener.NextAsync()).Added);
        Assert.Equal(market.ConditionId, added.ConditionId);
        Assert.Equal([market.Yes.Id, market.No.Id], added.Tokens.Select(t => t.AssetId));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static string Slug(DateTimeOffset start, int window) => $"btc-updown-5m-{(start + (TimeSpan.FromMinutes(5) * window)).ToUnixTimeSeconds()}";

    private static string[] Slugs(DateTimeOffset start, params int[] windows) => windows.Select(w => Slug(start, w)).ToArray();

    private static string[] CataloguedSlugs(MarketDiscovery discovery) =>
        discovery.Catalog.Markets().Select(m => m.Slug!).Order(StringComparer.Ordinal).ToArray();

    private async Task Resolve(string slug)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_harness.Simulator.AdminUri, $"markets/{slug}/resolve"), null);
        response.EnsureSuccessStatusCode();
    }
}
