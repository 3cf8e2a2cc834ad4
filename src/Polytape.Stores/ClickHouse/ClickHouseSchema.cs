using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// ClickHouse DDL that works on 18.16 (Debian's) and current releases: no LowCardinality, DateTime64, TTL or
/// transactions. Tables are ReplacingMergeTree partitioned by UTC day of <c>received_us</c> and ordered by (asset,
/// time, sequence, idx), so a reloaded row collapses into its twin (queries use FINAL for exact counts). Trades and
/// top-of-book rows loaded for the first time go only to Null-engine feed tables whose materialized views keep
/// 1- and 5-minute OHLC bars and hourly spread statistics and (version 2) copy the rows into their tables, so the
/// server parses them once; reloads insert into the tables directly and skip the feeds, so aggregates count each
/// row once. Version 3 (<see cref="ClickHouseKeysMigration"/>) keys the high-volume tables by 64-bit hashes of
/// their ids.
/// </summary>
internal static partial class ClickHouseSchema
{
    public const int Version = 3;

    public const string TradesFeed = "trades_feed";
    public const string TopOfBookFeed = "top_of_book_feed";

    /// <summary>The partition key: the UTC day as YYYYMMDD.</summary>
    public const string DayExpression = "toYYYYMMDD(toDateTime(intDiv(received_us, 1000000), 'UTC'))";

    /// <summary>Statements of versions 1 and 2; version 3 rebuilds tables, so it is code (<see cref="ClickHouseKeysMigration"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll(), FeedsFillTables()];

    public static string Insert(string table) => $"INSERT INTO {table} FORMAT RowBinary";

    private static List<string> CreateAll()
    {
        var statements = new List<string>
        {
            "CREATE TABLE IF NOT EXISTS load_position (id UInt8, sequence Int64) ENGINE = ReplacingMergeTree() ORDER BY id",
        };
        foreach (var table in StoreTables.All)
        {
            statements.Add(CreateTable(table, table.Name, table.AssetColumn, column => $"{column.Name} {TypeOf(column.Type)}"));
        }

        statements.Add($"CREATE TABLE IF NOT EXISTS {TradesFeed} AS {StoreTables.Trades.Name} ENGINE = Null");
        statements.Add($"CREATE TABLE IF NOT EXISTS {TopOfBookFeed} AS {StoreTables.TopOfBook.Name} ENGINE = Null");
        foreach (var (name, bucket) in BarTables)
        {
            statements.Add(CreateBars(name, StringAsset));
            statements.Add(BarsView(name, bucket, "asset_id"));
        }

        statements.Add(CreateSpreads(SpreadTable, StringAsset));
        statements.Add(SpreadsView("asset_id"));
        return statements;
    }

    /// <summary>A ReplacingMergeTree by day, ordered by (<paramref name="asset"/>, received_us, the rest of the key).</summary>
    private static string CreateTable(Table table, string name, string? asset, Func<Column, string> define)
    {
        var ddl = new StringBuilder($"CREATE TABLE IF NOT EXISTS {name} (");
        ddl.AppendJoin(", ", table.Columns.Select(define));
        var order = new List<string>();
        if (asset is not null)
        {
            order.Add(asset);
        }

        order.Add(StoreTables.ReceivedMicros);
        order.AddRange(table.Key.Where(k => k != StoreTables.ReceivedMicros));
        return ddl.Append($") ENGINE = ReplacingMergeTree() PARTITION BY {DayExpression} ORDER BY ({string.Join(", ", order)})").ToString();
    }

    /// <summary>The aggregates' asset column up to version 2.</summary>
    private const string StringAsset = "asset_id String";

    public const string SpreadTable = "spread_1h";

    public static IReadOnlyList<(string Name, string Bucket)> BarTables => [("ohlc_1m", "toStartOfMinute"), ("ohlc_5m", "toStartOfFiveMinute")];

    /// <summary>Every materialized view, by name: dropped and made again when the tables under them change.</summary>
    public static IReadOnlyList<string> MaterializedViews =>
        [.. BarTables.Select(bars => bars.Name + "_mv"), SpreadTable + "_mv", StoreTables.Trades.Name + "_copy_mv", StoreTables.TopOfBook.Name + "_copy_mv"];

