using Polytape.Archive;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;
using Polytape.Stores.Loading;
using Polytape.Stores.Model;
using Polytape.Stores.Tests.Support;
using Polytape.TestSupport;

namespace Polytape.Stores.Tests;

/// <summary>
/// What every store must do, run against each backend: archive → store → the books rebuilt from rows equal the books
/// rebuilt from the archive; reloads are idempotent; time windows; the position survives a restart; outages are
/// retried and caught up.
/// </summary>
public abstract class StoreContractTests : IDisposable
{
    protected StoreContractTests()
    {
        Directory.CreateDirectory(ArchiveDirectory);
    }

    protected TempDirectory Temp { get; } = new();

    protected string ArchiveDirectory => Temp.Combine("archive");

    /// <summary>A new, empty store (each call in one test returns a handle on the same database).</summary>
    protected abstract IStore CreateStore();

    [Fact]
    public async Task Load_Archive_BooksRebuiltFromRowsEqualBooksRebuiltFromArchive()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build());
        await using var store = CreateStore();
        var result = await Loader(store).LoadAsync(retention: false);

        Assert.Equal(records.Count, result.Records);
        Assert.Equal(records[^1].Sequence, result.Position);
        Assert.Equal(records[^1].Sequence, await store.GetPositionAsync());

        // Compare every asset at many moments, including right after snapshots and REST books.
        var reference = new ReferenceBooks();
        var compared = 0;
        foreach (var record in records)
        {
            reference.Apply(record);
            if (record.Sequence % 37 != 0 && record.Kind != ArchiveRecordKind.Rest && record.Sequence != records[^1].Sequence)
            {
                continue;
            }

            foreach (var asset in reference.Assets)
            {
                var expected = reference.Levels(asset)!.Value;
                var stored = await store.ReadBookAsync(asset, record.Sequence);
                Assert.NotNull(stored);
                Assert.Equal(expected.Bids, stored.Bids);
                Assert.Equal(expected.Asks, stored.Asks);
                compared++;
            }
        }

        Assert.True(compared > 50, $"only {compared} books compared");
        var counts = await store.CountRowsAsync();
        foreach (var table in new[] { "markets", "outcomes", "book_snapshots", "book_levels", "level_changes", "top_of_book", "trades", "tick_size_changes", "market_lifecycle", "continuity" })
        {
            Assert.True(counts[table] > 0, $"{table} is empty");
        }
    }

    [Fact]
    public async Task Load_SameArchiveTwice_GivesIdenticalRows()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 150));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);
        var first = await store.CountRowsAsync();
        var asset = Assert.IsType<string>(FirstAsset(records));
        var bookBefore = await store.ReadBookAsync(asset, records[^1].Sequence);

        var again = await Loader(store).LoadAsync(retention: false);

        Assert.Equal(records.Count, again.Records);
        Assert.Equal(first, await store.CountRowsAsync());
        var bookAfter = await store.ReadBookAsync(asset, records[^1].Sequence);
        Assert.Equal(bookBefore!.Bids, bookAfter!.Bids);
        Assert.Equal(bookBefore.Asks, bookAfter.Asks);
        Assert.Equal(records[^1].Sequence, await store.GetPositionAsync());
    }

    [Fact]
    public async Task Load_SinceUntil_LoadsOnlyTheRecordsReceivedInTheWindow()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 150));
        await using var store = CreateStore();
        var window = new LoadWindow { Since = TestArchive.TimeOf(21), Until = TestArchive.TimeOf(61) };

        var result = await Loader(store).LoadAsync(window, retention: false);

        Assert.Equal(40, result.Records);
        Assert.Equal(21, result.FirstSequence);
        Assert.Equal(60, result.LastSequence);
        Assert.Equal(60, await store.GetPositionAsync());

        // Resuming from the position loads the rest, and the whole then equals a full load.
        var rest = await Loader(store).LoadAsync(new LoadWindow { Resume = true }, retention: false);
        Assert.Equal(records.Count - 60, rest.Records);
        var partial = await store.CountRowsAsync();
        await using var full = CreateSecondStore();
        await Loader(full).LoadAsync(retention: false);
        var fullCounts = await full.CountRowsAsync();
        foreach (var (table, count) in fullCounts)
        {
            // Only the first 20 records are missing from the windowed store: catalog rows and the initial books.
            if (table is not ("markets" or "outcomes" or "book_snapshots" or "book_levels" or "top_of_book"))
            {
                Assert.True(count >= partial[table], table);
            }
        }

        Assert.Equal(0, partial["markets"]);
        Assert.True(fullCounts["markets"] > 0);
    }

    [Fact]
    public async Task Position_SurvivesRestart_AndResumeLoadsOnlyNewRecords()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 60));
        await using (var store = CreateStore())
        {
            await Loader(store).LoadAsync(retention: false);
        }

        var more = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 40, seed: 2, firstSequence: records.Count + 1));
        await using (var reopened = CreateStore())
        {
            Assert.Equal(records[^1].Sequence, await reopened.GetPositionAsync());
            var resumed = await Loader(reopened).LoadAsync(new LoadWindow { Resume = true }, retention: false);
            Assert.Equal(more.Count - records.Count, resumed.Records);
            Assert.Equal(records[^1].Sequence + 1, resumed.FirstSequence);
            Assert.Equal(more[^1].Sequence, await reopened.GetPositionAsync());
        }
    }

    [Fact]
    public async Task Loader_StoreDown_RetriesWithBackoffAndCatchesUp()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 100));
        using var time = new SignallingTimeProvider();
        await using var store = new FlakyStore(CreateStore(), failures: 3);
        var loader = new StoreLoader(store, ArchiveDirectory, new StoreLoaderOptions { BatchRecords = BatchRecords / 2 }, time);

        var load = loader.LoadAsync(retention: false);
        for (var failure = 0; failure < 3; failure++)
        {
            await Task.WhenAny(store.NextFailure, load).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(load.IsCompleted, $"the load ended early at failure {failure}, errors {loader.Errors}: {load.Exception}");
            await store.WaitUntilRetryScheduledAsync(time);
            // Exactly the backoff: 0.5 s, then doubling (a longer step could also fire the next retry's timer).
            time.Advance(TimeSpan.FromMilliseconds(500 << failure));
        }

        var result = await load.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, loader.Errors);
        Assert.Equal(records[^1].Sequence, result.Position);
        Assert.Equal(records.Count, result.Records);
        await using var clean = CreateSecondStore();
        await Loader(clean).LoadAsync(retention: false);
        Assert.Equal(await clean.CountRowsAsync(), await store.CountRowsAsync());
    }

    [Fact]
    public async Task RunAsync_FollowsALiveArchive_IncludingTheFlushedRecordsOfTheOpenFile()
    {
        using var time = new SignallingTimeProvider();
        var records = TestArchive.Build(steps: 120);
        await using var writer = await TestArchive.OpenWriterAsync(ArchiveDirectory);
        foreach (var record in records.Take(100))
        {
            await writer.AppendAsync(record);
        }

        await writer.FlushAsync();
        await using var store = new FlakyStore(CreateStore(), failures: 0);
        var loader = new StoreLoader(store, ArchiveDirectory, new StoreLoaderOptions { BatchRecords = BatchRecords / 2, PollInterval = TimeSpan.FromSeconds(1) }, time);
        using var stop = new CancellationTokenSource();
        var run = loader.RunAsync(stop.Token);

        // The store signals once it has committed; the loader's own counters follow a moment later.
        await store.WaitForPositionAsync(100);
        Assert.Equal(100, await store.GetPositionAsync());
        Assert.Single(Directory.GetFiles(ArchiveDirectory, "*.open"));

        // More records arrive in the still-open file; the next poll picks them up.
        await time.WaitForTimerAsync();
        foreach (var record in records.Skip(100))
        {
            await writer.AppendAsync(record);
        }

        await writer.FlushAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await store.WaitForPositionAsync(records.Count);

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(records.Count, loader.RecordsLoaded);
        Assert.Equal(0, loader.Lag);
        var reference = new ReferenceBooks();
        foreach (var record in ArchiveReader.Read(ArchiveDirectory))
        {
            reference.Apply(record);
        }

        foreach (var asset in reference.Assets)
        {
            var stored = await store.ReadBookAsync(asset, records.Count);
            Assert.Equal(reference.Levels(asset)!.Value.Bids, stored!.Bids);
        }
    }

    /// <summary>
    /// The hash column holds what it held when rows carried the hash as a string: 40 lower-case hex characters as
    /// text, or NULL. Each store formats the <see cref="BookHash"/> itself, so each is checked.
    /// </summary>
    [Fact]
    public async Task Write_RowsWithAndWithoutAHash_StoreItsLowerCaseHexTextOrNull()
    {
        const string Hex = "0458ea5755c9f73d64a14636fa5c36ed460ec394";
        var hash = BookHash.ParseHex(Hex.ToUpperInvariant());
        const long Received = TestArchive.StartMicros;
        var batch = new RowBatch();
        batch.Cover(1, Received);
        batch.Cover(2, Received + 1);
        BookLevel[] bids = [new(Price.FromUnits(4_900), Size.Parse("10"))];
        batch.Snapshots.Add(new BookSnapshotRow(new RowKey(1, 0, Received, 1_790_000_000_000), "0xabc", "asset-a", BookSource.WebSocket, true, hash, Price.FromUnits(100), bids, []));
        batch.Snapshots.Add(new BookSnapshotRow(new RowKey(1, 1, Received, -1), "0xabc", "asset-b", BookSource.Rest, false, default, Price.FromUnits(100), bids, []));
        batch.LevelChanges.Add(new LevelChangeRow(new RowKey(2, 0, Received + 1, 1_790_000_000_001), "0xabc", "asset-a", Side.Ask, Price.FromUnits(5_100), Size.Parse("3"), Price.FromUnits(4_900), Price.FromUnits(5_100), true, hash));
        batch.LevelChanges.Add(new LevelChangeRow(new RowKey(2, 1, Received + 1, 1_790_000_000_001), "0xabc", "asset-b", Side.Bid, Price.FromUnits(4_800), Size.Zero, Price.Empty, Price.Empty, false, default));
        await using var store = CreateStore();
        await store.EnsureSchemaAsync();

        await store.WriteAsync(batch);

        foreach (var table in new[] { "book_snapshots", "level_changes" })
        {
            Assert.Equal(Hex, HashText(table, 0));
            Assert.Equal(NullHash, HashText(table, 1));
        }
    }

    /// <summary>What <see cref="HashText"/> gives for a NULL hash.</summary>
    protected const string NullHash = "(null)";

    /// <summary>
    /// The raw <c>hash</c> column of the row of <paramref name="table"/> with this idx, read with the store's own SQL
    /// client (<see cref="NullHash"/> for NULL): <c>SELECT coalesce(hash, '(null)') FROM table WHERE idx = …</c>.
    /// </summary>
    protected abstract object? HashText(string table, int index);

    [Fact]
    public async Task Retention_DeletesOnlyRowsOlderThanTheirTablesPeriod()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 100));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);
        var before = await store.CountRowsAsync();

        // 40 days after the archive: level changes (30 days) go, snapshots and trades (90 days) stay.
        var deleted = await store.ApplyRetentionAsync(RetentionPolicy.Default, TestArchive.TimeOf(1).AddDays(40));
        var after = await store.CountRowsAsync();

        Assert.Equal(0, after["level_changes"]);
        Assert.Equal(before["trades"], after["trades"]);
        Assert.Equal(before["book_levels"], after["book_levels"]);
        Assert.True(deleted < 0 || deleted == before["level_changes"], $"deleted {deleted}");

        await store.ApplyRetentionAsync(RetentionPolicy.Default, TestArchive.TimeOf(1).AddDays(100));
        var later = await store.CountRowsAsync();
        Assert.Equal(0, later["trades"]);
        Assert.Equal(0, later["book_levels"]);
        Assert.Equal(before["markets"], later["markets"]);
        Assert.Equal(before["continuity"], later["continuity"]);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A second, independent empty store, for comparisons.</summary>
    protected abstract IStore CreateSecondStore();

    protected virtual void Dispose(bool disposing) => Temp.Dispose();

    /// <summary>Small enough for several batches per test archive (odd, so batches do not align with anything).</summary>
    protected virtual int BatchRecords => 97;

    protected StoreLoader Loader(IStore store) =>
        new(store, ArchiveDirectory, new StoreLoaderOptions { BatchRecords = BatchRecords, MaxAttempts = 1 });

    private static string? FirstAsset(List<ArchiveRecord> records)
    {
        var reference = new ReferenceBooks();
        foreach (var record in records)
        {
            reference.Apply(record);
        }

        return reference.Assets.FirstOrDefault();
    }
}
