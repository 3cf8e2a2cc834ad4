using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// Version 3: in the high-volume tables each market and asset id is a <c>UInt64</c> key, ClickHouse's
/// <c>sipHash64</c> of the id (<see cref="SipHash"/>), and book hashes are their 20 bytes. Ids were most of a row's
/// bytes (a level change: 145 of 244), and the server parses, sorts, compresses and writes every byte. The
/// <c>ids</c> table maps keys back to ids; a view <c>{table}_v</c> shows each table with the columns of version 2.
/// Catalog tables (markets, outcomes) and market lifecycle keep their ids as text.
/// </summary>
internal static partial class ClickHouseSchema
{
    public const string Ids = "ids";
    public const string MarketKey = "market_key";
    public const string AssetKey = "asset_key";

    public const string CreateIds = $"CREATE TABLE IF NOT EXISTS {Ids} (key UInt64, id String) ENGINE = ReplacingMergeTree() ORDER BY key";

    /// <summary>The text column of a market id in the shared tables.</summary>
    private const string Market = "market";

    /// <summary>The aggregates' asset column from version 3.</summary>
    private const string KeyAsset = AssetKey + " UInt64";

    /// <summary>Tables whose ids are keys: every table with an asset but the catalog's outcomes.</summary>
    public static IEnumerable<Table> Keyed => StoreTables.All.Where(table => table.AssetColumn is not null && table != StoreTables.Outcomes);

    public static bool IsKey(Table table, Column column) =>
        column.Type == ColumnType.Text && (column.Name == table.AssetColumn || column.Name == Market) && Keyed.Contains(table);

    /// <summary>Bit i is set when the table's i-th <see cref="ColumnType.Text"/> column (in row order) is a key.</summary>
    public static int KeyedTextMask(Table table)
    {
        var mask = 0;
        var ordinal = 0;
        foreach (var column in table.Columns.Where(column => column.Type == ColumnType.Text))
        {
            if (IsKey(table, column))
            {
                mask |= 1 << ordinal;
            }

            ordinal++;
        }

        return mask;
    }

    /// <summary>The column's name from version 3.</summary>
    public static string ColumnName(Table table, Column column) =>
        !IsKey(table, column) ? column.Name : column.Name == Market ? MarketKey : AssetKey;

    /// <summary>A keyed table as version 3 makes it, under <paramref name="name"/> (the table's own, or a staging name).</summary>
    public static string CreateKeyed(Table table, string name) =>
        CreateTable(table, name, AssetKey, column => $"{ColumnName(table, column)} {KeyedType(table, column)}");

    /// <summary>Version 3's columns of <paramref name="table"/>, computed from version 2's.</summary>
    public static string FromVersion2(Table table) => string.Join(", ", table.Columns.Select(column =>
        IsKey(table, column) ? $"sipHash64({column.Name})" : column.Type == ColumnType.Hash ? $"unhex({column.Name})" : column.Name));

    /// <summary>The id columns of <paramref name="table"/> as version 2 had them.</summary>
    public static IEnumerable<string> IdColumns(Table table) => table.Columns.Where(column => IsKey(table, column)).Select(column => column.Name);

    public static string CreateKeyedBars(string name) => CreateBars(name, KeyAsset);

    public static string CreateKeyedSpreads(string name) => CreateSpreads(name, KeyAsset);

    /// <summary>The aggregates' columns from version 2's: the asset key from the asset id, the states as they are.</summary>
    public static string AggregateFromVersion2(string name) =>
        name == SpreadTable ? "sipHash64(asset_id), hour, samples, spread_avg, spread_min, spread_max"
        : "sipHash64(asset_id), bar, open, high, low, close, volume, trades";

    /// <summary>What version 3 builds on its rebuilt tables: the feeds, the materialized views, the <c>_v</c> views.</summary>
    public static IEnumerable<string> KeyedViews()
    {
        yield return $"CREATE TABLE IF NOT EXISTS {TradesFeed} AS {StoreTables.Trades.Name} ENGINE = Null";
        yield return $"CREATE TABLE IF NOT EXISTS {TopOfBookFeed} AS {StoreTables.TopOfBook.Name} ENGINE = Null";
        foreach (var (name, bucket) in BarTables)
        {
            yield return BarsView(name, bucket, AssetKey);
        }

        yield return SpreadsView(AssetKey);
        foreach (var statement in FeedsFillTables())
        {
            yield return statement;
        }

        foreach (var table in Keyed)
        {
            yield return IdView(table);
        }
    }

    /// <summary>Insert of the <c>ids</c> rows.</summary>
    public static string InsertIds => Insert(Ids);

    /// <summary>
    /// <c>{table}_v</c>: the table with version 2's columns (ids as text, hashes as hex), plus its keys for fast filters.
    /// 18.16 joins one table per SELECT, so the market id is joined around the asset id's join.
    /// </summary>
    private static string IdView(Table table)
    {
        var stored = table.Columns.Select(column => column.Type == ColumnType.Hash
            ? $"lower(hex({column.Name})) AS {column.Name}_hex"
            : ColumnName(table, column));
        var inner = $"SELECT {string.Join(", ", stored)}, asset_id FROM {table.Name}"
            + $" ANY LEFT JOIN (SELECT key AS {AssetKey}, id AS asset_id FROM {Ids}) USING {AssetKey}";
        var shown = table.Columns.Select(column => column.Type == ColumnType.Hash ? $"{column.Name}_hex AS {column.Name}" : column.Name);
        var keys = IdColumns(table).Contains(Market) ? $"{MarketKey}, {AssetKey}" : AssetKey;
        var body = IdColumns(table).Contains(Market)
            ? $"SELECT {string.Join(", ", shown)}, {keys} FROM ({inner}) ANY LEFT JOIN (SELECT key AS {MarketKey}, id AS {Market} FROM {Ids}) USING {MarketKey}"
            : $"SELECT {string.Join(", ", shown)}, {keys} FROM ({inner})";
        return $"CREATE VIEW IF NOT EXISTS {table.Name}_v AS {body}";
    }

    private static string KeyedType(Table table, Column column) =>
        IsKey(table, column) ? "UInt64" : column.Type == ColumnType.Hash ? "Nullable(FixedString(20))" : TypeOf(column.Type);
}