    /// <summary>Hourly spread statistics, keyed by <paramref name="asset"/> (a column definition).</summary>
    private static string CreateSpreads(string name, string asset) =>
        $"CREATE TABLE IF NOT EXISTS {name} ({asset}, hour DateTime, samples AggregateFunction(count),"
        + " spread_avg AggregateFunction(avg, Float64), spread_min AggregateFunction(min, Decimal(9,4)), spread_max AggregateFunction(max, Decimal(9,4)))"
        + $" ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(hour) ORDER BY ({asset.Split(' ')[0]}, hour)";

    private static string SpreadsView(string asset) =>
        $"CREATE MATERIALIZED VIEW IF NOT EXISTS {SpreadTable}_mv TO {SpreadTable} AS SELECT {asset},"
        + $" toStartOfHour({ExchangeTime}) AS hour, countState() AS samples,"
        + " avgState(toFloat64(assumeNotNull(best_ask) - assumeNotNull(best_bid))) AS spread_avg,"
        + " minState(assumeNotNull(best_ask) - assumeNotNull(best_bid)) AS spread_min,"
        + " maxState(assumeNotNull(best_ask) - assumeNotNull(best_bid)) AS spread_max"
        + $" FROM {TopOfBookFeed} WHERE isNotNull(best_bid) AND isNotNull(best_ask) GROUP BY {asset}, hour";

    /// <summary>
    /// Version 2: rows sent to a feed reach their table through a view, instead of being sent (and parsed) twice.
    /// <c>SELECT *</c> keeps the columns, as the feeds were created <c>AS</c> their tables.
    /// </summary>
    private static List<string> FeedsFillTables() =>
    [
        $"CREATE MATERIALIZED VIEW IF NOT EXISTS {StoreTables.Trades.Name}_copy_mv TO {StoreTables.Trades.Name} AS SELECT * FROM {TradesFeed}",
        $"CREATE MATERIALIZED VIEW IF NOT EXISTS {StoreTables.TopOfBook.Name}_copy_mv TO {StoreTables.TopOfBook.Name} AS SELECT * FROM {TopOfBookFeed}",
    ];

    /// <summary>Bar time: the venue's time, or our receive time when it sent none.</summary>
    private const string ExchangeTime = "toDateTime(intDiv(ifNull(exchange_ms, intDiv(received_us, 1000)), 1000), 'UTC')";

    /// <summary>OHLC bars, keyed by <paramref name="asset"/> (a column definition).</summary>
    private static string CreateBars(string name, string asset) =>
        $"CREATE TABLE IF NOT EXISTS {name} ({asset}, bar DateTime, open AggregateFunction(argMin, Decimal(9,4), Int64),"
        + " high AggregateFunction(max, Decimal(9,4)), low AggregateFunction(min, Decimal(9,4)),"
        + " close AggregateFunction(argMax, Decimal(9,4), Int64), volume AggregateFunction(sum, Decimal(18,6)), trades AggregateFunction(count))"
        + $" ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(bar) ORDER BY ({asset.Split(' ')[0]}, bar)";

    private static string BarsView(string name, string bucket, string asset) =>
        $"CREATE MATERIALIZED VIEW IF NOT EXISTS {name}_mv TO {name} AS SELECT {asset}, {bucket}({ExchangeTime}) AS bar,"
        + " argMinState(assumeNotNull(price), sequence * 65536 + idx) AS open, maxState(assumeNotNull(price)) AS high,"
        + " minState(assumeNotNull(price)) AS low, argMaxState(assumeNotNull(price), sequence * 65536 + idx) AS close,"
        + " sumState(ifNull(size, toDecimal64(0, 6))) AS volume, countState() AS trades"
        + $" FROM {TradesFeed} WHERE isNotNull(price) GROUP BY {asset}, bar";

    private static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int64 => "Int64",
        ColumnType.Int32 => "Int32",
        ColumnType.NullableInt32 => "Nullable(Int32)",
        ColumnType.ExchangeTime => "Nullable(Int64)",
        ColumnType.Text or ColumnType.Label => "String",
        ColumnType.NullableText or ColumnType.Hash => "Nullable(String)",
        ColumnType.Price => "Nullable(Decimal(9,4))",
        ColumnType.Size => "Nullable(Decimal(18,6))",
        ColumnType.Flag => "Nullable(UInt8)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };
}
