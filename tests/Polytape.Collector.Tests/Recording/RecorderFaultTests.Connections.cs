using System.Collections.Immutable;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Feed;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Recording;

/// <summary>
/// Connection faults through the whole recorder: drops (with and without a close frame), handshakes refused with 429, a
/// venue that stalls, assets that never deliver. Timer-driven ones run the recorder on a manual clock (the simulator keeps
/// the system clock), so each timeout fires when the test moves time.
/// </summary>
public sealed partial class RecorderFaultTests
{
    [Theory]
    [InlineData(1001)] // going away, with a close frame: nothing in flight can be lost
    [InlineData(null)] // a drop without a close frame (a TCP reset): the last frames in flight may be
    public async Task Server_drops_are_recorded_as_gaps_every_epoch_is_archived_and_the_books_recover_exactly(int? closeCode)
    {
        await using var harness = await RecorderHarness.StartAsync(markets: 12, assetsPerConnection: 8);
        await harness.WaitForAllSnapshotsAsync();
        harness.Step(150);
        await harness.BarrierAsync();

        // Every connection is dropped after its next frame, and each new one after a few: the recorder keeps reconnecting.
        harness.Simulator.Faults.DisconnectCloseCode = closeCode;
        harness.Simulator.Faults.DisconnectAfterFrames = 3;
        for (var i = 0; i < 10; i++)
        {
            harness.Step(20);
        }

        await harness.WaitForAllSnapshotsAsync(2);
        harness.Simulator.Faults.DisconnectAfterFrames = 0;
        harness.Step(150);
        await harness.WaitForTrueBooksAsync();
        if (closeCode is not null)
        {
            // With close frames nothing is lost, so the frame counts are a barrier (after resets they cannot be).
            harness.Step(100);
            await harness.BarrierAsync();
            await harness.WaitForTrueBooksAsync();
        }

        await harness.Recorder.StopAsync();
        Assert.Null(harness.Recorder.Fault);

        // Zero loss per connection epoch: what each server connection sent is one epoch of the archive.
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        var epochs = ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections, dropsMayLoseTail: closeCode is null);
        Assert.True(epochs.Count > 3, $"only {epochs.Count} epochs: the drops did not happen");

