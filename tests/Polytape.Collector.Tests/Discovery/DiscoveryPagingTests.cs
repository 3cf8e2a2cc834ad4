using Polytape.Collector.Discovery;
using Polytape.Polymarket.Gamma;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>
/// A refresh reduces Gamma's answer a page at a time: what it finds, keeps, drops and archives, and how a bad page
/// fails, against canned pages (shapes the simulator does not send).
/// </summary>
public sealed class DiscoveryPagingTests : IDisposable
{
    private readonly CannedGamma _venue = new();
    private readonly HttpClient _http;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingArchiveAppender _archive = new();
    private readonly GammaClient _gamma;
    private readonly MarketDiscovery _discovery;

    public DiscoveryPagingTests()
    {
        _http = new HttpClient(_venue);
        var options = new DiscoveryOptions { GammaUri = CannedGamma.BaseUri, AllActive = true, RetryMaxAttempts = 0 };
        _gamma = new GammaClient(_http, options, _time, _archive);
        _discovery = new MarketDiscovery(_gamma, options, new RecordingDiscoveryListener(), _time, _archive);
    }

    public void Dispose()
    {
        _discovery.Dispose();
        _gamma.Dispose();
        _http.Dispose();
        _venue.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_ThreePages_FindsAMarketListedOnlyOnTheLastPage_AndArchivesEveryBodyAsServed()
    {
        _venue.SetPages([CannedGamma.Market(1), CannedGamma.Market(2)], [CannedGamma.Market(3)], [CannedGamma.Market(4)]);

        var change = await _discovery.RefreshAsync();

        Assert.Equal(4, change.Added.Count);
        Assert.True(_discovery.Catalog.TryGetByConditionId(CannedGamma.ConditionId(4), out var last));
        Assert.Equal(["401", "402"], last.Tokens.Select(t => t.AssetId));
        Assert.Equal("Will 4 happen?", last.Question);
        Assert.Equal(3, _gamma.Statistics.Requests);
        // Only the in-memory parse is compact: the archive holds each body byte for byte.
        Assert.Equal(_venue.Served, _archive.OfType(GammaClient.ArchiveEventType).Select(r => r.Payload.ToArray()));
    }

    [Fact]
    public async Task RefreshAsync_OverMarketsDiscoveryDoesNotKnow_AreNotAdded_AndACataloguedOneThatCloses_IsRemovedAsClosed()
    {
        _venue.SetPages(
            [CannedGamma.Market(1), CannedGamma.Market(2)],
            [CannedGamma.Market(3, "\"closed\":true"), CannedGamma.Market(4, "\"enableOrderBook\":false"), CannedGamma.Market(5, "\"archived\":true")],
            [CannedGamma.Market(6)]);
        await _discovery.RefreshAsync();
        Assert.Equal([CannedGamma.ConditionId(1), CannedGamma.ConditionId(2), CannedGamma.ConditionId(6)], Catalogued());
        Assert.Equal(0, _discovery.Statistics.MarketsPending);

        _venue.SetPages([CannedGamma.Market(1)], [CannedGamma.Market(2, "\"enableOrderBook\":false")], [CannedGamma.Market(6)]);
        var change = await _discovery.RefreshAsync();

        var removed = Assert.Single(change.Removed);
        Assert.Equal(CannedGamma.ConditionId(2), removed.Market.ConditionId);
        Assert.Equal(MarketRemovalReason.Closed, removed.Reason);
        Assert.Equal([CannedGamma.ConditionId(1), CannedGamma.ConditionId(6)], Catalogued());
    }

    [Fact]
    public async Task Keep_DropsOverMarketsDiscoveryDoesNotKnow_AndReusesTheCatalogInstanceOfAnUnchangedMarket()
    {
        _venue.SetPages([CannedGamma.Market(1)]);
        await _discovery.RefreshAsync();
        Assert.True(_discovery.Catalog.TryGetByConditionId(CannedGamma.ConditionId(1), out var catalogued));
        var listed = new Dictionary<string, ListedMarket>(StringComparer.OrdinalIgnoreCase)
        {
            // Listed open earlier in the walk, closed later: the later listing wins, and closed-and-unknown is nothing.
            [CannedGamma.ConditionId(3)] = ListedMarket.From(Parse(CannedGamma.Market(3))),
        };

        _discovery.Keep(listed, [Parse(CannedGamma.Market(1)), Parse(CannedGamma.Market(2, "\"closed\":true")), Parse(CannedGamma.Market(3, "\"closed\":true"))]);

        var kept = Assert.Single(listed);
        Assert.Same(catalogued, kept.Value.Market);
    }

    [Fact]
    public async Task RefreshAsync_MalformedTokenIdsOnPageThree_FailsNamingTheField_AndKeepsTheCatalog()
    {
        _venue.SetPages([CannedGamma.Market(1)], [CannedGamma.Market(2)], [CannedGamma.Market(3)]);
        await _discovery.RefreshAsync();
        var before = Catalogued();

        _venue.SetPages([CannedGamma.Market(1)], [CannedGamma.Market(2)], [CannedGamma.Market(3, "\"clobTokenIds\":\"[\\\"301\\\", 302\"")]);
        var ex = await Assert.ThrowsAsync<GammaRequestException>(() => _discovery.RefreshAsync());

        Assert.Contains("clobTokenIds", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(PolymarketGammaListedMarketsPage), ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Catalogued());
        Assert.Equal(1, _discovery.Statistics.RefreshFailures);
        // The bad body is archived too, as received: the archive is where it can be looked at.
        Assert.Equal(_venue.Served[^1], _archive.OfType(GammaClient.ArchiveEventType)[^1].Payload.ToArray());
    }

    [Fact]
    public async Task RefreshAsync_MalformedFieldDiscoveryDoesNotRead_IsSkippedWithoutFailing()
    {
        // Description, prices and nested events are skipped unread, so a change of their shape cannot stop discovery.
        _venue.SetPages([CannedGamma.Market(1, "\"description\":5,\"events\":\"not a list\",\"outcomePrices\":{\"x\":1}")]);

        var change = await _discovery.RefreshAsync();

        Assert.Equal(CannedGamma.ConditionId(1), Assert.Single(change.Added).ConditionId);
    }

    private static PolymarketGammaListedMarket Parse(string market) =>
        Assert.Single(PolymarketGammaJson.ParseListedMarkets(System.Text.Encoding.UTF8.GetBytes("[" + market + "]")));

    private string[] Catalogued() =>
        _discovery.Catalog.Markets().Select(m => m.ConditionId).Order(StringComparer.Ordinal).ToArray();
}
