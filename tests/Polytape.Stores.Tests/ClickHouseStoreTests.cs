using Polytape.Stores.ClickHouse;
using Polytape.Stores.Loading;
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
        _database.Query($"SELECT coalesce(hash, '{NullHash}') FROM {table} FINAL WHERE idx = {index} FORMAT TabSeparated");

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
        Assert.Equal("0", _database.Query("SELECT count() FROM (SELECT minMerge(low) AS l, maxMerge(high) AS h, argMinMerge(open) AS o FROM ohlc_1m GROUP BY asset_id, bar) WHERE l > h OR o > h OR o < l"));
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

        Assert.Equal("2", _database.Query("SELECT max(version) FROM schema_version"));
        var tables = _database.Query("SHOW TABLES");
        Assert.Contains("top_of_book_copy_mv", tables, StringComparison.Ordinal);
        Assert.Contains("trades_copy_mv", tables, StringComparison.Ordinal);
        await Loader(store).LoadAsync(retention: false);
        Assert.NotEqual("0", _database.Query("SELECT count() FROM top_of_book"));
        Assert.Equal(_database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"), _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
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
            "SELECT toString(price), toString(size) FROM trades FINAL WHERE asset_id = '21742633143463906290569050155826241533067272736897614950488156847949938836455' FORMAT TabSeparated"));
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
        await using var clean = CreateSecondStore();
        await Loader(clean).LoadAsync(retention: false);
        Assert.Equal(await clean.CountRowsAsync(), await store.CountRowsAsync());
    }

    protected override void Dispose(bool disposing)
    {
        _database.Dispose();
        _second.Dispose();
        base.Dispose(disposing);
    }
}
