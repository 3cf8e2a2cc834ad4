using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.ClickHouse;
using Polytape.Stores.Loading;
using Polytape.Stores.Schema;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

/// <summary>The store contract and ClickHouse's own behaviour, against a real ClickHouse server (see <see cref="TestServers"/>).</summary>
public sealed class ClickHouseStoreTests : StoreContractTests
{
    private readonly ClickHouseDatabase _database = new();
    private readonly ClickHouseDatabase _second = new();

    /// <summary>Every INSERT makes a part on the server: fewer, larger batches keep the tests quick.</summary>
    protected override int BatchRecords => 401;

    protected override IStore CreateStore() => new ClickHouseStore(_database.Spec());

    protected override IStore CreateSecondStore() => new ClickHouseStore(_second.Spec());

    protected override object? HashText(string table, int index) =>
        _database.Query($"SELECT coalesce(lower(hex(hash)), '{NullHash}') FROM {table} FINAL WHERE idx = {index} FORMAT TabSeparated");

    [Fact]
    public async Task Load_FillsDayPartitionsAndTheBarAndSpreadAggregatesOnce()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 150));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);

        Assert.Equal("20260921", _database.Query("SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase() AND table = 'level_changes' AND active"));
        var trades = _database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)");
        Assert.Equal(trades, _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
        Assert.Equal(trades, _database.Query("SELECT countMerge(trades) FROM ohlc_5m"));
        Assert.Equal("0", _database.Query("SELECT count() FROM (SELECT minMerge(low) AS l, maxMerge(high) AS h, argMinMerge(open) AS o FROM ohlc_1m GROUP BY asset_key, bar) WHERE l > h OR o > h OR o < l"));
        var spreads = _database.Query(Spreads);
        Assert.NotEqual("0", spreads);
        Assert.Equal(spreads, _database.Query("SELECT countMerge(samples) FROM spread_1h"));

        // First-time rows reach their tables once, through the feeds' views (schema version 2): not also directly.
        Assert.Equal(_database.Query("SELECT count() FROM trades FINAL"), _database.Query("SELECT count() FROM trades"));
        Assert.Equal(_database.Query("SELECT count() FROM top_of_book FINAL"), _database.Query("SELECT count() FROM top_of_book"));

        // A reload replaces rows and leaves the aggregates alone: every trade is still counted once.
        await Loader(store).LoadAsync(retention: false);
        Assert.Equal(trades, _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
        Assert.Equal(trades, _database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"));
        Assert.Equal(spreads, _database.Query("SELECT countMerge(samples) FROM spread_1h"));
        Assert.Equal(spreads, _database.Query(Spreads));
    }

    [Fact]
    public async Task Reload_OfABatchReachingPastThePosition_FeedsOnlyItsNewRows()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 150));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(new LoadWindow { Until = TestArchive.TimeOf(61) }, retention: false);
        Assert.Equal(60, await store.GetPositionAsync());

        // The first batch of the full reload holds records 1–401: 1–60 are loaded, the rest are new.
        Assert.True(records.Count > BatchRecords, "the archive must span more than one batch");
        await Loader(store).LoadAsync(retention: false);

        Assert.Equal(records[^1].Sequence, await store.GetPositionAsync());
        Assert.Equal(_database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"), _database.Query("SELECT countMerge(trades) FROM ohlc_5m"));
        Assert.Equal(_database.Query(Spreads), _database.Query("SELECT countMerge(samples) FROM spread_1h"));
        await using var clean = CreateSecondStore();
        await Loader(clean).LoadAsync(retention: false);
        Assert.Equal(await clean.CountRowsAsync(), await store.CountRowsAsync());
    }

    [Fact]
    public async Task Migration_UpgradesAVersion1DatabaseInPlace_AndReruns()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 60));
        using (var connection = new ClickHouseConnection(_database.Spec()))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {_database.Name}", CancellationToken.None, inDatabase: false);
            await connection.ExecuteAsync("CREATE TABLE schema_version (version UInt32) ENGINE = MergeTree() ORDER BY version", CancellationToken.None);
            foreach (var statement in ClickHouseSchema.Migrations[0])
            {
                await connection.ExecuteAsync(statement, CancellationToken.None);
            }

            await connection.ExecuteAsync("INSERT INTO schema_version VALUES (1)", CancellationToken.None);
            // An upgrade interrupted after its first statement: the rerun must not trip over it.
            await connection.ExecuteAsync(ClickHouseSchema.Migrations[1][0], CancellationToken.None);
        }

        Assert.DoesNotContain("top_of_book_copy_mv", _database.Query("SHOW TABLES"), StringComparison.Ordinal);
        await using var store = CreateStore();
        await store.EnsureSchemaAsync();
        await store.EnsureSchemaAsync();

        Assert.Equal("3", _database.Query("SELECT max(version) FROM schema_version"));
        var tables = _database.Query("SHOW TABLES");
        Assert.Contains("top_of_book_copy_mv", tables, StringComparison.Ordinal);
        Assert.Contains("trades_copy_mv", tables, StringComparison.Ordinal);
        await Loader(store).LoadAsync(retention: false);
        Assert.NotEqual("0", _database.Query("SELECT count() FROM top_of_book"));
        Assert.Equal(_database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"), _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
    }

    [Fact]
    public async Task Migration_ToKeys_KeepsAVersion2DatabasesRowsBooksAndAggregates_AndResumesAfterACrash()
    {
        const string Market = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";
        const string Asset = "21742633143463906290569050155826241533067272736897614950488156847949938836455";
        const string Hash = "0123456789abcdef0123456789abcdef01234567";
        using (var connection = new ClickHouseConnection(_database.Spec()))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {_database.Name}", CancellationToken.None, inDatabase: false);
            await connection.ExecuteAsync("CREATE TABLE schema_version (version UInt32) ENGINE = MergeTree() ORDER BY version", CancellationToken.None);
            foreach (var statement in ClickHouseSchema.Migrations.SelectMany(migration => migration))
            {
                await connection.ExecuteAsync(statement, CancellationToken.None);
            }

            await connection.ExecuteAsync("INSERT INTO schema_version VALUES (1), (2)", CancellationToken.None);
        }

        // Rows as version 2 stored them: text ids, hex hashes; the trade and the spread sample through the feeds.
        const long At = 1_758_412_800_000_000;
        _database.Query($"INSERT INTO book_snapshots VALUES (10, 0, {At}, NULL, '{Market}', '{Asset}', 'ws', '{Hash}', 0.01, 1, 1)");
        _database.Query($"INSERT INTO book_levels VALUES (10, 0, {At}, 'ask', 0, '{Asset}', 0.55, 100), (10, 0, {At}, 'bid', 0, '{Asset}', 0.45, 200)");
        _database.Query($"INSERT INTO level_changes VALUES (11, 0, {At + 1}, NULL, '{Market}', '{Asset}', 'bid', 0.46, 50, 0.46, 0.55, NULL)");
        _database.Query($"INSERT INTO trades_feed VALUES (12, 0, {At + 2}, NULL, '{Market}', '{Asset}', 0.5, 10, 'buy', NULL, NULL)");
        _database.Query($"INSERT INTO top_of_book_feed VALUES (13, 0, {At + 3}, NULL, '{Asset}', 0.46, 0.55, 'book')");
        // A crash mid-migration: one table's half-filled copy left behind, another's original already dropped.
        _database.Query("CREATE TABLE level_changes_v3 (junk UInt8) ENGINE = Memory");
        _database.Query(ClickHouseSchema.CreateKeyed(StoreTables.Continuity, "continuity_v3"));
        _database.Query("DROP TABLE continuity");

        await using var store = CreateStore();
        await store.EnsureSchemaAsync();

        Assert.Equal("3", _database.Query("SELECT max(version) FROM schema_version"));
        var book = await store.ReadBookAsync(Asset, 11);
        Assert.NotNull(book);
        Assert.Equal([new BookLevel(Price.Parse("0.46"), Size.Parse("50")), new BookLevel(Price.Parse("0.45"), Size.Parse("200"))], book.Bids);
        Assert.Equal([new BookLevel(Price.Parse("0.55"), Size.Parse("100"))], book.Asks);
        Assert.Equal($"{Market}\t{Asset}\t{Hash}", _database.Query("SELECT market, asset_id, hash FROM book_snapshots_v"));
        Assert.Equal($"{Market}\t{Asset}", _database.Query("SELECT market, asset_id FROM trades_v"));
        Assert.Equal("1\t1", _database.Query($"SELECT count(), min(asset_key = sipHash64('{Asset}')) FROM level_changes"));
        Assert.Equal("1", _database.Query($"SELECT countMerge(trades) FROM ohlc_1m WHERE asset_key = sipHash64('{Asset}')"));
        Assert.Equal("1", _database.Query($"SELECT countMerge(samples) FROM spread_1h WHERE asset_key = sipHash64('{Asset}')"));
        Assert.Equal("UInt64", _database.Query("SELECT type FROM system.columns WHERE database = currentDatabase() AND table = 'continuity' AND name = 'asset_key'"));
        Assert.Equal("0", _database.Query("SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE '%_v3'"));
        Assert.Equal("2", _database.Query("SELECT count() FROM ids FINAL"));

        // The rebuilt views feed the rebuilt tables: a load adds to them and counts each trade once.
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 30));
        await Loader(store).LoadAsync(retention: false);
        Assert.Equal(_database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"), _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
    }

    [Fact]
    public async Task KeyedTables_MapEveryKeyBackToItsId_AndTheViewsShowVersion2sColumns()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 40));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);

        AssertEveryKeyHasItsId();
        foreach (var table in ClickHouseSchema.Keyed)
        {
            Assert.Equal(_database.Query($"SELECT count() FROM {table.Name}"), _database.Query($"SELECT count() FROM {table.Name}_v WHERE sipHash64(asset_id) = asset_key"));
        }

        Assert.NotEqual("0", _database.Query("SELECT count() FROM level_changes_v WHERE length(hash) = 40 AND sipHash64(market) = market_key"));
    }

    /// <summary>The top-of-book rows that count in the hourly spread statistics.</summary>
    private const string Spreads = "SELECT count() FROM top_of_book FINAL WHERE isNotNull(best_bid) AND isNotNull(best_ask)";

    [Fact]
    public async Task Decimals_AreExactInTheDatabase()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 10));
        await using var store = CreateStore();
        await Loader(store).LoadAsync(retention: false);

        Assert.Equal("Nullable(Decimal(9, 4))", _database.Query("SELECT type FROM system.columns WHERE database = currentDatabase() AND table = 'trades' AND name = 'price'"));
        // The real last_trade_price fixture: price "0.491", size "85.36".
        Assert.Equal("0.4910\t85.360000", _database.Query(
            "SELECT toString(price), toString(size) FROM trades FINAL WHERE asset_key = sipHash64('21742633143463906290569050155826241533067272736897614950488156847949938836455') FORMAT TabSeparated"));
    }

    [Fact]
    public async Task WrongPassword_FailsAtOnceWithAClearNonTransientError()
    {
        await using var store = new ClickHouseStore(_database.Spec(password: "not-the-password"));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.EnsureSchemaAsync());

        Assert.Contains("rejected the login", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task UnreachableServer_SaysWhereAndIsTransient()
    {
        await using var relay = new TcpRelay(_database.Host, _database.Port);
        relay.Cut();
        await using var store = new ClickHouseStore(_database.Spec(port: relay.Port));

        var error = await Assert.ThrowsAsync<StoreException>(() => store.EnsureSchemaAsync());

        Assert.Contains($"cannot reach ClickHouse at 127.0.0.1:{relay.Port}", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task NetworkCut_DuringALoad_IsRetriedAndCaughtUp()
    {
        var records = await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 200));
        await using var relay = new TcpRelay(_database.Host, _database.Port);
        using var time = new SignallingTimeProvider();
        await using var store = new ClickHouseStore(_database.Spec(port: relay.Port));
        await store.EnsureSchemaAsync();
        var loader = new StoreLoader(store, ArchiveDirectory, new StoreLoaderOptions { BatchRecords = BatchRecords / 2 }, time);

        relay.Cut();
        var load = loader.LoadAsync(retention: false);
        await Task.WhenAny(time.WaitForTimerAsync(), load);
        Assert.False(load.IsCompleted, $"the load ended instead of retrying: {load.Exception}");
        Assert.Contains("ClickHouse", loader.LastError!.Message, StringComparison.Ordinal);

        relay.Restore();
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await load.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(records[^1].Sequence, result.Position);
        // The failed batch's new ids were sent again with its retry.
        AssertEveryKeyHasItsId();
        await using var clean = CreateSecondStore();
        await Loader(clean).LoadAsync(retention: false);
        Assert.Equal(await clean.CountRowsAsync(), await store.CountRowsAsync());
    }

    [Fact]
    public async Task IdsOfAFailedBatch_AreSentAgainWithItsRetry()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 40));
        await using var store = CreateStore();
        await store.EnsureSchemaAsync();
        _database.Query("RENAME TABLE ids TO ids_away");

        // The batch's table inserts succeed, its ids insert fails: the batch fails and its position stays.
        await Assert.ThrowsAsync<StoreException>(() => Loader(store).LoadAsync(retention: false));
        Assert.Equal(0, await store.GetPositionAsync());

        _database.Query("RENAME TABLE ids_away TO ids");
        await Loader(store).LoadAsync(retention: false);
        AssertEveryKeyHasItsId();
    }

    /// <summary>Every key in the keyed tables has its row in <c>ids</c>, whose id hashes back to it on the server.</summary>
    private void AssertEveryKeyHasItsId()
    {
        foreach (var table in ClickHouseSchema.Keyed)
        {
            foreach (var key in table.Columns.Where(column => ClickHouseSchema.IsKey(table, column)).Select(column => ClickHouseSchema.ColumnName(table, column)))
            {
                Assert.Equal("0", _database.Query($"SELECT count() FROM {table.Name} WHERE {key} NOT IN (SELECT key FROM ids WHERE sipHash64(id) = key)"));
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        _database.Dispose();
        _second.Dispose();
        base.Dispose(disposing);
    }
}
