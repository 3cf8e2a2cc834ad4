using Microsoft.Data.Sqlite;
using Polytape.Domain.Numerics;
using Polytape.Stores.Model;
using Polytape.Stores.Normalising;
using Polytape.Stores.Schema;
using Polytape.Stores.Sqlite;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

/// <summary>The store contract and SQLite's own behaviour: asset keys and the migration from text asset ids.</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    protected override IStore CreateStore() => new SqliteStore(Temp.Combine("store.db"));

    protected override IStore CreateSecondStore() => new SqliteStore(Temp.Combine("second.db"));

    /// <summary>A blob (rather than text) would come back as a byte array and fail the comparison.</summary>
    protected override object? HashText(string table, int index) =>
        Scalar(Temp.Combine("store.db"), $"SELECT coalesce(hash, '{NullHash}') FROM {table} WHERE idx = {index}");

    [Fact]
    public async Task Load_StoresEachAssetIdOnce_AndTheViewsShowTheIdsBack()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 60));
        var path = Temp.Combine("keys.db");
        await using var store = new SqliteStore(path);
        await Loader(store).LoadAsync(retention: false);
        var counts = await store.CountRowsAsync();

        Assert.Equal(2L, Scalar(path, "SELECT max(version) FROM schema_version"));
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM pragma_table_info('level_changes') WHERE name = 'asset_id'"));
        Assert.Equal("INTEGER", Scalar(path, "SELECT type FROM pragma_table_info('level_changes') WHERE name = 'asset_key'"));
        var everyAsset = string.Join(" UNION ", SqliteSchema.Keyed.Select(table => $"SELECT asset_id FROM {table.Name}_v"));
        Assert.Equal(Scalar(path, $"SELECT count(*) FROM ({everyAsset})"), Scalar(path, "SELECT count(*) FROM assets"));
        foreach (var table in SqliteSchema.Keyed)
        {
            // Every row's key resolves: the view (an inner join) loses none.
            Assert.Equal(counts[table.Name], Scalar(path, $"SELECT count(*) FROM {table.Name}_v"));
        }

        var asset = (string)Scalar(path, "SELECT asset_id FROM level_changes_v ORDER BY sequence LIMIT 1")!;
        Assert.NotEmpty(asset);
        Assert.Equal(
            Scalar(path, $"SELECT count(*) FROM level_changes WHERE asset_key = (SELECT asset_key FROM assets WHERE asset_id = '{asset}')"),
            Scalar(path, $"SELECT count(*) FROM level_changes_v WHERE asset_id = '{asset}'"));
        Assert.True((long)counts["level_changes"] > records.Count / 10, "the archive gave too few level changes to test");
    }

    [Fact]
    public async Task FailedBatch_ForgetsTheAssetKeysItAdded()
    {
        var path = Temp.Combine("rollback.db");
        await using var store = new SqliteStore(path);
        await store.EnsureSchemaAsync();

        // Two rows with the same (sequence, idx): the batch fails after its new asset got a key in the transaction.
        var failing = Batch(1, ("asset-a", 0), ("asset-a", 0));
        await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(failing));
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM assets"));

        // The rolled-back key is free again; if the writer still held it for asset-a, both assets would share it.
        await store.WriteAsync(Batch(2, ("asset-b", 0)));
        await store.WriteAsync(Batch(3, ("asset-a", 0)));

        Assert.Equal(2L, Scalar(path, "SELECT count(*) FROM assets"));
        Assert.Equal(2L, Scalar(path, "SELECT count(DISTINCT asset_key) FROM top_of_book"));
        Assert.Equal("asset-b", Scalar(path, "SELECT asset_id FROM top_of_book_v WHERE sequence = 2"));
        Assert.Equal("asset-a", Scalar(path, "SELECT asset_id FROM top_of_book_v WHERE sequence = 3"));
    }

    [Fact]
    public async Task Version1File_MigratesToAssetKeys_KeepingItsRowsQueryableAndReloadable()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 120));
        var path = Temp.Combine("v1.db");
        IReadOnlyDictionary<string, long> before = WriteVersion1File(path, records);

        await using var store = new SqliteStore(path);
        await store.EnsureSchemaAsync();

        Assert.Equal(2L, Scalar(path, "SELECT max(version) FROM schema_version"));
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM pragma_table_info('trades') WHERE name = 'asset_id'"));
        Assert.Equal(before, await store.CountRowsAsync());
        Assert.Equal(records[^1].Sequence, await store.GetPositionAsync());
        var reference = new ReferenceBooks();
        foreach (var record in records)
        {
            reference.Apply(record);
        }

        Assert.NotEmpty(reference.Assets);
        foreach (var asset in reference.Assets)
        {
            var stored = await store.ReadBookAsync(asset, records[^1].Sequence);
            Assert.NotNull(stored);
            Assert.Equal(reference.Levels(asset)!.Value.Bids, stored.Bids);
            Assert.Equal(reference.Levels(asset)!.Value.Asks, stored.Asks);
        }

        // Reloading replaces the migrated rows (and reuses the migrated keys): the same rows, not twice as many.
        var assets = Scalar(path, "SELECT count(*) FROM assets");
        await Loader(store).LoadAsync(retention: false);
        Assert.Equal(before, await store.CountRowsAsync());
        Assert.Equal(assets, Scalar(path, "SELECT count(*) FROM assets"));
    }

    /// <summary>A file as version 1 left it: text asset ids in every table, the records loaded in one transaction.</summary>
    private static Dictionary<string, long> WriteVersion1File(string path, List<Polytape.Archive.ArchiveRecord> records)
    {
        var batch = new RowBatch();
        var normaliser = new RecordNormaliser();
        foreach (var record in records)
        {
            normaliser.Add(record, batch);
        }

        using var connection = Open(path);
        Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
        Execute(connection, "INSERT INTO schema_version (version) VALUES (1)");
        foreach (var statement in SqliteSchema.Migrations[0])
        {
            Execute(connection, statement);
        }

        using (var transaction = connection.BeginTransaction())
        {
            foreach (var table in StoreTables.All)
            {
                var columns = string.Join(", ", table.Columns.Select(SqliteSchema.ColumnName));
                var parameters = string.Join(", ", table.Columns.Select(_ => "?"));
                using var sink = new SqliteRowSink(connection, $"INSERT INTO {table.Name} ({columns}) VALUES ({parameters})");
                table.Write(batch, sink);
            }

            transaction.Commit();
        }

        Execute(connection, $"UPDATE load_position SET sequence = {records[^1].Sequence}");
        Assert.Equal(1L, Execute(connection, "SELECT count(*) FROM pragma_index_info('level_changes_by_asset') WHERE name = 'asset_id'"));
        return StoreTables.All.ToDictionary(table => table.Name, table => (long)Execute(connection, $"SELECT count(*) FROM {table.Name}")!);
    }

    private static RowBatch Batch(long sequence, params (string Asset, int Index)[] rows)
    {
        var batch = new RowBatch();
        batch.Cover(sequence, 1_000_000);
        foreach (var (asset, index) in rows)
        {
            batch.TopOfBook.Add(new TopOfBookRow(new RowKey(sequence, index, 1_000_000, -1), asset, Price.FromUnits(4_000), Price.FromUnits(6_000), TopOfBookSource.BestBidAsk));
        }

        return batch;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Open(path);
        return Execute(connection, sql);
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
