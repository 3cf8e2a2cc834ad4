using System.Net;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Status;
using Polytape.Domain.Continuity;

namespace Polytape.Collector.Tests.Recording;

/// <summary><c>polytape record</c> end to end: discovery, pooled connections, ingest, archive, status and metrics.</summary>
public sealed class RecorderTests
{
    [Fact]
    public async Task Records_every_discovered_token_with_exact_books_and_every_frame_archived_once_in_order()
    {
        await using var harness = await RecorderHarness.StartAsync(markets: 20, assetsPerConnection: 15);
        var tokens = harness.Tokens;
        await harness.WaitForAllSnapshotsAsync();
        for (var i = 0; i < 5; i++)
        {
            harness.Step(500);
        }

        await harness.BarrierAsync();

        // (b) every Live asset's book equals the simulator's true book.
        var truth = harness.TrueBooks();
        var local = await harness.Recorder.Pipeline.InvokeAsync(keeper => tokens.ToDictionary(
            id => id,
            id => keeper.TryGetAsset(id, out var asset) ? (asset.State, asset.Book.Bids.WireOrder.ToArray(), asset.Book.Asks.WireOrder.ToArray()) : default));
        var causes = await harness.Recorder.Pipeline.InvokeAsync(keeper => string.Join(" ", keeper.Assets.Where(a => a.State != ContinuityState.Live).Select(a => $"{a.State}:{a.Cause}")));
        Assert.True(causes.Length == 0, causes);
        Assert.All(tokens, id =>
        {
            Assert.Equal(ContinuityState.Live, local[id].State);
            Assert.Equal(truth[id].Bids, local[id].Item2);
            Assert.Equal(truth[id].Asks, local[id].Item3);
        });

        // 40 tokens at 15 per connection: three connections.
        var status = harness.Recorder.GetStatus();
        Assert.Equal(RecorderState.RunningReceiving, status.State);
        Assert.Equal(3, status.Connections.Count);
        Assert.All(status.Connections, c => Assert.Equal(45, c.SilenceAllowanceSeconds)); // the default suspect silence: nothing proved quiet yet
        Assert.Equal(tokens.Length, status.Assets.Total); // Live counts come from a summary the ingest loop refreshes every 200 ms

        // Observability over HTTP.
        using var http = new HttpClient { BaseAddress = harness.Recorder.ListenUri };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(StatusEndpoints.ReadyPath, UriKind.Relative))).StatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("polytape_messages_total", metrics, StringComparison.Ordinal);
        Assert.Contains("polytape_archive_bytes", metrics, StringComparison.Ordinal);

        await harness.Recorder.StopAsync();
        Assert.Null(harness.Recorder.Fault);

        // (a) every frame the simulator sent on each connection is archived exactly once, in order, byte for byte.
        var records = await ArchiveTruth.ReadSealedAsync(harness.ArchiveDirectory);
        var epochs = ArchiveTruth.AssertEveryFrameArchivedOnceInOrder(records, harness.Simulator.Hub.Connections);
        Assert.Equal(3, epochs.Count);

        // The catalog, the subscription sets and the continuity transitions are in the log too.
        var catalogued = records.Where(r => r.Kind == ArchiveRecordKind.Catalog && r.EventType == "catalog").Count();
        Assert.Equal(20, catalogued);
        Assert.Contains(records, r => r.Kind == ArchiveRecordKind.Subscription);
        var live = records.Where(r => r.Kind == ArchiveRecordKind.Continuity)
            .Select(r => JsonDocument.Parse(r.Payload).RootElement)
            .Where(e => e.GetProperty("to").GetString() == "live")
            .Select(e => e.GetProperty("asset").GetString()!)
            .ToHashSet();
        Assert.Superset(tokens.ToHashSet(), live);
    }

    [Fact]
    public async Task An_abrupt_disconnect_is_recorded_as_a_gap_and_the_books_recover_exactly()
    {
        await using var harness = await RecorderHarness.StartAsync(markets: 10, assetsPerConnection: 50);
        var tokens = harness.Tokens;
        await harness.WaitForAllSnapshotsAsync();
        harness.Step(300);

        // The server drops the connection after a few more frames; the recorder reconnects and replays its set.
        harness.Simulator.Faults.DisconnectAfterFrames = 5;
        harness.Step(300);
        await harness.WaitForAllSnapshotsAsync(2);
        harness.Simulator.Faults.DisconnectAfterFrames = 0;
        harness.Step(300);
        await harness.WaitForTrueBooksAsync();

        await harness.Recorder.StopAsync();
        var records = ArchiveReader.Read(ArchiveReader.ListFiles(harness.ArchiveDirectory)).ToList();

        // The gap is explicit: every token went back to Syncing, caused by the disconnect, then Live again.
        var transitions = records.Where(r => r.Kind == ArchiveRecordKind.Continuity)
            .Select(r => JsonDocument.Parse(r.Payload).RootElement)
            .ToList();
        Assert.All(tokens, id => Assert.Contains(transitions, t => t.GetProperty("asset").GetString() == id
            && t.GetProperty("to").GetString() == "syncing" && t.GetProperty("cause").GetString() == "disconnected"));
        Assert.True(records.Where(r => r.Kind == ArchiveRecordKind.Ws).Select(r => r.Epoch).Distinct().Count() >= 2, "a second epoch after the reconnect");
    }

    [Fact]
    public async Task Fills_the_embedded_sqlite_store_live_and_its_books_equal_the_truth()
    {
        string database = string.Empty;
        await using var harness = await RecorderHarness.StartAsync(markets: 6, assetsPerConnection: 200, configure: config =>
        {
            config.Storage.Sqlite.Enabled = true;
            config.Storage.Sqlite.Path = database = Path.Combine(Path.GetDirectoryName(config.Archive.Directory)!, "polytape.db");
        });
        await harness.WaitForAllSnapshotsAsync();
        harness.Step(400);
        await harness.BarrierAsync();
        var truth = harness.TrueBooks();

        // The live loader follows the archive as it is flushed; let it reach what is archived so far.
        var loader = Assert.Single(harness.Recorder.Stores.Loaders);
        var archived = harness.Recorder.Archive.LastSequence;
        var deadline = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (loader.Position < archived)
        {
            Assert.True(TimeProvider.System.GetTimestamp() < deadline, $"the live loader reached {loader.Position} of {archived}");
            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System); // paces the re-reading, not a synchronisation
        }

        await harness.Recorder.StopAsync();
        var lastSequence = ArchiveReader.Read(ArchiveReader.ListFiles(harness.ArchiveDirectory)).Max(r => r.Sequence);

        // At stop the loader caught up with the sealed archive, resuming after its position: every record was loaded
        // exactly once, live or in that final catch-up (not the whole archive again).
        Assert.Equal(lastSequence, loader.RecordsLoaded);

        // The store's books are the simulator's.
        await using var store = Stores.StoreFactory.Create(new Stores.StoreSpec(Stores.StoreKind.Sqlite, database));
        Assert.Equal(lastSequence, await store.GetPositionAsync());
        var rows = await store.CountRowsAsync();
        Assert.True(rows["level_changes"] > 0 && rows["book_snapshots"] > 0 && rows["markets"] == 6, string.Join(", ", rows));
        foreach (var id in harness.Tokens)
        {
            var book = await store.ReadBookAsync(id, lastSequence);
            Assert.NotNull(book);
            Assert.Equal(truth[id].Bids.Reverse(), book.Bids);
            Assert.Equal(truth[id].Asks.Reverse(), book.Asks);
        }
    }
}
