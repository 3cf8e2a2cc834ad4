using System.Globalization;
using Microsoft.Data.Sqlite;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, one transaction per batch (rows and position together),
/// prepared INSERTs. A batch that reaches back to or below the stored position first deletes its sequence range, so
/// reloading replaces rather than duplicates. Asset ids are stored once, in <c>assets</c>; the tables hold their
/// integer <c>asset_key</c> (schema version 2, <see cref="SqliteSchema"/>).
/// </summary>
public sealed partial class SqliteStore : IStore
{
    public const string DefaultPath = "data/polytape.db";

    private readonly string _path;
    private SqliteConnection? _connection;
    private TableCommand[] _inserts = [];
    private SqliteAssetKeys? _assetKeys;

    public SqliteStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
    }

    public StoreKind Kind => StoreKind.Sqlite;

    public string Description => "sqlite:" + _path;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var version = Convert.ToInt32(Scalar(connection, null, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        if (version > SqliteSchema.Version)
        {
            throw new StoreException(
                $"{Description} has schema version {version}, newer than this polytape understands ({SqliteSchema.Version}): upgrade polytape or load into a new file.")
            { IsTransient = false };
        }

        for (; version < SqliteSchema.Version; version++)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var statement in SqliteSchema.Migrations[version])
            {
                Execute(connection, transaction, statement);
            }

            Execute(connection, transaction, "DELETE FROM schema_version");
            Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version + 1})");
            transaction.Commit();
        }

        PrepareInserts(connection);
    }

    public async Task<long> GetPositionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return ReadPosition(connection, null);
    }

    public Task WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var connection = _connection ?? throw new InvalidOperationException("call EnsureSchemaAsync before writing.");
        if (batch.Records == 0)
        {
            return Task.CompletedTask;
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            var position = ReadPosition(connection, transaction);
            if (batch.FirstSequence <= position)
            {
                foreach (var table in StoreTables.All)
                {
                    Execute(
                        connection, transaction,
                        $"DELETE FROM {table.Name} WHERE sequence BETWEEN {batch.FirstSequence} AND {batch.LastSequence}");
                }
            }

            foreach (var insert in _inserts)
            {
                if (insert.Table.Count(batch) > 0)
                {
                    insert.Table.Write(batch, insert.Sink);
                }
            }

            Execute(connection, transaction, $"UPDATE load_position SET sequence = max(sequence, {batch.LastSequence}) WHERE id = 1");
            transaction.Commit();
            _assetKeys!.Committed();
        }
        catch (SqliteException e)
        {
            _assetKeys!.RolledBack();
            throw new StoreException($"writing seq {batch.FirstSequence}-{batch.LastSequence} to {Description} failed: {e.Message}", e);
        }
        catch
        {
            _assetKeys!.RolledBack();
            throw;
        }

        return Task.CompletedTask;
    }

    public Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var connection = _connection ?? throw new InvalidOperationException("call EnsureSchemaAsync before applying retention.");
        long deleted = 0;
        foreach (var table in StoreTables.All)
        {
            if (policy.CutoffMicros(table, now) is { } cutoff)
            {
                deleted += Execute(connection, null, $"DELETE FROM {table.Name} WHERE received_us < {cutoff}");
            }
        }

        return Task.FromResult(deleted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var insert in _inserts)
        {
            insert.Sink.Dispose();
        }

        _inserts = [];
        _assetKeys?.Dispose();
        _assetKeys = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        try
        {
            if (Path.GetDirectoryName(_path) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            // No pooling: the file is released when the store is disposed (tests and `load` delete or move it).
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL lets readers (the API, sqlite3) query while the loader writes; NORMAL is durable at each checkpoint
            // and loses at most the last transactions on power loss, which the loader reloads from the archive.
            Execute(connection, null, "PRAGMA journal_mode = WAL");
            Execute(connection, null, "PRAGMA synchronous = NORMAL");
            Execute(connection, null, "PRAGMA busy_timeout = 5000");
            // The asset indexes take rows in asset order, not arrival order, so inserts touch pages all over them: a
            // 64 MiB page cache (default 2 MiB) keeps those pages in memory between batches.
            Execute(connection, null, "PRAGMA cache_size = -65536");
            _connection = connection;
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot open the SQLite store {_path}: {e.Message}. Check that the directory exists and is writable.", e)
            {
                IsTransient = false,
            };
        }
    }

    private void PrepareInserts(SqliteConnection connection)
    {
        if (_inserts.Length > 0)
        {
            return;
        }

        var keys = _assetKeys = new SqliteAssetKeys(connection);
        _inserts = StoreTables.All
            .Select(table => new TableCommand(table, new SqliteRowSink(connection, SqliteSchema.Insert(table), keys, SqliteSchema.AssetParameter(table))))
            .ToArray();
    }

    private static long ReadPosition(SqliteConnection connection, SqliteTransaction? transaction) =>
        Convert.ToInt64(Scalar(connection, transaction, "SELECT sequence FROM load_position WHERE id = 1") ?? 0L, CultureInfo.InvariantCulture);

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private sealed record TableCommand(Table Table, SqliteRowSink Sink);
}
