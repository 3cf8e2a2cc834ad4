using Polytape.Archive;
using Polytape.Collector.Feed;
using Polytape.Collector.Rest;
using Polytape.Collector.Tests.Ingest;
using Polytape.Collector.Verification;
using Polytape.Domain.Books;
using Polytape.Domain.Continuity;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Tests.Verification;

/// <summary>The REST verifier against the simulator's /books, with live feeds and the ingest pipeline.</summary>
public sealed class RestVerifierTests
{
    [Fact]
    public async Task HealthyBooks_AllMatchTheVenue_AndEveryRestBodyIsArchived()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 10);
        await ingest.RunAsync(ingest.Tokens[..18]);
        ingest.Step(500);
        await ingest.BarrierAsync(ingest.Tokens[18]);
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        var resync = new FeedResync(ingest.Feeds[0]);
        var verifier = new RestVerifier(ingest.Pipeline, rest, resync, TimeProvider.System, new RestVerifierOptions { SampleSize = 100, RecheckDelay = TimeSpan.Zero });

        var verdicts = await verifier.VerifyOnceAsync();

        Assert.Equal(19, verdicts.Count);
        Assert.All(verdicts.Values, v => Assert.Equal(BookVerdict.Match, v));
        Assert.Equal(19, verifier.Matches);
        Assert.Equal(0, verifier.Mismatches);
        Assert.Empty(resync.Requested);
        Assert.Contains(ingest.Archive.Records, r => r.Kind == ArchiveRecordKind.Rest && r.EventType == "rest_books" && r.Context!.EndsWith("/books", StringComparison.Ordinal) && r.Payload.StartsWith('['));
    }

    [Fact]
    public async Task Comparisons_TakeOneIngestTurnPerBatch_AndStillCoverEveryBook()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 10);
        await ingest.RunAsync(ingest.Tokens[..18]);
        await ingest.BarrierAsync(ingest.Tokens[18]);
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        var options = new RestVerifierOptions { SampleSize = 100, RecheckDelay = TimeSpan.Zero, CompareBatchSize = 5 };
        var verifier = new RestVerifier(ingest.Pipeline, rest, new FeedResync(ingest.Feeds[0]), TimeProvider.System, options);

        var verdicts = await verifier.VerifyOnceAsync();

        // 19 books in batches of 5: four turns, and every book compared once.
        Assert.Equal(19, verdicts.Count);
        Assert.Equal(4, verifier.CompareTurns);
        Assert.Equal(19, verifier.Checks);
        Assert.All(verdicts.Values, v => Assert.Equal(BookVerdict.Match, v));
    }

    [Fact]
    public void CompareBatchSize_MustBePositive() =>
        Assert.Contains("CompareBatchSize", Assert.Throws<ArgumentException>(() => new RestVerifierOptions { CompareBatchSize = 0 }.Validate()).Message);

    [Fact]
    public async Task RotatingSample_ChecksEveryLiveAssetOverRounds()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 5);
        await ingest.RunAsync(ingest.Tokens);
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        var verifier = new RestVerifier(ingest.Pipeline, rest, new FeedResync(ingest.Feeds[0]), TimeProvider.System, new RestVerifierOptions { SampleSize = 4 });

        var seen = new HashSet<string>();
        for (var round = 0; round < 3; round++)
        {
            var verdicts = await verifier.VerifyOnceAsync();
            Assert.Equal(4, verdicts.Count);
            seen.UnionWith(verdicts.Keys);
        }

        Assert.Equal(ingest.Tokens.ToHashSet(), seen);
    }

    [Fact]
    public async Task DivergedBook_IsFound_MadeSuspect_Resynced_AndLiveAgain()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 10);
        await ingest.RunAsync(ingest.Tokens);
        var victim = ingest.Tokens[3];

        // Corrupt the local book as a missed update would: one level the venue does not have.
        await ingest.Pipeline.InvokeAsync(keeper =>
        {
            keeper.TryGetAsset(victim, out var asset);
            return asset.Book.Set(Side.Bid, Price.Parse("0.01"), Size.Parse("12345"));
        });
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        var resync = new FeedResync(ingest.Feeds[0]);
        var verifier = new RestVerifier(ingest.Pipeline, rest, resync, TimeProvider.System, new RestVerifierOptions { SampleSize = 100, RecheckDelay = TimeSpan.Zero });
        var snapshotsBefore = ingest.Snapshots.CountOf(victim);

        var verdicts = await verifier.VerifyOnceAsync();

        Assert.Contains(verdicts[victim], new[] { BookVerdict.Mismatch, BookVerdict.VenueAhead });
        Assert.Equal(1, verifier.Mismatches);
        Assert.Equal(1, verifier.ResyncsRequested);
        Assert.Equal([victim], resync.Requested);
        Assert.Equal(ingest.Tokens.Length - 1, verifier.Matches);

        // The pool resubscribed; the fresh snapshot returns the asset to Live with the true book.
        await ingest.Snapshots.WaitForAsync([victim], snapshotsBefore + 1);
        var truth = ingest.TrueBooks()[victim];
        var (state, bids) = await ingest.Pipeline.InvokeAsync(keeper => keeper.TryGetAsset(victim, out var asset) ? (asset.State, asset.Book.Bids.WireOrder.ToArray()) : default);
        Assert.Equal(ContinuityState.Live, state);
        Assert.Equal(truth.Bids, bids);

        await ingest.StopAsync();
        var transitions = ingest.Archive.Records.Where(r => r.Kind == ArchiveRecordKind.Continuity && r.Payload.Contains(victim, StringComparison.Ordinal)).Select(r => r.Payload).ToList();
        var suspect = transitions.FindIndex(t => t.Contains("\"to\":\"suspect\",\"cause\":\"rest_mismatch\"", StringComparison.Ordinal));
        var resyncing = transitions.FindIndex(t => t.Contains("\"to\":\"resyncing\",\"cause\":\"resync_requested\"", StringComparison.Ordinal));
        var live = transitions.FindLastIndex(t => t.Contains("\"to\":\"live\",\"cause\":\"snapshot\"", StringComparison.Ordinal));
        Assert.True(suspect >= 0 && resyncing == suspect + 1 && live > resyncing, string.Join("\n", transitions));
    }

    [Fact]
    public async Task GhostRestBooks_OlderThanTheFeed_AreInconclusive_NotResynced()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 10);
        await ingest.RunAsync(ingest.Tokens[..19]);
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        ingest.Simulator.Faults.GhostRestBook = true;
        await rest.GetBooksAsync(ingest.Tokens); // the venue's REST cache freezes here
        ingest.Step(1_000);
        await ingest.BarrierAsync(ingest.Tokens[19]);
        var resync = new FeedResync(ingest.Feeds[0]);
        var verifier = new RestVerifier(ingest.Pipeline, rest, resync, TimeProvider.System, new RestVerifierOptions { SampleSize = 100, RecheckDelay = TimeSpan.Zero });

        var verdicts = await verifier.VerifyOnceAsync();

        Assert.Contains(BookVerdict.VenueBehind, verdicts.Values);
        Assert.DoesNotContain(BookVerdict.Mismatch, verdicts.Values);
        Assert.True(verifier.Inconclusive > 0);
        Assert.Equal(0, verifier.Mismatches);
        Assert.Empty(resync.Requested);
    }

    [Fact]
    public async Task SilencedAsset_VenueMovesOnAndTheFeedDoesNot_IsAFrozenFeed_AndResynced()
    {
        await using var ingest = await SimulatorIngest.StartAsync(markets: 10);
        await ingest.RunAsync(ingest.Tokens[..19]);
        var victims = ingest.Tokens[..19].ToHashSet();
        ingest.Simulator.Faults.SilentAssets = [.. victims];
        ingest.Step(1_000);
        using var http = new HttpClient();
        using var rest = Client(ingest, http);
        var resync = new FeedResync(ingest.Feeds[0]);
        var verifier = new RestVerifier(ingest.Pipeline, rest, resync, TimeProvider.System, new RestVerifierOptions { SampleSize = 100, RecheckDelay = TimeSpan.FromMilliseconds(1), QuietAfter = TimeSpan.Zero });

        var verdicts = await verifier.VerifyOnceAsync();

        // Assets whose book changed while silenced are frozen (found twice, a re-check apart); the others are quiet.
        var frozen = verdicts.Where(v => v.Value == BookVerdict.VenueAhead).Select(v => v.Key).ToList();
        Assert.NotEmpty(frozen);
        Assert.Equal(frozen.Count, verifier.FrozenDetected);
        Assert.Equal(frozen.Order(), resync.Requested.Order());
        Assert.Equal(verdicts.Count - frozen.Count, verifier.QuietConfirmed);
        var states = await ingest.Pipeline.InvokeAsync(keeper => frozen.Select(id => keeper.TryGetAsset(id, out var a) ? a.State : default).ToList());
        Assert.All(states, s => Assert.Equal(ContinuityState.Resyncing, s));
    }

    private static ClobRestClient Client(SimulatorIngest ingest, HttpClient http) =>
        new(http, ingest.Archive, TimeProvider.System, new ClobRestOptions { BaseUri = ingest.Simulator.ClobUri, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>What the pool does for a resync: unsubscribe and subscribe again, which makes the venue send a fresh book.</summary>
    private sealed class FeedResync(FeedConnection feed) : IResyncRequester
    {
        public List<string> Requested { get; } = [];

        public async ValueTask ResubscribeAsync(string assetId, CancellationToken cancellationToken)
        {
            Requested.Add(assetId);
            await feed.UnsubscribeAsync([assetId], cancellationToken);
            await feed.SubscribeAsync([assetId], cancellationToken);
        }
    }
}
