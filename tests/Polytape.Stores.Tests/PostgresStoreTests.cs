using Npgsql;
using Polytape.Stores.Loading;
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

    [Fact]
    public async Task Load_CreatesDailyPartitionsAndAVersionedSchema()
    {
        await TestArchive.WriteAsync(ArchiveDirectory, TestArchive.Build(steps: 30));
        await using var store = new PostgresStore(_database.Url);
        await Loader(store).LoadAsync(retention: false);

        Assert.Equal(1, _database.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal("level_changes_p20260921", _database.Scalar(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'level_changes'::regclass"));
        Assert.True((long)_database.Scalar("SELECT count(*) FROM ohlc_1m")! > 0);
        Assert.Equal(0L, _database.Scalar("SELECT count(*) FROM ohlc_1m WHERE low > high OR open > high OR close < low"));
        Assert.Equal("numeric", _database.Scalar("SELECT data_type FROM information_schema.columns WHERE table_name = 'trades' AND column_name = 'price'"));
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
