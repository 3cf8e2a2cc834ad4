using Npgsql;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.Loading;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;
using Polytape.Stores.Postgres;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

/// <summary>The store contract and PostgreSQL's own behaviour, against a real PostgreSQL server (see <see cref="TestServers"/>).</summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    private readonly PostgresDatabase _database = new();
    private readonly Lazy<PostgresDatabase> _second = new(() => new PostgresDatabase());

    protected override IStore CreateStore() => new PostgresStore(_database.ConnectionString);

    protected override IStore CreateSecondStore() => new PostgresStore(_second.Value.ConnectionString);

    protected override object? HashText(string table, int index) =>
        _database.Scalar($"SELECT coalesce(hash, '{NullHash}') FROM {table} WHERE idx = {index}");

    [Fact]
    public async Task Load_CreatesDailyPartitionsAndAVersionedSchema()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 30));
        await using var store = new PostgresStore(_database.Url);
        await Loader(store).LoadAsync(retention: false);

        Assert.Equal(2, _database.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal("level_changes_p20260921", _database.Scalar(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'level_changes'::regclass"));
        Assert.True((long)_database.Scalar("SELECT count(*) FROM ohlc_1m")! > 0);
        Assert.Equal(0L, _database.Scalar("SELECT count(*) FROM ohlc_1m WHERE low > high OR open > high OR close < low"));
        Assert.Equal("numeric", _database.Scalar("SELECT data_type FROM information_schema.columns WHERE table_name = 'trades' AND column_name = 'price'"));
        AssertLoadingIndexes("level_changes_p20260921");
    }

    [Fact]
    public async Task Version1Database_MigratesToTheLoadingIndexes_KeepingItsRowsQueryableAndReloadable()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 120));
        // A database as version 1 left it: primary keys, the text asset indexes, and rows in a day partition.
        foreach (var statement in PostgresSchema.Migrations[0])
        {
            _database.Scalar(statement);
        }

        _database.Scalar("CREATE TABLE schema_version (version integer NOT NULL); INSERT INTO schema_version VALUES (1)");
        await using var store = new PostgresStore(_database.ConnectionString);
        var normaliser = new RecordNormaliser();
        foreach (var chunk in records.Chunk(BatchRecords))
        {
            var batch = new RowBatch();
            foreach (var record in chunk)
            {
                normaliser.Add(record, batch);
            }

            await store.WriteAsync(batch);
        }

        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'level_changes_p20260921' AND indexdef LIKE '%(asset_id, sequence)%'"));
        var before = await store.CountRowsAsync();

        await store.EnsureSchemaAsync();

        Assert.Equal(2, _database.Scalar("SELECT max(version) FROM schema_version"));
        AssertLoadingIndexes("level_changes_p20260921");
        Assert.Equal(before, await store.CountRowsAsync());
        var reference = new ReferenceBooks();
        foreach (var record in records)
        {
            reference.Apply(record);
        }

        foreach (var asset in reference.Assets)
        {
            var stored = await store.ReadBookAsync(asset, records[^1].Sequence);
            Assert.NotNull(stored);
            Assert.Equal(reference.Levels(asset)!.Value.Bids, stored.Bids);
            Assert.Equal(reference.Levels(asset)!.Value.Asks, stored.Asks);
        }

        // Reloading replaces the ranges through the BRIN index: the same rows, not twice as many.
        await Loader(store).LoadAsync(retention: false);
        Assert.Equal(before, await store.CountRowsAsync());
        Assert.Equal(records[^1].Sequence, await store.GetPositionAsync());
    }

    [Fact]
    public async Task Write_SendsRowsOfAnIndexedTableGroupedByAsset_AndBookLevelsInBatchOrder()
    {
        var batch = new RowBatch();
        string[] assets = ["9", "10", "9", "2", "10", "9"];
        for (var i = 0; i < assets.Length; i++)
        {
            var key = new RowKey(100 + i, 0, 1_758_412_800_000_000 + i, -1);
            batch.Cover(key.Sequence, key.ReceivedAtMicros);
            // A fresh id instance per row, as parsed ids are: rows group by the id's value.
            batch.TopOfBook.Add(new TopOfBookRow(key, new string(assets[i].AsSpan()), Price.FromUnits(5_000), Price.Empty, TopOfBookSource.Book));
            batch.Snapshots.Add(new BookSnapshotRow(
                key, "0xm", assets[i], BookSource.WebSocket, false, default, Price.FromUnits(100), [new BookLevel(Price.FromUnits(4_000 + i), Size.FromUnits(1_000_000))], []));
        }

        await using var store = new PostgresStore(_database.ConnectionString);
        await store.EnsureSchemaAsync();
        await store.WriteAsync(batch);

        // Heap order: top of book by asset id bytes ("10" < "2" < "9"), batch order within an asset; levels as sent.
        Assert.Equal("10:101,10:104,2:103,9:100,9:102,9:105", _database.Scalar("SELECT string_agg(asset_id || ':' || sequence, ',' ORDER BY ctid) FROM top_of_book"));
        Assert.Equal("100,101,102,103,104,105", _database.Scalar("SELECT string_agg(sequence::text, ',' ORDER BY ctid) FROM book_levels"));
    }

    [Theory]
    [InlineData(0L, 4, "0.0000")]
    [InlineData(1L, 4, "0.0001")]
    [InlineData(10_000L, 4, "1.0000")]
    [InlineData(9_999L, 4, "0.9999")]
    [InlineData(123_456_789L, 4, "12345.6789")]
    [InlineData(0L, 6, "0.000000")]
    [InlineData(1L, 6, "0.000001")]
    [InlineData(500L, 6, "0.000500")]
    [InlineData(1_500_000L, 6, "1.500000")]
    [InlineData(100_000_000_000L, 6, "100000.000000")]
    [InlineData(987_654_321_012_345L, 6, "987654321.012345")]
    [InlineData(long.MaxValue, 6, "9223372036854.775807")]
    public async Task RowSink_EncodesExactNumerics(long units, int scale, string expected)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE numbers (n numeric, t text, f boolean)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginRawBinaryCopyAsync("COPY numbers (n, t, f) FROM STDIN (FORMAT BINARY)"))
        {
            var sink = new PostgresRowSink();
            sink.Begin(copy, columns: 3);
            sink.BeginRow();
            sink.Numeric(units, scale);
            sink.Text("é€");
            sink.Flag(true);
            sink.EndRow();
            sink.Complete();
        }

        Assert.Equal(expected, _database.Scalar("SELECT n::text FROM numbers"));
        Assert.Equal(expected, _database.Scalar($"SELECT round(n, {scale})::text FROM numbers"));
        Assert.Equal("é€", _database.Scalar("SELECT t FROM numbers"));
        Assert.Equal(true, _database.Scalar("SELECT f FROM numbers"));
    }

    [Fact]
    public async Task WrongPassword_FailsAtOnceWithAClearNonTransientError()
    {
        await using var store = new PostgresStore(_database.With(b => b.Password = "not-the-password"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.EnsureSchemaAsync());

        Assert.Contains("rejected the login", error.Message, StringComparison.Ordinal);
        Assert.Contains("user name or password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task UnreachableServer_SaysWhereAndIsTransient()
    {
        await using var relay = new TcpRelay(_database.Host, _database.Port);
        relay.Cut();
        await using var store = new PostgresStore(_database.With(b => b.Port = relay.Port));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.EnsureSchemaAsync());

        Assert.Contains($"127.0.0.1:{relay.Port}", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task MissingDatabase_SaysToCreateIt()
    {
        await using var store = new PostgresStore(_database.With(b => b.Database = "polytape_no_such_db"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.EnsureSchemaAsync());

        Assert.Contains("polytape_no_such_db", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task NetworkCut_DuringALiveLoad_IsRetriedAndCaughtUpWithoutLosingOrDoublingRows()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 200));
        await using var relay = new TcpRelay(_database.Host, _database.Port);
        using var time = new SignallingTimeProvider();
        await using var store = new FlakyStore(new PostgresStore(_database.With(b => { b.Port = relay.Port; b.Pooling = false; })), failures: 0);
        var loader = new StoreLoader(store, ArchiveDirectory, new StoreLoaderOptions { BatchRecords = BatchRecords / 2 }, time);

        await store.EnsureSchemaAsync();
        relay.Cut();
        var load = loader.LoadAsync(retention: false);
        await Task.WhenAny(time.WaitForTimerAsync(), load);
        Assert.False(load.IsCompleted, $"the load ended instead of retrying: {load.Exception}");
        Assert.True(loader.Errors >= 1);
        Assert.Contains("PostgreSQL", loader.LastError!.Message, StringComparison.Ordinal);

        relay.Restore();
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await load.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(records[^1].Sequence, result.Position);
        await using var clean = CreateSecondStore();
        await Loader(clean).LoadAsync(retention: false);
        Assert.Equal(await clean.CountRowsAsync(), await store.CountRowsAsync());
    }

    [Fact]
    public async Task Retention_DropsWholeDayPartitions()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 30));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);

        await store.ApplyRetentionAsync(RetentionPolicy.Default, TestArchive.TimeOf(1).AddDays(40));

        Assert.Equal(0L, _database.Scalar(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'level_changes'::regclass"));
        Assert.Equal(1L, _database.Scalar(
            "SELECT count(*) FROM pg_inherits WHERE inhparent = 'trades'::regclass"));

        // A later batch for that day recreates its partition.
        await Loader(store).LoadAsync(retention: false);
        Assert.True((long)_database.Scalar("SELECT count(*) FROM level_changes")! > 0);
    }

    /// <summary>Version 2's indexes on a partition: no primary key, a BRIN index on sequence, the asset index on the hashed id.</summary>
    private void AssertLoadingIndexes(string partition)
    {
        Assert.Equal(0L, _database.Scalar(
            "SELECT count(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'p' AND t.relnamespace = 'public'::regnamespace AND t.relname <> 'load_position'"));
        Assert.Equal(1L, _database.Scalar($"SELECT count(*) FROM pg_indexes WHERE tablename = '{partition}' AND indexdef LIKE '%USING brin (sequence)%'"));
        Assert.Equal(1L, _database.Scalar($"SELECT count(*) FROM pg_indexes WHERE tablename = '{partition}' AND indexdef LIKE '%hashtextextended(asset_id, %'"));
        Assert.Equal(2L, _database.Scalar($"SELECT count(*) FROM pg_indexes WHERE tablename = '{partition}'"));
    }

    protected override void Dispose(bool disposing)
    {
        NpgsqlConnection.ClearAllPools();
        _database.Dispose();
        if (_second.IsValueCreated)
        {
            _second.Value.Dispose();
        }

        base.Dispose(disposing);
    }
}
