using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// SQLite DDL from the shared table definitions. SQLite has no exact decimal type, so prices are stored as integers
/// of 0.0001 (columns suffixed <c>_e4</c>) and sizes as integers of 0.000001 (<c>_e6</c>): exact, and they sort and
/// group numerically. Tables are <c>WITHOUT ROWID</c> on their (sequence, idx …) key: rows arrive in key order, so
/// inserts append.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bump with a new entry in <see cref="Migrations"/> whenever the tables change.</summary>
    public const int Version = 1;

    /// <summary>Statements that bring a schema from version i to i + 1 (index i).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll()];

    public static string ColumnName(Column column) => column.Type switch
    {
        ColumnType.Price => column.Name + "_e4",
        ColumnType.Size => column.Name + "_e6",
        _ => column.Name,
    };

    public static string Insert(Table table) =>
        $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(ColumnName))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";

    private static List<string> CreateAll()
    {
        var statements = new List<string>
        {
            "CREATE TABLE IF NOT EXISTS load_position (id INTEGER PRIMARY KEY CHECK (id = 1), sequence INTEGER NOT NULL)",
            "INSERT OR IGNORE INTO load_position (id, sequence) VALUES (1, 0)",
        };
        foreach (var table in StoreTables.All)
        {
            var ddl = new StringBuilder($"CREATE TABLE IF NOT EXISTS {table.Name} (");
            foreach (var column in table.Columns)
            {
                ddl.Append(ColumnName(column)).Append(' ').Append(TypeOf(column.Type)).Append(", ");
            }

            ddl.Append("PRIMARY KEY (").AppendJoin(", ", table.Key).Append(")) WITHOUT ROWID");
            statements.Add(ddl.ToString());
            if (table.AssetIndex.Count > 0)
            {
                statements.Add($"CREATE INDEX IF NOT EXISTS {table.Name}_by_asset ON {table.Name} ({string.Join(", ", table.AssetIndex)})");
            }
        }

        return statements;
    }

    private static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int64 or ColumnType.Int32 => "INTEGER NOT NULL",
        ColumnType.Text or ColumnType.Label => "TEXT NOT NULL",
        ColumnType.NullableText => "TEXT",
        _ => "INTEGER",
    };
}
