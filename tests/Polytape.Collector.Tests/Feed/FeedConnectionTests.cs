using System.Text.Json;
using Polytape.Collector.Feed;
using Polytape.Collector.Tests.Subscriptions;
using Polytape.Simulator.Hosting;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Feed;

/// <summary>The feed connection against the simulator's real market channel on loopback.</summary>
public sealed class FeedConnectionTests : IAsyncLifetime
{
    private PolymarketSimulator _simulator = null!;
    private string[] _tokens = [];

    public async Task InitializeAsync() => (_simulator, _tokens) = await PoolVenue.StartWithTokensAsync(seed: 9, markets: 150);

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Subscribe_ReceivesTheInitialDumpForEveryAsset_InChunksTheServerAccepts()
    {
        _simulator.Faults.MaxIdsPerSubscribeFrame = 100; // a frame with more ids would close the connection
        var sink = new RecordingFeedSink();
        var feed = Feed(sink);
        await feed.SubscribeAsync(_tokens.Take(250));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        Assert.Equal((1, 250), await sink.NextStartAsync());
        var books = new HashSet<string>();
        while (books.Count < 250)
        {
            var (epoch, text) = await sink.NextFrameAsync(t => t.StartsWith('['));
            Assert.Equal(1, epoch);
            using var dump = JsonDocument.Parse(text);
            books.UnionWith(dump.RootElement.EnumerateArray().Select(b => b.GetProperty("asset_id").GetString()!));
        }

        Assert.True(books.SetEquals(_tokens.Take(250)));

        // What the server recorded: one type:"market" frame, then operation frames, none over 100 ids.
        var sent = _simulator.Hub.Connections.Single(c => c.Open).RecentClientFrames.Where(f => f.StartsWith('{')).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Contains("\"type\":\"market\"", sent[0], StringComparison.Ordinal);
        Assert.All(sent.Skip(1), f => Assert.Contains("\"operation\":\"subscribe\"", f, StringComparison.Ordinal));
        Assert.Equal([100, 100, 50], sent.Select(f => JsonDocument.Parse(f).RootElement.GetProperty("assets_ids").GetArrayLength()));
        Assert.Equal(Enumerable.Range(1, sink.Metadata.Count).Select(i => (long)i), sink.Metadata.Select(f => f.ConnectionSequence));
        await stop.CancelAsync();
        await run;
        Assert.Equal(FeedState.Stopped, feed.State);
    }

    [Fact]
    public async Task DynamicSubscribe_AddsAssetsWithoutReconnecting_AndDataFlows()
    {
        var sink = new RecordingFeedSink();
        var feed = Feed(sink);
        await feed.SubscribeAsync(_tokens.Take(2));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await sink.NextStartAsync();
        await sink.NextFrameAsync(t => t.StartsWith('['));

        await feed.SubscribeAsync(_tokens.Skip(2).Take(4));
        var (_, dump) = await sink.NextFrameAsync(t => t.StartsWith('['));
        using (var document = JsonDocument.Parse(dump))
        {
            Assert.Equal(_tokens.Skip(2).Take(4).Order(), document.RootElement.EnumerateArray().Select(b => b.GetProperty("asset_id").GetString()!).Order());
        }

        lock (_simulator.Engine.Gate)
        {
            _simulator.Engine.Step(2_000);
        }

        var (epoch, change) = await sink.NextFrameAsync(t => t.Contains("\"price_change\"", StringComparison.Ordinal));
        Assert.Equal(1, epoch);
        Assert.Equal(0, feed.Reconnects);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task DroppedConnection_Reconnects_AndReplaysTheWholeDesiredSet()
    {
        _simulator.Faults.DisconnectAfterFrames = 2; // the two snapshot frames of 100 + 20 assets
        _simulator.Faults.DisconnectCloseCode = 1011;
        var sink = new RecordingFeedSink();
        var feed = Feed(sink);
        await feed.SubscribeAsync(_tokens.Take(120));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);

        Assert.Equal((1, 120), await sink.NextStartAsync());
        var ended = await sink.NextEndAsync();
        Assert.Equal(FeedDisconnectReason.ClosedByServer, ended.Reason);
        Assert.Contains("1011", ended.Detail, StringComparison.Ordinal);
        _simulator.Faults.DisconnectAfterFrames = 0;

        Assert.Equal((2, 120), await sink.NextStartAsync());
        int epoch;
        do
        {
            (epoch, _) = await sink.NextFrameAsync(t => t.StartsWith('['));
        }
        while (epoch == 1); // the first session's frames may still be queued

        Assert.Equal(2, epoch);
        Assert.True(feed.Reconnects >= 1);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task SilentStall_WithPongsStillAnswered_IsDetectedAsStale()
    {
        var clock = new ManualTimeProvider();
        var sink = new RecordingFeedSink();
        var feed = Feed(sink, clock, new FeedOptions { Endpoint = _simulator.MarketWebSocketUri, StaleAfter = TimeSpan.FromSeconds(60), FirstMessageGrace = TimeSpan.FromSeconds(20) });
        await feed.SubscribeAsync(_tokens.Take(2));
        using var stop = new CancellationTokenSource();
        var run = feed.RunAsync(stop.Token);
        await sink.NextStartAsync();
        await sink.NextFrameAsync(t => t.StartsWith('['));

        _simulator.Faults.SilentStall = true;
        clock.Advance(TimeSpan.FromSeconds(10)); // a PING goes out: the stalled server still answers it
        await sink.NextFrameAsync(t => t == "PONG");
        Assert.Equal(FeedState.Receiving, feed.State);

        clock.Advance(TimeSpan.FromSeconds(55)); // 65 s without market data: PONGs do not count
        var ended = await sink.NextEndAsync();
        Assert.Equal(FeedDisconnectReason.Stale, ended.Reason);
        await stop.CancelAsync();
        await run;
    }

    private FeedConnection Feed(RecordingFeedSink sink, TimeProvider? time = null, FeedOptions? options = null) =>
        new("test-1", options ?? new FeedOptions { Endpoint = _simulator.MarketWebSocketUri, ReconnectInitialDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(100) }, sink, time ?? TimeProvider.System);
}
