using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>
/// PostgreSQL DDL from the shared table definitions: exact <c>numeric</c> prices and sizes, every table partitioned
/// by day on <c>received_us</c> (declarative range partitions, created on demand by <see cref="PostgresPartitions"/>),
/// and a primary key on (sequence, idx …, received_us) — a partitioned table's key must hold the partition column.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 1;

    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll()];

    public static string Copy(Table table) =>
        $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    private static List<string> CreateAll()
    {
        var statements = new List<string>
        {
            "CREATE TABLE IF NOT EXISTS load_position (id integer PRIMARY KEY CHECK (id = 1), sequence bigint NOT NULL)",
            "INSERT INTO load_position (id, sequence) VALUES (1, 0) ON CONFLICT DO NOTHING",
        };
        foreach (var table in StoreTables.All)
        {
            var ddl = new StringBuilder($"CREATE TABLE IF NOT EXISTS {table.Name} (");
            foreach (var column in table.Columns)
            {
                ddl.Append(column.Name).Append(' ').Append(TypeOf(column.Type)).Append(", ");
            }

            var key = table.Key.Contains(StoreTables.ReceivedMicros) ? table.Key : [.. table.Key, StoreTables.ReceivedMicros];
            ddl.Append("PRIMARY KEY (").AppendJoin(", ", key).Append(")) PARTITION BY RANGE (received_us)");
            statements.Add(ddl.ToString());
            if (table.AssetIndex.Count > 0)
            {
                statements.Add($"CREATE INDEX IF NOT EXISTS {table.Name}_by_asset ON {table.Name} ({string.Join(", ", table.AssetIndex)})");
            }
        }

        // Bars by exchange minute (receive time when the venue sent none), computed when queried. With TimescaleDB a
        // continuous aggregate would keep them; plain PostgreSQL computes them from the trades still retained.
        statements.Add(
            "CREATE OR REPLACE VIEW ohlc_1m AS SELECT asset_id,"
            + " to_timestamp(floor(coalesce(exchange_ms, received_us / 1000) / 60000.0) * 60) AS minute,"
            + " (array_agg(price ORDER BY sequence, idx))[1] AS open, max(price) AS high, min(price) AS low,"
            + " (array_agg(price ORDER BY sequence DESC, idx DESC))[1] AS close, sum(size) AS volume, count(*) AS trades"
            + " FROM trades GROUP BY 1, 2");
        return statements;
    }

    private static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int64 => "bigint NOT NULL",
        ColumnType.Int32 => "integer NOT NULL",
        ColumnType.NullableInt32 => "integer",
        ColumnType.ExchangeTime => "bigint",
        ColumnType.Text or ColumnType.Label => "text NOT NULL",
        ColumnType.NullableText => "text",
        ColumnType.Price => "numeric(10,4)",
        ColumnType.Size => "numeric(24,6)",
        ColumnType.Flag => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };
}
