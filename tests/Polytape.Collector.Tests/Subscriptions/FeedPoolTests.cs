using System.Text.Json;
using Polytape.Collector.Feed;
using Polytape.Collector.Subscriptions;
using Polytape.Simulator.Hosting;

namespace Polytape.Collector.Tests.Subscriptions;

/// <summary>The pool against the simulator's market channel on loopback, on the real clock (no timers decide these).</summary>
public sealed class FeedPoolTests : IAsyncLifetime
{
    private PolymarketSimulator _simulator = null!;
    private string[] _tokens = [];

    public async Task InitializeAsync() => (_simulator, _tokens) = await PoolVenue.StartWithTokensAsync(seed: 11, markets: 300);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Add_450Assets_ThreeConnectionsOfAtMost200_FramesOfAtMost100Ids_EveryAssetDelivered()
    {
        _simulator.Faults.MaxIdsPerSubscribeFrame = 100; // a larger frame would close the connection
        var archive = new RecordingArchiveAppender();
        var (pool, sink) = Pool(Options(), archive);
        await pool.AddAsync(_tokens.Take(450));
        Assert.Equal([200, 200, 50], pool.GetStatus().Connections.Select(c => c.Assets));

        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 450, "every asset's snapshot");

        var status = pool.GetStatus();
        Assert.Equal(0, status.AssetsPendingSnapshot);
        Assert.Equal(["c1", "c2", "c3"], status.Connections.Select(c => c.Id));
        foreach (var connection in status.Connections)
        {
            Assert.True(sink.Snapshots(connection.Id).SetEquals(pool.AssetsOf(connection.Id)));
            Assert.Equal(FeedState.Receiving, connection.State);
        }

        var server = _simulator.Hub.Connections;
        Assert.Equal([50, 200, 200], server.Where(c => c.Open).Select(c => c.SubscribedTokens).Order());
        var subscribeFrames = server.SelectMany(c => c.RecentClientFrames).Where(f => f.StartsWith('{')).ToList();
        Assert.Equal(5, subscribeFrames.Count); // 100+100, 100+100, 50
        Assert.All(subscribeFrames, f => Assert.InRange(JsonDocument.Parse(f).RootElement.GetProperty("assets_ids").GetArrayLength(), 1, 100));

        // One session record per connection, naming exactly its assets.
        var sessions = archive.Records.Where(r => r.Payload.Contains("\"op\":\"session\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(["c1", "c2", "c3"], sessions.Select(s => s.Record.Connection).Order());
        foreach (var (record, payload) in sessions)
        {
            using var json = JsonDocument.Parse(payload);
            Assert.Equal(1, json.RootElement.GetProperty("epoch").GetInt32());
            Assert.True(json.RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetString()!).ToHashSet().SetEquals(pool.AssetsOf(record.Connection)));
        }

        await stop.CancelAsync();
        await run;
        Assert.All(pool.GetStatus().Connections, c => Assert.Equal(FeedState.Stopped, c.State));
    }

    [Fact]
    public async Task AddGroups_KeepsEachMarketsOutcomesOnOneConnection()
    {
        // Three outcomes per connection and markets of two: a connection takes one market and leaves the last slot free
        // rather than splitting the next market, whose events would otherwise reach two connections.
        var (pool, _) = Pool(Options() with { MaxAssetsPerConnection = 3 });
        var markets = _tokens.Take(10).Chunk(2).Select(pair => (IReadOnlyList<string>)pair).ToList();
        await pool.AddGroupsAsync(markets);

        var connections = pool.GetStatus().Connections;
        Assert.Equal(5, connections.Count);
        foreach (var market in markets)
        {
            Assert.Single(connections, c => pool.AssetsOf(c.Id).Contains(market[0]) && pool.AssetsOf(c.Id).Contains(market[1]));
        }

        // Single assets still fill the room that is left.
        await pool.AddAsync(_tokens.Skip(10).Take(5));
        Assert.Equal(5, pool.GetStatus().Connections.Count);
        Assert.All(pool.GetStatus().Connections, c => Assert.Equal(3, c.Assets));
    }

    [Fact]
    public async Task Remove_UnsubscribesWithoutReconnecting_RefillsBeforeOpening_AndClosesEmptyConnections()
    {
        var (pool, sink) = Pool(Options());
        await pool.AddAsync(_tokens.Take(450));
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 450, "every asset's snapshot");

        var removed = pool.AssetsOf("c1").Take(100).ToList();
        await pool.RemoveAsync(removed);
        var fresh = _tokens.Skip(450).Take(100).ToList();
        await pool.AddAsync(fresh);

        // The room left on c1 is filled first; no connection is opened.
        Assert.Equal([200, 200, 50], pool.GetStatus().Connections.Select(c => c.Assets));
        Assert.Subset(pool.AssetsOf("c1").ToHashSet(), fresh.ToHashSet());
        Assert.Empty(removed.Intersect(pool.AssetsOf("c1")));

