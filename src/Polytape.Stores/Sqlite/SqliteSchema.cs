using System.Text;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// SQLite DDL from the shared table definitions. SQLite has no exact decimal type, so prices are stored as integers
/// of 0.0001 (columns suffixed <c>_e4</c>) and sizes as integers of 0.000001 (<c>_e6</c>): exact, and they sort and
/// group numerically. Tables are <c>WITHOUT ROWID</c> on their (sequence, idx …) key: rows arrive in key order, so
/// inserts append. Version 2 stores asset and market ids once, in dictionary tables, and integer keys in the data
/// tables (see <see cref="DictionaryKeys"/>).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bump with a new entry in <see cref="Migrations"/> whenever the tables change.</summary>
    public const int Version = 2;

    /// <summary>Statements that bring a schema from version i to i + 1 (index i); a new file runs them all.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = [CreateAll(), DictionaryKeys()];

    /// <summary>Tables with a column whose text id version 2 replaces by a dictionary key.</summary>
    public static IEnumerable<Table> Keyed => StoreTables.All.Where(table => table.Columns.Any(column => DictionaryOf(table, column) is not null));

    /// <summary>The dictionary that keys this column from version 2 on: the asset id, and the market's condition id.</summary>
    public static SqliteDictionaryTable? DictionaryOf(Table table, Column column) =>
        column.Name == table.AssetColumn ? SqliteDictionaryTable.Assets
        : column is { Name: "market", Type: ColumnType.Text } ? SqliteDictionaryTable.Markets
        : null;

    /// <summary>The column as version 1 named it (and as the <c>…_v</c> views still show it).</summary>
    public static string ColumnName(Column column) => column.Type switch
    {
        ColumnType.Price => column.Name + "_e4",
        ColumnType.Size => column.Name + "_e6",
        _ => column.Name,
    };

    /// <summary>The column in the current schema: a dictionary's key in place of its text id.</summary>
    public static string ColumnName(Table table, Column column) => DictionaryOf(table, column)?.KeyColumn ?? ColumnName(column);

    public static string Insert(Table table) =>
        $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(column => ColumnName(table, column)))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";


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
    /// were ~77-character token ids (plus the row key); the market's 66-character condition id was a third of a
    /// level change's bytes. Integer keys from dictionary tables (<see cref="SqliteDictionaryTable"/>) make the index
    /// entries a few bytes and the rows much shorter, so far fewer pages per commit. Each keyed table is rebuilt with
    /// the keys in place of the ids; a view <c>{table}_v</c> joins the ids back, with the columns version 1 had.
    /// </summary>
    private static List<string> DictionaryKeys()
    {
        var statements = SqliteDictionaryTable.All.Select(dictionary => dictionary.Create).ToList();
        foreach (var table in Keyed)
        {
            var ddl = new StringBuilder($"CREATE TABLE {table.Name}_v2 (");
            var values = new List<string>();
            var shown = new List<string>();
            var joinsById = new StringBuilder();
            var joinsByKey = new StringBuilder();
            foreach (var column in table.Columns)
            {
                var dictionary = DictionaryOf(table, column);
                ddl.Append(ColumnName(table, column)).Append(' ').Append(dictionary is null ? TypeOf(column.Type) : "INTEGER NOT NULL").Append(", ");
                if (dictionary is null)
                {
                    values.Add("t." + ColumnName(column));
                    shown.Add("t." + ColumnName(column));
                    continue;
                }

                statements.Add($"INSERT OR IGNORE INTO {dictionary.Name} ({dictionary.IdColumn}) SELECT {column.Name} FROM {table.Name} ORDER BY sequence, idx");
                var alias = "d_" + column.Name;
                values.Add($"{alias}.{dictionary.KeyColumn}");
                shown.Add($"{alias}.{dictionary.IdColumn} AS {column.Name}");
                joinsById.Append($" JOIN {dictionary.Name} {alias} ON {alias}.{dictionary.IdColumn} = t.{column.Name}");
                joinsByKey.Append($" JOIN {dictionary.Name} {alias} ON {alias}.{dictionary.KeyColumn} = t.{dictionary.KeyColumn}");
            }

            ddl.Append("PRIMARY KEY (").AppendJoin(", ", table.Key).Append(")) WITHOUT ROWID");
            statements.Add(ddl.ToString());
            var columns = string.Join(", ", table.Columns.Select(column => ColumnName(table, column)));
            statements.Add($"INSERT INTO {table.Name}_v2 ({columns}) SELECT {string.Join(", ", values)} FROM {table.Name} t{joinsById}");
            statements.Add($"DROP TABLE {table.Name}");
            statements.Add($"ALTER TABLE {table.Name}_v2 RENAME TO {table.Name}");
            if (table.AssetIndex.Count > 0)
            {
                var index = table.AssetIndex.Select(column => column == table.AssetColumn ? SqliteDictionaryTable.Assets.KeyColumn : column);
                statements.Add($"CREATE INDEX IF NOT EXISTS {table.Name}_by_asset ON {table.Name} ({string.Join(", ", index)})");
            }

            statements.Add($"CREATE VIEW IF NOT EXISTS {table.Name}_v AS SELECT {string.Join(", ", shown)} FROM {table.Name} t{joinsByKey}");
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
