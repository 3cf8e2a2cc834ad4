using Polytape.Stores.ClickHouse;
using Polytape.Stores.Loading;
using Polytape.Stores.Sqlite;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

public sealed class StoreLoaderOptionsTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite, StoreLoaderOptions.DefaultBatchRecords)]
    [InlineData(StoreKind.PostgreSql, StoreLoaderOptions.DefaultBatchRecords)]
    [InlineData(StoreKind.ClickHouse, StoreLoaderOptions.ClickHouseBatchRecords)]
    public void BatchRecordsFor_WithoutAnExplicitSize_IsTheStoresDefault(StoreKind kind, int expected) =>
        Assert.Equal(expected, new StoreLoaderOptions().BatchRecordsFor(kind));

    [Fact]
    public void ClickHouseDefault_IsLargerThanTheOthers_BecauseEachBatchMakesParts() =>
        Assert.True(StoreLoaderOptions.DefaultBatchRecordsFor(StoreKind.ClickHouse) > StoreLoaderOptions.DefaultBatchRecordsFor(StoreKind.Sqlite));

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.ClickHouse)]
    public void BatchRecordsFor_AnExplicitSize_WinsOverTheStoresDefault(StoreKind kind) =>
        Assert.Equal(7_000, new StoreLoaderOptions { BatchRecords = 7_000 }.BatchRecordsFor(kind));

    [Theory]
    [InlineData(1, 4)]
    [InlineData(StoreLoaderOptions.DefaultBatchRecords, 4)]
    [InlineData(50_000, 1)]
    [InlineData(StoreLoaderOptions.ClickHouseBatchRecords, 1)]
    public void QueueCapacityFor_WithoutAnExplicitCapacity_HoldsAboutQueuedRecords(int batchRecords, int expected) =>
        Assert.Equal(expected, new StoreLoaderOptions().QueueCapacityFor(batchRecords));

    [Fact]
    public void QueueCapacityFor_AnExplicitCapacity_Wins() =>
        Assert.Equal(3, new StoreLoaderOptions { QueueCapacity = 3 }.QueueCapacityFor(StoreLoaderOptions.ClickHouseBatchRecords));

    [Fact]
    public void Validate_RejectsAnEmptyBatchOrQueue()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreLoaderOptions { BatchRecords = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreLoaderOptions { QueueCapacity = 0 }.Validate());
    }

    [Fact]
    public async Task StoreLoader_TakesItsStoresDefault_UnlessTheOptionsSetOne()
    {
        using var temp = new TempDirectory();
        // Neither store connects before its schema is ensured: the loader only reads the kind.
        await using var clickHouse = new ClickHouseStore("clickhouse://127.0.0.1:9/polytape");
        await using var sqlite = new SqliteStore(temp.Combine("store.db"));

        Assert.Equal(StoreLoaderOptions.ClickHouseBatchRecords, new StoreLoader(clickHouse, temp.Path).BatchRecords);
        Assert.Equal(StoreLoaderOptions.DefaultBatchRecords, new StoreLoader(sqlite, temp.Path).BatchRecords);
        Assert.Equal(500, new StoreLoader(clickHouse, temp.Path, new StoreLoaderOptions { BatchRecords = 500 }).BatchRecords);
    }
}