        // The fresh snapshots come after the unsubscribe on the same socket, so the server has applied both.
        await sink.WaitAsync(() => sink.Snapshots("c1").IsSupersetOf(fresh), "the new assets' snapshots on c1");
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 450, "450 delivered again");
        Assert.All(pool.GetStatus().Connections, c => Assert.Equal((1, 0L), (c.Epoch, c.Reconnects)));
        var server = _simulator.Hub.Connections;
        Assert.Equal(3, server.Count);
        Assert.All(server, c => Assert.True(c.Open));
        var c1Server = server.Single(c => c.RecentClientFrames.Any(f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal)));
        Assert.Equal(200, c1Server.SubscribedTokens);
        var unsubscribed = c1Server.RecentClientFrames.Where(f => f.Contains("\"unsubscribe\"", StringComparison.Ordinal))
            .SelectMany(f => JsonDocument.Parse(f).RootElement.GetProperty("assets_ids").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal(removed.Order(), unsubscribed.Order());

        // Emptying a connection closes it.
        await pool.RemoveAsync(pool.AssetsOf("c3"));
        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Ended, Connection: "c3", Reason: FeedDisconnectReason.Stopped }), "c3 to close");
        Assert.Equal(["c1", "c2"], pool.GetStatus().Connections.Select(c => c.Id));
        Assert.Equal(400, pool.GetStatus().AssetsDesired);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task VenueLimitOf500PerConnection_NeverTriggers_At200PerConnection()
    {
        _simulator.Faults.MaxDeliveredAssetsPerConnection = 500; // the venue's silent cut (§8.3)
        var (pool, sink) = Pool(Options());
        await pool.AddAsync(_tokens);
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);

        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == _tokens.Length, "every one of 600 assets delivered");
        Assert.All(_simulator.Hub.Connections, c => Assert.True(c.SubscribedTokens <= 200));
        Assert.Equal(_tokens.Length, sink.SnapshotsByEpoch().Values.SelectMany(s => s).Distinct().Count());
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task HandshakeThrottled_OpensBackOff_ThenEveryConnectionSucceeds()
    {
        _simulator.Faults.HandshakesPerSecond = 3;
        var options = Options() with
        {
            MaxAssetsPerConnection = 50,
            ConnectionOpensPerSecond = 100, // deliberately faster than the venue allows
            ThrottledOpenDelay = TimeSpan.FromMilliseconds(400),
            ThrottledOpenMaxDelay = TimeSpan.FromSeconds(2),
        };
        var (pool, sink) = Pool(options);
        await pool.AddAsync(_tokens.Take(300)); // six connections
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);

        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 300, "every connection to get through");
        var status = pool.GetStatus();
        var throttled = sink.Count(e => e.Reason == FeedDisconnectReason.Throttled);
        Assert.True(throttled > 0, "the venue should have answered 429 at least once");
        Assert.Equal(throttled, status.HandshakeThrottles);
        Assert.True(throttled <= 3 * status.Connections.Count, $"{throttled} throttled handshakes: the pool did not back off");
        Assert.Equal(6, status.Connections.Count);
        Assert.All(status.Connections, c => Assert.Equal(FeedState.Receiving, c.State));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task AbruptDisconnect_ReplaysTheDesiredSet_EveryAssetGetsASnapshotAgain()
    {
        _simulator.Faults.DisconnectAfterFrames = 2; // the two snapshot frames of 200 assets, then a TCP drop
        _simulator.Faults.DisconnectCloseCode = null;
        var (pool, sink) = Pool(Options());
        await pool.AddAsync(_tokens.Take(400));
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);

        await sink.WaitAsync(() => sink.Any(e => e is { Kind: PoolEventKind.Ended, Connection: "c1" }) && sink.Any(e => e is { Kind: PoolEventKind.Ended, Connection: "c2" }), "both connections to drop");
        _simulator.Faults.DisconnectAfterFrames = 0;

        bool Replayed(string connection) => sink.SnapshotsByEpoch().Any(p => p.Key.Connection == connection && p.Key.Epoch >= 2 && p.Value.SetEquals(pool.AssetsOf(connection)));
        await sink.WaitAsync(() => Replayed("c1") && Replayed("c2"), "a full snapshot on each reconnected connection");
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 400, "all 400 delivered again");
        Assert.All(pool.GetStatus().Connections, c => Assert.True(c.Reconnects >= 1 && c.RecentSessionEnds.Count >= 1));
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Resubscribe_ForAResyncRequest_YieldsAFreshSnapshotOnTheSameSession()
    {
        var (pool, sink) = Pool(Options());
        await pool.AddAsync(_tokens.Take(4));
        using var stop = new CancellationTokenSource();
        var run = pool.RunAsync(stop.Token);
        await sink.WaitAsync(() => pool.GetStatus().AssetsDelivered == 4, "the first snapshots");
        int Books() => sink.Count(e => e.Kind == PoolEventKind.Frame && e.Text.StartsWith('[') && e.Text.Contains(_tokens[1], StringComparison.Ordinal));
        Assert.Equal(1, Books());

        await pool.ResubscribeAsync(_tokens[1]);
        await sink.WaitAsync(() => Books() == 2, "a second snapshot of the asset");
        var status = pool.GetStatus();
        Assert.Equal((1L, 4, 1, 0L), (status.Resubscriptions, status.AssetsDelivered, status.Connections[0].Epoch, status.Connections[0].Reconnects));
        await stop.CancelAsync();
        await run;
    }

    private FeedPoolOptions Options() => new()
    {
        Feed = new FeedOptions
        {
            Endpoint = _simulator.MarketWebSocketUri,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        },
        ConnectionOpensPerSecond = 20,
    };

    private static (FeedPool Pool, PoolTestSink Sink) Pool(FeedPoolOptions options, RecordingArchiveAppender? archive = null)
    {
        var sink = new PoolTestSink();
        var pool = new FeedPool(options, sink, TimeProvider.System, archive: archive);
        sink.Pool = pool;
        return (pool, sink);
    }
}