        // The gaps are explicit: each epoch's end is noted with its reason, and every token went Syncing (disconnected).
        var ended = SessionEnds(records);
        var dropped = epochs.Where(e => ended.TryGetValue((e.Connection, e.Epoch), out var reason) && reason != nameof(FeedDisconnectReason.Stopped)).ToList();
        Assert.True(dropped.Count >= 3, $"only {dropped.Count} epochs ended by the server");
        Assert.All(dropped, e => Assert.Equal(
            closeCode is null ? nameof(FeedDisconnectReason.Aborted) : nameof(FeedDisconnectReason.ClosedByServer), ended[(e.Connection, e.Epoch)]));
        var transitions = ArchiveTruth.Transitions(records);
        Assert.All(harness.Tokens, id => Assert.Contains(transitions, t => t is { To: "syncing", Cause: "disconnected" } && t.Asset == id));
    }

    [Fact]
    public async Task Handshakes_refused_with_429_are_paced_and_every_connection_still_records_exactly()
    {
        await using var harness = await RecorderHarness.StartAsync(markets: 12, assetsPerConnection: 8, simulator: venue => venue.Faults.HandshakesPerSecond = 1);
        await harness.WaitForAllSnapshotsAsync();
        harness.Step(200);
        await harness.BarrierAsync();
        await harness.WaitForTrueBooksAsync();
        var status = harness.Recorder.Pool.GetStatus();
        await harness.Recorder.StopAsync();

        // Three connections opened at 100 per second against a limit of one per second: some were refused, then paced.
        Assert.True(status.HandshakeThrottles > 0, "no handshake was refused with 429");
        Assert.Equal(3, status.Connections.Count);
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections);
    }

    [Fact]
    public async Task A_silent_stall_is_detected_after_StaleAfter_and_the_replacements_record_exactly()
    {
        var clock = new ManualTimeProvider();
        var staleAfter = TimeSpan.FromSeconds(60);
        await using var harness = await RecorderHarness.StartAsync(markets: 12, assetsPerConnection: 8, clock: clock, configure: config =>
        {
            config.WebSocket.StaleAfter = staleAfter;
            config.WebSocket.PingInterval = TimeSpan.FromSeconds(50); // PONGs are no data: they must not keep a stalled feed alive
        });
        await harness.PumpUntilAsync(() => harness.Tokens.All(t => harness.Snapshots.CountOf(t) >= 1), "every first snapshot");
        harness.Step(100);
        await harness.BarrierAsync();

        // The venue stalls (sockets open, no data). Just before StaleAfter nothing is judged; just after, every connection is.
        harness.Simulator.Faults.SilentStall = true;
        clock.Advance(staleAfter - TimeSpan.FromSeconds(1));
        harness.Step(50); // not delivered: the stall
        Assert.Equal(0, harness.Recorder.Pool.GetStatus().StaleSessionEnds);
        clock.Advance(TimeSpan.FromSeconds(2));
        harness.PumpStep = TimeSpan.Zero;
        await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus().StaleSessionEnds == 3, "three stale session ends");

        // The venue recovers: the replacements take over and the books are the venue's again.
        // Sessions opened during the stall got no snapshots, and trades were missed (post-trade books carry no trade price, so
        // a book may stay Suspect until the next trade proves its hash): trading and the snapshot timeout bring them back.
        harness.Simulator.Faults.SilentStall = false;
        harness.PumpStep = TimeSpan.Zero;
        harness.TradeEveryLooks = 20;
        await harness.PumpUntilAsync(() => harness.Tokens.All(t => harness.Snapshots.CountOf(t) >= 2), "every snapshot after the stall");
        await harness.WaitForTrueBooksAsync();
        await harness.Recorder.StopAsync();
        Assert.Null(harness.Recorder.Fault);

        // A stale connection is replaced make-before-break: once the replacement (subscribed to the same assets) delivers,
        // the recorder closes the old one, and what the venue was still sending on it is not read. Those epochs may end short.
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections, dropsMayLoseTail: true);
        Assert.True(SessionEnds(records).Values.Count(r => r == nameof(FeedDisconnectReason.Stale)) >= 3, "the stale ends are not on record");
    }

    [Fact]
    public async Task An_asset_the_venue_never_delivers_is_retried_then_reported_and_the_others_stay_exact()
    {
        var clock = new ManualTimeProvider();
        var timeout = TimeSpan.FromSeconds(30);
        await using var harness = await RecorderHarness.StartAsync(
            markets: 12,
            assetsPerConnection: 8,
            clock: clock,
            configure: config => config.WebSocket.SnapshotTimeout = timeout,
            simulator: venue =>
            {
                lock (venue.Engine.Gate)
                {
                    venue.Faults.SilentAssets = ImmutableHashSet.Create(venue.Engine.Universe.Markets[0].Yes.Id);
                }
            });
        var silent = harness.Tokens[0];
        Assert.Equal([silent], harness.Simulator.Faults.SilentAssets);
        var others = harness.Tokens.Skip(1).ToList();
        await harness.PumpUntilAsync(() => others.All(t => harness.Snapshots.CountOf(t) >= 1), "every other token's snapshot");
        Assert.Equal(0, harness.Snapshots.CountOf(silent));

        // Each snapshot timeout retries it: resubscribed on its connection, then moved; after the retries it is reported.
        for (var retry = 1; retry <= 3; retry++)
        {
            await AdvanceWithTrafficAsync(harness, clock, timeout + TimeSpan.FromSeconds(1));
            await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus().SnapshotRetries == retry, $"retry {retry}");
        }

        await AdvanceWithTrafficAsync(harness, clock, timeout + TimeSpan.FromSeconds(1));
        await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus().AssetsNotDelivering == 1, "the silent asset to be reported");
        var status = harness.Recorder.Pool.GetStatus();
        Assert.Equal([silent], harness.Recorder.Pool.NotDeliveringAssets());
        Assert.True(status.SnapshotRetries == 3, $"{status.SnapshotRetries} snapshot retries, not the silent asset's 3 ({harness.DescribePool()})");
        Assert.True(status.AssetMoves >= 1, "the asset was never moved to another connection");

        harness.PumpStep = TimeSpan.Zero;
        harness.Step(200);
        await harness.BarrierAsync();
        await harness.WaitForTrueBooksAsync(others);
        await harness.Recorder.StopAsync();
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections);
        Assert.DoesNotContain(ArchiveTruth.Transitions(records), t => t.Asset == silent && t.To == "live");
    }

    [Fact]
    public async Task Assets_past_the_venues_per_connection_limit_are_moved_or_reported_and_every_delivered_book_is_exact()
    {
        // The pool puts 8 assets on a connection, the venue delivers only the first 6 subscribed on each.
        var clock = new ManualTimeProvider();
        await using var harness = await RecorderHarness.StartAsync(
            markets: 12,
            assetsPerConnection: 8,
            clock: clock,
            configure: config => config.WebSocket.SnapshotTimeout = TimeSpan.FromSeconds(30),
            simulator: venue => venue.Faults.MaxDeliveredAssetsPerConnection = 6);
        await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus() is { AssetsDelivered: 18, AssetsPendingSnapshot: 6 }, "18 snapshots");

        // Each snapshot timeout retries the six: resubscribed where they are, then moved. A move to a fresh connection
        // delivers; one to a connection already past the venue's limit does not, and after its retries the asset is reported.
        for (var round = 0; round < 5 && harness.Recorder.Pool.GetStatus().AssetsPendingSnapshot > 0; round++)
        {
            var before = harness.Recorder.Pool.GetStatus() is var s ? s.SnapshotRetries + s.AssetsNotDelivering : 0;
            await AdvanceWithTrafficAsync(harness, clock, TimeSpan.FromSeconds(31));
            await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus() is var s && s.SnapshotRetries + s.AssetsNotDelivering > before, $"retry round {round + 1}");
            await harness.PumpUntilAsync(() => harness.Recorder.Pool.GetStatus().Connections.All(c => c.State == FeedState.Receiving), "the connections to settle");
        }

        var status = harness.Recorder.Pool.GetStatus();
        Assert.Equal(0, status.AssetsPendingSnapshot);
        Assert.True(status.AssetMoves >= 1, "no asset was moved");
        var reported = harness.Recorder.Pool.NotDeliveringAssets();
        Assert.Equal(status.AssetsNotDelivering, reported.Count);
        Assert.Equal(harness.Tokens.Length, status.AssetsDelivered + status.AssetsNotDelivering);
        Assert.True(status.AssetsDelivered > 18, "no moved asset was delivered");

        var delivered = harness.Tokens.Except(reported).ToList();
        harness.PumpStep = TimeSpan.Zero;
        harness.Step(200);
        await harness.BarrierAsync();
        await harness.WaitForTrueBooksAsync(delivered);
        await harness.Recorder.StopAsync();
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections);
    }

    /// <summary>
    /// Trades on every market (so no connection looks silent or stale: that is not what these tests are about), waits until the
    /// recorder has it, then moves the clock. A connection the pool just opened must have its subscription answered first:
    /// under load the answer could come after the barrier, and the jump would end that session as stale and lose the answer
    /// (seen as "applied 105 frames of 106 sent": a fresh connection for the silent asset, ended Stale with nothing received).
    /// </summary>
    private static async Task AdvanceWithTrafficAsync(RecorderHarness harness, ManualTimeProvider clock, TimeSpan by)
    {
        await harness.PumpUntilAsync(harness.EverySessionAnswered, "every connection's subscription to be answered");
        harness.MutateEveryMarket();
        await harness.BarrierAsync();
        clock.Advance(by);
    }

    /// <summary>The archive's session_ended notes: the reason each connection epoch ended.</summary>
    private static Dictionary<(string Connection, int Epoch), string> SessionEnds(IEnumerable<ArchiveRecord> records) =>
        records.Where(r => r.Kind == ArchiveRecordKind.Note && r.EventType == "session_ended")
            .ToDictionary(r => (r.Connection, r.Epoch), r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("reason").GetString()!);
}
