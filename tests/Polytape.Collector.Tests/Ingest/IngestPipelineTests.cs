using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Feed;
using Polytape.Collector.Ingest;
using Polytape.Domain.Continuity;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>The ingest loop with hand-made frames and a recording archive.</summary>
public sealed class IngestPipelineTests
{
    [Fact]
    public async Task Frames_AreArchivedWithTheirEnvelopeAndLabel_ThenTheirTransitions()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);

        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("11"), sequence: 1, receivedAtMicros: 5), default);
        await pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 2), default);
        await pipeline.OnFrameAsync(Frames.Of("{\"event_type\":\"book\",", sequence: 3), default);
        await pipeline.OnFrameAsync(Frames.Of("{\"event_type\":\"brand_new\",\"x\":1}", sequence: 4), default);
        await pipeline.OnFrameAsync(Frames.Of($"[{Frames.Book("12")},{Frames.PriceChange("12", "0.41", "3")}]", sequence: 5), default);
        await pipeline.CompleteAsync();
        await run;

        var ws = archive.Records.Where(r => r.Kind == ArchiveRecordKind.Ws).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], ws.Select(r => r.ConnectionSequence));
        Assert.Equal(["book", "pong", ArchiveRecord.UnknownEventType, ArchiveRecord.UnknownEventType, IngestNames.Mixed], ws.Select(r => r.EventType));
        Assert.All(ws, r => Assert.Equal("c1", r.Connection));
        Assert.Equal("PONG", ws[1].Payload);

        // The snapshot's transition follows its frame: Syncing → Live for asset 11, stamped with the frame's receive time.
        var records = archive.Records.ToList();
        var continuity = records[1];
        Assert.Equal(ArchiveRecordKind.Continuity, continuity.Kind);
        using var json = JsonDocument.Parse(continuity.Payload);
        Assert.Equal("11", json.RootElement.GetProperty("asset").GetString());
        Assert.Equal("syncing", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("live", json.RootElement.GetProperty("to").GetString());
        Assert.Equal("snapshot", json.RootElement.GetProperty("cause").GetString());
        Assert.Equal(1000, json.RootElement.GetProperty("exchange_ms").GetInt64());
        Assert.Equal(5, json.RootElement.GetProperty("recv_us").GetInt64());

        Assert.Equal(5, pipeline.Frames);
        Assert.Equal(1, pipeline.Statistics.FramesOf(FrameKind.Malformed));
        Assert.Equal(1, pipeline.Statistics.EventsOf(MarketEventType.Unknown));
        Assert.Equal(2, pipeline.Statistics.EventsOf(MarketEventType.Book));
        Assert.Equal(2, pipeline.Continuity.Live);
    }

    [Fact]
    public async Task InvokeAsync_RunsAfterTheFramesQueuedBeforeIt()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("21", bid: "0.40")), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("21", "0.45", "7"), sequence: 2), default);
        var best = pipeline.InvokeAsync(k => k.TryGetAsset("21", out var a) ? a.Book.BestBid.ToString() : "missing");
        var run = pipeline.RunAsync(CancellationToken.None);

        Assert.Equal("0.45", await best.WaitAsync(TimeSpan.FromSeconds(30)));
        await pipeline.CompleteAsync();
        await run;
    }

    [Fact]
    public async Task SessionEvents_MarkTheConnectionsBooksSyncing_AndAreArchived()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);
        pipeline.OnSessionStarted("c1", 1, ["31", "32"]);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("31")), default);
        pipeline.OnSessionEnded("c1", 1, FeedDisconnectReason.Stale, "no data for 60 s");
        var state = await pipeline.InvokeAsync(k => k.TryGetAsset("31", out var a) ? (a.State, a.Cause, a.Book.Bids.Count) : default);
        Assert.Equal((ContinuityState.Syncing, ContinuityCause.Disconnected, 0), state);

        // A reconnect: frames of the new epoch rebuild the book.
        pipeline.OnSessionStarted("c1", 2, ["31", "32"]);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("31"), epoch: 2), default);
        Assert.Equal(ContinuityState.Live, await pipeline.InvokeAsync(k => k.TryGetAsset("31", out var a) ? a.State : default));
        await pipeline.CompleteAsync();
        await run;

        var records = archive.Records.ToList();
        var started = records.First(r => r.Kind == ArchiveRecordKind.Subscription);
        Assert.Equal("session_started", started.EventType);
        Assert.Equal(["31", "32"], JsonDocument.Parse(started.Payload).RootElement.GetProperty("assets").EnumerateArray().Select(e => e.GetString()));
        var ended = records.Single(r => r.Kind == ArchiveRecordKind.Note);
        Assert.Contains("\"reason\":\"Stale\"", ended.Payload, StringComparison.Ordinal);
        Assert.Contains("\"assets_blinded\":1", ended.Payload, StringComparison.Ordinal);
        Assert.Contains(records, r => r.Kind == ArchiveRecordKind.Continuity && r.Payload.Contains("\"cause\":\"disconnected\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OverlappingConnections_EventsComeOnlyFromTheConnectionThatDeliveredTheLatestSnapshot()
    {
        var archive = new RecordingAppender();
        var deliveries = new List<(string, string)>();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        pipeline.SetObservers(new DeliveryList(deliveries), null);
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("41"), connection: "old"), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("41"), connection: "new"), default);

        // The same change arrives on both connections (make-before-break): applied once.
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("41", "0.40", "25"), connection: "old", sequence: 2), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("41", "0.40", "25"), connection: "new", sequence: 2), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("41", "0.39", "4"), connection: "old", sequence: 3), default);
        var levels = await pipeline.InvokeAsync(k => k.TryGetAsset("41", out var a) ? a.Book.Bids.Count : -1);
        await pipeline.CompleteAsync();
        await run;

        Assert.Equal(1, levels); // 0.39 came from the old connection and was not applied
        Assert.Equal(2, pipeline.ForeignEventsSkipped);
        Assert.Equal([("old", "41"), ("new", "41")], deliveries);
        Assert.Equal(5, archive.WsCount); // every frame is archived, applied or not
    }

    [Fact]
    public async Task PriceChangeSpanningOwners_AppliesOnlyTheEntriesOfAssetsThisConnectionDelivers()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("61"), connection: "a"), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("62"), connection: "b"), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("63"), connection: "a"), default);

        // From "a": 61 and 63 are its own, 62 is carried by "b"; the entries around the foreign one keep their order.
        string[] ids = ["61", "62", "63"];
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChangeOfEach(ids, "0.39", "7"), connection: "a", sequence: 2), default);
        var bids = await pipeline.InvokeAsync(k => ids.Select(id => k.TryGetAsset(id, out var a) ? a.Book.Bids.Count : -1).ToArray());
        await pipeline.CompleteAsync();
        await run;

        Assert.Equal([2, 1, 2], bids);
        Assert.Equal(1, pipeline.ForeignEventsSkipped);
    }

    [Fact]
    public async Task ClosingConnection_InFlightSnapshotDoesNotTakeTheBookFromItsNewCarrier()
    {
        var archive = new RecordingAppender();
        var deliveries = new List<(string, string)>();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        pipeline.SetObservers(new DeliveryList(deliveries), null);
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("81", bid: "0.40"), connection: "old"), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("81", bid: "0.40"), connection: "new"), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.PriceChange("81", "0.45", "7"), connection: "new", sequence: 2), default);

        // The pool retires "old": a snapshot still in flight on it is archived but neither rewinds nor takes the book;
        // an asset only it carried still takes its snapshot.
        pipeline.OnSessionClosing("old", 1);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("81", bid: "0.40"), connection: "old", sequence: 2), default);
        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("82"), connection: "old", sequence: 3), default);
        pipeline.OnSessionEnded("old", 1, FeedDisconnectReason.Stopped, "retired");
        var state = await pipeline.InvokeAsync(k => (
            k.TryGetAsset("81", out var a) ? (a.State, a.Book.BestBid.ToString()) : default,
            k.TryGetAsset("82", out var b) ? b.State : default));
        await pipeline.CompleteAsync();
        await run;

        Assert.Equal((ContinuityState.Live, "0.45"), state.Item1);
        Assert.Equal(ContinuityState.Syncing, state.Item2); // blind once "old" ended: nobody else carries it
        Assert.Equal([("old", "81"), ("new", "81"), ("old", "82")], deliveries);
        Assert.Equal(5, archive.WsCount);
    }

    [Fact]
    public async Task FullQueue_MakesOnFrameAsyncWait_AndNothingIsDropped()
    {
        var archive = new RecordingAppender();
        archive.Stall();
        var options = new IngestOptions { QueueCapacityBytes = 2 * (4 + IngestOptions.PerFrameOverheadBytes), ApplyOnReceivingThreadWhenIdle = false };
        using var pipeline = new IngestPipeline(archive, TimeProvider.System, options);
        var run = pipeline.RunAsync(CancellationToken.None);

        // Room for two PONGs: the loop holds the first frame's bytes while it waits on the stalled archive, the second
        // frame holds the rest, so the third and fourth wait (bytes are returned only once their frame is archived).
        await pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 1), default);
        await pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 2), default);
        var third = pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 3), default).AsTask();
        var fourth = pipeline.OnFrameAsync(Frames.Of("PONG", connection: "c2", sequence: 1), default).AsTask();
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);

        archive.Resume();
        await Task.WhenAll(third, fourth).WaitAsync(TimeSpan.FromSeconds(30));
        await pipeline.CompleteAsync();
        await run;
        // A connection awaits each frame before the next, so its order holds; waiters of different connections may interleave.
        Assert.Equal([1L, 2, 3], archive.Records.Where(r => r.Connection == "c1").Select(r => r.ConnectionSequence));
        Assert.Equal([1L], archive.Records.Where(r => r.Connection == "c2").Select(r => r.ConnectionSequence));
    }

    [Fact]
    public async Task FramesAfterCompletion_AreReturnedAndCounted()
    {
        using var pipeline = new IngestPipeline(new RecordingAppender(), TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.CompleteAsync();
        await run;
        await pipeline.OnFrameAsync(Frames.Of("PONG"), default);
        Assert.Equal(1, pipeline.LateFrames);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.InvokeAsync(_ => 1));
    }

    [Fact]
    public async Task StalledArchive_HoldsTheReceiverApplyingAFrame_WhileOthersQueueUpToTheBound()
    {
        var archive = new RecordingAppender();
        archive.Stall();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System, new IngestOptions { QueueCapacityBytes = 4 + IngestOptions.PerFrameOverheadBytes });
        var run = pipeline.RunAsync(CancellationToken.None);

        // Nothing queued: c1's frame is applied on its own thread, which then waits on the archive with it.
        var applying = pipeline.OnFrameAsync(Frames.Of("PONG", connection: "c1"), default).AsTask();
        await pipeline.OnFrameAsync(Frames.Of("PONG", connection: "c2"), default);
        var waiting = pipeline.OnFrameAsync(Frames.Of("PONG", connection: "c3"), default).AsTask();
        Assert.False(applying.IsCompleted);
        Assert.False(waiting.IsCompleted);

        archive.Resume();
        await Task.WhenAll(applying, waiting).WaitAsync(TimeSpan.FromSeconds(30));
        await pipeline.CompleteAsync();
        await run;
        Assert.Equal(["c1", "c2", "c3"], archive.Records.Select(r => r.Connection));
        Assert.Equal(1, pipeline.FramesAppliedOnReceivingThread);
    }

    [Fact]
    public async Task IdleLoop_TheReceivingThreadAppliesAndArchivesTheFrameBeforeItReturns()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);

        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("61"), sequence: 1), default);
        Assert.Equal([ArchiveRecordKind.Ws, ArchiveRecordKind.Continuity], archive.Records.Select(r => r.Kind));
        Assert.Equal(1, pipeline.FramesAppliedOnReceivingThread);
        await pipeline.CompleteAsync();
        await run;
    }

    [Fact]
    public async Task FrameOfferedWhileWorkRuns_WaitsItsTurn_AndIsNotAppliedAlongside()
    {
        var archive = new RecordingAppender();
        using var pipeline = new IngestPipeline(archive, TimeProvider.System);
        var run = pipeline.RunAsync(CancellationToken.None);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var seenByWork = pipeline.InvokeAsync(k =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return k.TryGetAsset("71", out _);
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));

        await pipeline.OnFrameAsync(Frames.Of(Frames.Book("71")), default);
        Assert.Equal(0, pipeline.FramesAppliedOnReceivingThread);
        release.Set();

        Assert.False(await seenByWork.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(await pipeline.InvokeAsync(k => k.TryGetAsset("71", out _)));
        await pipeline.CompleteAsync();
        await run;
        Assert.Equal(1, archive.WsCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ArchiveFailure_StopsTheLoop_AndCompletionCarriesTheCause(bool applyOnReceivingThread)
    {
        using var pipeline = new IngestPipeline(new FailingAppender(), TimeProvider.System, new IngestOptions { ApplyOnReceivingThreadWhenIdle = applyOnReceivingThread });
        var run = pipeline.RunAsync(CancellationToken.None);
        await pipeline.OnFrameAsync(Frames.Of("PONG"), default);

        var failure = await Assert.ThrowsAsync<ArchiveException>(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("disk full", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArchiveException>(() => pipeline.CompleteAsync());
        await pipeline.OnFrameAsync(Frames.Of("PONG", sequence: 2), default);
        Assert.Equal(1, pipeline.LateFrames);
    }

    private sealed class FailingAppender : IArchiveAppender
    {
        public ValueTask AppendAsync(ArchiveRecord record, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new ArchiveException("disk full: test"));
    }

    private sealed class DeliveryList(List<(string, string)> deliveries) : IAssetDeliveryObserver
    {
        public void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8) =>
            deliveries.Add((connectionId, System.Text.Encoding.UTF8.GetString(assetIdUtf8)));
    }
}
