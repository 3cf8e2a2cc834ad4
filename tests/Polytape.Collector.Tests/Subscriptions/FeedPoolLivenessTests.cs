using System.Collections.Immutable;
using System.Text.Json;
using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.MarketChannel;
using Polytape.Simulator.Universe;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>
/// Snapshot retries, silent and stale connections: the pool runs on a manual clock, so every timeout fires
/// exactly when the test moves time; the simulator's sockets run for real and are awaited through signals.
/// </summary>
public sealed class FeedPoolLivenessTests : IAsyncLifetime
{
    private static readonly string[] Replacements = ["c4", "c5", "c6"];

    private readonly ManualTimeProvider _clock = new();
    private PoolVenue _venue = null!;

    public async Task InitializeAsync() => _venue = await PoolVenue.StartAsync(seed: 5, markets: 4);

    public async Task DisposeAsync() => await _venue.DisposeAsync();

    [Fact]
    public async Task SilentAsset_IsResubscribedOnItsConnection_ThenMoved_ThenDelivered()
    {
        var quiet = _venue.Markets[0].Yes.Id;
        var silent = _venue.Markets[1].Yes.Id;
        _venue.Simulator.Faults.SilentAssets = ImmutableHashSet.Create(silent);
        var (pool, sink) = Pool(Options() with { SnapshotTimeout = TimeSpan.FromSeconds(30), MaxAssetsPerConnection = 10 });
        await pool.AddAsync([quiet, silent]);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => sink.Snapshots("c1").Contains(quiet), "the first snapshot");
        Assert.Equal((1, 1), (pool.GetStatus().AssetsDelivered, pool.GetStatus().AssetsPendingSnapshot));

