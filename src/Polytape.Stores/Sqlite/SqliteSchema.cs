using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// SQLite DDL from the shared table definitions. SQLite has no exact decimal type, so prices are stored as integers
/// of 0.0001 (columns suffixed <c>_e4</c>) and sizes as integers of 0.000001 (<c>_e6</c>): exact, and they sort and
/// group numerically. Tables are <c>WITHOUT ROWID</c> on their (sequence, idx …) key: rows arrive in key order, so
/// inserts append. Version 2 stores asset ids once, in <c>assets</c>, and an integer <c>asset_key</c> in the tables
/// (see <see cref="AssetKeys"/>).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bump with a new entry in <see cref="Migrations"/> whenever the tables change.</summary>
    public const int Version = 2;

    /// <summary>The integer column that replaces a table's text asset id from version 2 on.</summary>
    public const string AssetKey = "asset_key";

    /// <summary>Statements that bring a schema from version i to i + 1 (index i); a new file runs them all.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll(), AssetKeys()];

    /// <summary>Tables that hold an asset (version 2 keeps its key, not its id).</summary>
    public static IEnumerable<Table> Keyed => StoreTables.All.Where(table => table.AssetColumn is not null);

    /// <summary>The column as version 1 named it (and as the <c>…_v</c> views still show it).</summary>
    public static string ColumnName(Column column) => column.Type switch
    {
        ColumnType.Price => column.Name + "_e4",
        ColumnType.Size => column.Name + "_e6",
        _ => column.Name,
    };

    /// <summary>The column in the current schema: the asset id column is <see cref="AssetKey"/>.</summary>
    public static string ColumnName(Table table, Column column) => column.Name == table.AssetColumn ? AssetKey : ColumnName(column);

    public static string Insert(Table table) =>
        $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(column => ColumnName(table, column)))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";

    /// <summary>1-based parameter of <see cref="Insert"/> that takes the asset key, 0 when the table has none.</summary>
    public static int AssetParameter(Table table)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].Name == table.AssetColumn)
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>Version 1 (kept as it was: files created by it migrate through <see cref="AssetKeys"/>).</summary>
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

    /// <summary>
    /// Version 2. Each commit rewrites the asset-index pages of every asset the batch touches, and those index keys
    /// were ~77-character token ids (plus the row key): an integer key from a dictionary table makes the entries a
    /// few bytes, so far fewer pages per commit, and the tables shrink too. Each table is rebuilt with
    /// <c>asset_key</c> in place of <c>asset_id</c>; a view <c>{table}_v</c> joins the id back, with the columns
    /// version 1 had, for ad-hoc SQL.
    /// </summary>
    private static List<string> AssetKeys()
    {
        var statements = new List<string>
        {
            "CREATE TABLE IF NOT EXISTS assets (asset_key INTEGER PRIMARY KEY, asset_id TEXT NOT NULL UNIQUE)",
        };
        foreach (var table in Keyed)
        {
            var asset = table.AssetColumn!;
            statements.Add($"INSERT OR IGNORE INTO assets (asset_id) SELECT {asset} FROM {table.Name} ORDER BY sequence, idx");
            var ddl = new StringBuilder($"CREATE TABLE {table.Name}_v2 (");
            foreach (var column in table.Columns)
            {
                ddl.Append(ColumnName(table, column)).Append(' ').Append(column.Name == asset ? "INTEGER NOT NULL" : TypeOf(column.Type)).Append(", ");
            }

            ddl.Append("PRIMARY KEY (").AppendJoin(", ", table.Key).Append(")) WITHOUT ROWID");
            statements.Add(ddl.ToString());
            var columns = string.Join(", ", table.Columns.Select(column => ColumnName(table, column)));
            var values = string.Join(", ", table.Columns.Select(column => column.Name == asset ? "a." + AssetKey : "t." + ColumnName(column)));
            statements.Add($"INSERT INTO {table.Name}_v2 ({columns}) SELECT {values} FROM {table.Name} t JOIN assets a ON a.asset_id = t.{asset}");
            statements.Add($"DROP TABLE {table.Name}");
            statements.Add($"ALTER TABLE {table.Name}_v2 RENAME TO {table.Name}");
            if (table.AssetIndex.Count > 0)
            {
                var index = table.AssetIndex.Select(column => column == asset ? AssetKey : column);
                statements.Add($"CREATE INDEX IF NOT EXISTS {table.Name}_by_asset ON {table.Name} ({string.Join(", ", index)})");
            }

            var shown = string.Join(", ", table.Columns.Select(column => column.Name == asset ? "a.asset_id AS " + asset : "t." + ColumnName(column)));
            statements.Add($"CREATE VIEW IF NOT EXISTS {table.Name}_v AS SELECT {shown} FROM {table.Name} t JOIN assets a ON a.asset_key = t.asset_key");
        }

        return statements;
    }

    private static string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Int64 or ColumnType.Int32 => "INTEGER NOT NULL",
        ColumnType.Text or ColumnType.Label => "TEXT NOT NULL",
        ColumnType.NullableText or ColumnType.Hash => "TEXT",
        _ => "INTEGER",
    };
}
