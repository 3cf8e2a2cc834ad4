using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>
/// PostgreSQL DDL from the shared table definitions: exact <c>numeric</c> prices and sizes, every table partitioned
/// by day on <c>received_us</c> (declarative range partitions, created on demand by <see cref="PostgresPartitions"/>).
/// Version 1 made (sequence, idx …, received_us) each table's primary key and indexed (asset_id, sequence); version 2
/// replaces both by indexes that are cheap to maintain during COPY (see <see cref="IndexesForLoading"/>).
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 2;

    /// <summary>
    /// The 64-bit hash the asset indexes are built on. <c>hashtextextended</c> is immutable and stable across
    /// PostgreSQL versions (hash partitioning relies on it); queries must repeat this exact expression to use the index.
    /// </summary>
    public const string AssetKey = "hashtextextended(asset_id, 0)";

    /// <summary>Statements of migration N take a database from version N to N + 1; a new database runs them all.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll(), IndexesForLoading()];

    public static string Copy(Table table) =>
        $"COPY {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Version 1 (kept as it was: databases created by it migrate through <see cref="IndexesForLoading"/>).</summary>
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

    /// <summary>
    /// Version 2. Two thirds of the server's COPY time went into btree maintenance: the unique primary key and the
    /// asset index, whose ~80-byte text keys land in random order. Idempotency already comes from deleting a batch's
    /// sequence range under the locked position, so the key is replaced by a BRIN index on <c>sequence</c> (sequences
    /// grow with the partition's heap, so block ranges stay narrow; it serves that delete and the book-level lookup),
    /// and the asset index is keyed on a 64-bit hash of the asset id instead of the text (16-byte keys).
    /// </summary>
    private static List<string> IndexesForLoading()
    {
        var statements = new List<string>();
        foreach (var table in StoreTables.All)
        {
            // Dropping the parent's constraint drops the partitions' inherited ones too.
            statements.Add($"ALTER TABLE {table.Name} DROP CONSTRAINT IF EXISTS {table.Name}_pkey");
            statements.Add($"CREATE INDEX IF NOT EXISTS {table.Name}_by_sequence ON {table.Name} USING brin (sequence) WITH (pages_per_range = 32)");
            if (table.AssetIndex.Count > 0)
            {
                statements.Add($"DROP INDEX IF EXISTS {table.Name}_by_asset");
                statements.Add(
                    $"CREATE INDEX IF NOT EXISTS {table.Name}_by_asset_key ON {table.Name} (({AssetKey}), {string.Join(", ", table.AssetIndex.Where(c => c != table.AssetColumn))})");
            }
        }

        return statements;
    }

    private static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int64 => "bigint NOT NULL",
        ColumnType.Int32 => "integer NOT NULL",
        ColumnType.NullableInt32 => "integer",
        ColumnType.ExchangeTime => "bigint",
        ColumnType.Text or ColumnType.Label => "text NOT NULL",
        ColumnType.NullableText or ColumnType.Hash => "text",
        ColumnType.Price => "numeric(10,4)",
        ColumnType.Size => "numeric(24,6)",
        ColumnType.Flag => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown column type"),
    };
}
