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
        Assert.NotEqual("0", _database.Query("SELECT countMerge(samples) FROM spread_1h"));

        // A reload replaces rows and leaves the aggregates alone: every trade is still counted once.
        await Loader(store).LoadAsync(retention: false);
        Assert.Equal(trades, _database.Query("SELECT countMerge(trades) FROM ohlc_1m"));
        Assert.Equal(trades, _database.Query("SELECT count() FROM trades FINAL WHERE isNotNull(price)"));
    }

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