        // 30 s without its snapshot: unsubscribe + subscribe on the same connection (still silent: the venue answers "[]").
        _clock.Advance(TimeSpan.FromSeconds(31));
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Frame, Connection: "c1", Text: "[]" }), "the resubscribe's empty answer");
        Assert.Equal(1, pool.GetStatus().SnapshotRetries);
        Assert.Contains(silent, pool.AssetsOf("c1"));
        var c1Frames = _venue.Simulator.Hub.Connections.Single().RecentClientFrames;
        Assert.Contains(c1Frames, f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal) && f.Contains(silent, StringComparison.Ordinal));

        // Still nothing 30 s later: moved to another connection, where it delivers once the venue does.
        _venue.Simulator.Faults.SilentAssets = [];
        _clock.Advance(TimeSpan.FromSeconds(31));
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 2, "the moved asset's snapshot");
        Assert.Contains(silent, sink.Snapshots("c2"));
        Assert.Equal([quiet], pool.AssetsOf("c1"));
        Assert.Equal([silent], pool.AssetsOf("c2"));
        var status = pool.GetStatus();
        Assert.Equal((2L, 1L, 0, 0), (status.SnapshotRetries, status.AssetMoves, status.AssetsRetrying, status.AssetsNotDelivering));
        Assert.All(status.Connections, c => Assert.Equal(0, c.Reconnects));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AssetThatNeverDelivers_IsReportedAfterItsRetries()
    {
        var dead = _venue.Markets[2].No.Id;
        _venue.Simulator.Faults.SilentAssets = ImmutableHashSet.Create(dead);
        var (pool, sink) = Pool(Options() with { SnapshotTimeout = TimeSpan.FromSeconds(30), MaxSnapshotRetries = 1 });
        await pool.AddAsync([_venue.Markets[0].Yes.Id, dead]);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => sink.Snapshots("c1").Count == 1, "the live asset's snapshot");

        _clock.Advance(TimeSpan.FromSeconds(31)); // retry 1: resubscribe
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Frame, Text: "[]" }), "the resubscribe's empty answer");
        _clock.Advance(TimeSpan.FromSeconds(31)); // retries used up
        await sink.WaitAsync(() => pool.GetStatus().AssetsNotDelivering == 1, "the asset to be reported");
        Assert.Equal([dead], pool.NotDeliveringAssets());
        Assert.Equal(1, pool.GetStatus().AssetsDelivered);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task SilentConnection_WhileOthersDeliver_IsReplacedMakeBeforeBreak()
    {
        var archive = new RecordingArchiveAppender();
        var (pool, sink) = Pool(Options() with { MaxAssetsPerConnection = 2, SuspectConnectionSilence = TimeSpan.FromSeconds(20) }, archive);
        string[] first = [_venue.Markets[0].Yes.Id, _venue.Markets[0].No.Id];
        await pool.AddAsync([.. first, _venue.Markets[1].Yes.Id, _venue.Markets[1].No.Id]);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => sink.Snapshots("c1").Count == 2 && sink.Snapshots("c2").Count == 2, "both connections' snapshots");

        // c1's market goes silent; c2's keeps trading. Within 20 s nothing can be suspect yet.
        _venue.Simulator.Faults.SilentAssets = [.. first];
        _clock.Advance(TimeSpan.FromSeconds(15));
        _venue.Mutate(_venue.Markets[0], _venue.Markets[1]);
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Frame, Connection: "c2" } && e.Text.Contains("price_change", StringComparison.Ordinal)), "c2's price change");
        Assert.DoesNotContain(sink.Events(), e => e.Connection == "c1" && e.Text.Contains("price_change", StringComparison.Ordinal));
        Assert.Equal(0, pool.GetStatus().Replacements);

        // At the moment c1 stops, record what the venue and the pool see of its replacement.
        IReadOnlyList<MarketConnectionTruth>? truthWhenOldStopped = null;
        FeedPoolConnectionStatus? replacementWhenOldStopped = null;
        sink.OnEnded = (connection, _, reason) =>
        {
            if (connection == "c1" && reason == FeedDisconnectReason.Stopped)
            {
                truthWhenOldStopped = _venue.Simulator.Hub.Connections;
                replacementWhenOldStopped = pool.GetStatus().Connections.SingleOrDefault(c => c.Id == "c3");
            }
        };

        _clock.Advance(TimeSpan.FromSeconds(6)); // c1 silent 20 s while c2 delivered 5 s ago: suspect; c3 opens with its assets
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Frame, Connection: "c3" }), "the replacement's first frame");
        _clock.Advance(TimeSpan.FromSeconds(1)); // supervision (unless a session start already woke it): c3 delivered, so c1 retires
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Ended, Connection: "c1", Reason: FeedDisconnectReason.Stopped }), "c1 to stop");

        // Make-before-break: when c1 stopped, c3 was open at the venue, subscribed to both assets, and had delivered.
        Assert.NotNull(replacementWhenOldStopped);
        Assert.True(replacementWhenOldStopped.Frames > 0 && replacementWhenOldStopped.LastDataAt is not null, "the replacement delivered before the old connection stopped");
        var replacementOnServer = Assert.Single(truthWhenOldStopped!, c => c.Id == 3);
        Assert.True(replacementOnServer is { Open: true, SubscribedTokens: 2 } && replacementOnServer.FramesSent > 0);
        Assert.Equal(["c2", "c3"], pool.GetStatus().Connections.Select(c => c.Id));
        Assert.Equal(first.Order(), pool.AssetsOf("c3").Order());
        Assert.Equal(1, pool.GetStatus().Replacements);

        // The overlap is on record: c3's session names the same assets as c1's.
        var c3Session = Assert.Single(archive.Records, r => r.Record.Connection == "c3" && r.Payload.Contains("\"session\"", StringComparison.Ordinal));
        Assert.Equal(first.Order(), JsonDocument.Parse(c3Session.Payload).RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetString()!).Order());
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task StaleConnections_AreReplaced_AndRepeatedStaleEndsRequestADiscoveryRefresh()
    {
        var options = Options() with
        {
            Feed = Options().Feed with { StaleAfter = TimeSpan.FromSeconds(60), FirstMessageGrace = TimeSpan.FromSeconds(20), ReconnectInitialDelay = TimeSpan.FromMilliseconds(250), ReconnectMaxDelay = TimeSpan.FromSeconds(1) },
            SuspectConnectionSilence = TimeSpan.FromSeconds(45),
            MaxAssetsPerConnection = 2,
            StaleReconnectsBeforeDiscoveryRefresh = 3,
        };
        var (pool, sink) = Pool(options);
        var refreshes = 0;
        pool.DiscoveryRefreshRequested += () => Interlocked.Increment(ref refreshes);
        await pool.AddAsync(_venue.Markets.Take(3).SelectMany(m => new[] { m.Yes.Id, m.No.Id }));
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => sink.Snapshots("c1").Count == 2, "c1's snapshots");
        await sink.WaitAsync(() => sink.Snapshots("c2").Count == 2 && sink.Snapshots("c3").Count == 2, "c2's and c3's snapshots");

        // The venue stalls: PONGs still come, data does not. After 60 s every connection ends stale.
        _venue.Simulator.Faults.SilentStall = true;
        _clock.Advance(TimeSpan.FromSeconds(61));
        await sink.WaitAsync(() => sink.Count(e => e.Reason == FeedDisconnectReason.Stale) == 3 && Volatile.Read(ref refreshes) == 1, "three stale ends and one refresh request");
        await sink.WaitAsync(() => pool.GetStatus().Replacements == 3, "a replacement per stale connection");
        var status = pool.GetStatus();
        Assert.Equal((3L, 1L), (status.StaleSessionEnds, status.DiscoveryRefreshesRequested));
        Assert.Equal(["c1", "c2", "c3"], status.Connections.Where(c => c.Replaces is null).Select(c => c.Id));
        Assert.Equal(["c1", "c2", "c3"], status.Connections.Where(c => c.Replaces is not null).Select(c => c.Replaces!).Order());

        // Replacements are not trusted until they deliver.
        await sink.WaitAsync(() => Replacements.All(c => sink.Any(e => e is { Kind: PoolEventKind.Started } && e.Connection == c)), "the replacements' sessions");
        Assert.Equal(3, pool.GetStatus().Connections.Count(c => c.Replaces is not null));

        // The venue recovers: the replacements deliver (their snapshots if the venue read their subscription after
        // the stall, else the trades), so the originals are retired.
        _venue.Simulator.Faults.SilentStall = false;
        _venue.Mutate(_venue.Markets.Take(3).ToArray());
        await sink.WaitAsync(() => Replacements.All(c => sink.Any(e => e.Kind == PoolEventKind.Frame && e.Connection == c && e.Text != "PONG")), "data on every replacement");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitAsync(() => pool.GetStatus().Connections.Select(c => c.Id).SequenceEqual(Replacements), "the replacements to take over");
        Assert.All(pool.GetStatus().Connections, c => Assert.Equal(2, c.Assets));
        Assert.Equal(1, Volatile.Read(ref refreshes));
        await stop.CancelAsync();
        await run;
    }


    /// <summary>
    /// Timers that these tests do not exercise are set far out, so only the one under test fires; opens are
    /// unpaced (a 0 interval), since a paced open would wait on the manual clock (pacing has its own tests).
    /// </summary>
    private FeedPoolOptions Options() => new()
    {
        ConnectionOpensPerSecond = 1e9,
        Feed = new FeedOptions
        {
            Endpoint = _venue.Simulator.MarketWebSocketUri,
            StaleAfter = TimeSpan.FromHours(1),
            FirstMessageGrace = TimeSpan.FromHours(1),
        },
        SnapshotTimeout = TimeSpan.FromHours(1),
        SuspectConnectionSilence = TimeSpan.FromMinutes(30),
    };

    private (FeedPool Pool, PoolTestSink Sink) Pool(FeedPoolOptions options, RecordingArchiveAppender? archive = null) =>
        PoolVenue.Pool(options, _clock, archive);
}
