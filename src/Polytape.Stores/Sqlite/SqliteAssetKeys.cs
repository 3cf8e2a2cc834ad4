using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// The writer's copy of the <c>assets</c> dictionary (asset id → integer key), loaded when the store opens, so a row's
/// key is one in-memory lookup. A new id is inserted in the batch's own transaction (INSERT OR IGNORE, then read back,
/// so an id another writer added meanwhile keeps its key); if that transaction rolls back, <see cref="RolledBack"/>
/// forgets the keys it added, so none can point at a row that does not exist.
/// </summary>
internal sealed class SqliteAssetKeys : IDisposable
{
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _added = [];
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _select;

    public SqliteAssetKeys(SqliteConnection connection)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open.");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT asset_key, asset_id FROM assets";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _keys[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, "INSERT OR IGNORE INTO assets (asset_id) VALUES (?)", out _insert), _database);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, "SELECT asset_key FROM assets WHERE asset_id = ?", out _select), _database);
    }

    public long KeyOf(string assetId) => _keys.TryGetValue(assetId, out var key) ? key : Add(assetId);

    /// <summary>The batch's transaction committed: the keys it added are durable.</summary>
    public void Committed() => _added.Clear();

    /// <summary>The batch's transaction rolled back: its new keys no longer exist in the file.</summary>
    public void RolledBack()
    {
        foreach (var assetId in _added)
        {
            _keys.Remove(assetId);
        }

        _added.Clear();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _select.Dispose();
    }

    private long Add(string assetId)
    {
        Step(_insert, assetId, raw.SQLITE_DONE);
        var key = Step(_select, assetId, raw.SQLITE_ROW);
        _keys.Add(assetId, key);
        _added.Add(assetId);
        return key;
    }

    private long Step(sqlite3_stmt statement, string assetId, int expected)
    {
        try
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, assetId), _database);
            var result = raw.sqlite3_step(statement);
            if (result != expected)
            {
                SqliteException.ThrowExceptionForRC(result == raw.SQLITE_DONE ? raw.SQLITE_NOTFOUND : result, _database);
            }

            return expected == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : 0;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }
}
