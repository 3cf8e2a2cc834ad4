using System.Globalization;
using Npgsql;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>
/// PostgreSQL through Npgsql binary COPY, every table partitioned by day. One transaction per batch: create the
/// days' partitions, lock and read the position, delete the batch's sequence range if it was loaded before, COPY
/// each table, raise the position. Retention drops whole day partitions. Calls to <see cref="WriteAsync"/> must not
/// overlap (a loader writes one batch at a time): they share one COPY encoder and its buffers.
/// </summary>
public sealed partial class PostgresStore : IStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresPartitions _partitions = new();
    /// <summary>Batches are written one at a time, so one encoder (and its buffers) serves every COPY.</summary>
    private readonly PostgresRowSink _sink = new();
    private readonly AssetOrder _order = new();
    private readonly string _where;

    public PostgresStore(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var builder = PostgresConnections.Parse(target);
        _where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        Description = PostgresConnections.Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public StoreKind Kind => StoreKind.PostgreSql;

    public string Description { get; }

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // One migrator at a time, even with several loaders starting together.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(7262840)", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
            var version = Convert.ToInt32(
                await ScalarAsync(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version", cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            if (version > PostgresSchema.Version)
            {
                throw new StoreException(
                    $"{Description} has schema version {version}, newer than this polytape understands ({PostgresSchema.Version}): upgrade polytape or use another database.")
                { IsTransient = false };
            }

            for (; version < PostgresSchema.Version; version++)
            {
                foreach (var statement in PostgresSchema.Migrations[version])
                {
                    // Building indexes over a large existing database takes longer than the default 30-s command timeout.
                    await using var migrate = new NpgsqlCommand(statement, connection, transaction) { CommandTimeout = 0 };
                    await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction, "DELETE FROM schema_version", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version + 1})", cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresConnections.Translate(e, _where, "creating the schema");
        }
    }

    public async Task<long> GetPositionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return (long)(await ScalarAsync(connection, null, "SELECT sequence FROM load_position WHERE id = 1", cancellationToken).ConfigureAwait(false) ?? 0L);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresConnections.Translate(e, _where, "reading the position");
        }
    }

    public async Task WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Records == 0)
        {
            return;
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await _partitions.EnsureAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            var position = (long)(await ScalarAsync(connection, transaction, "SELECT sequence FROM load_position WHERE id = 1 FOR UPDATE", cancellationToken).ConfigureAwait(false))!;
            if (batch.FirstSequence <= position)
            {
                foreach (var table in StoreTables.All)
                {
                    await ExecuteAsync(
                        connection, transaction,
                        $"DELETE FROM {table.Name} WHERE sequence BETWEEN {batch.FirstSequence} AND {batch.LastSequence}", cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var table in StoreTables.All)
            {
                if (table.Count(batch) == 0)
                {
                    continue;
                }

                // Disposing the raw stream ends the COPY and surfaces the server's verdict on the rows.
                var copy = await connection.BeginRawBinaryCopyAsync(PostgresSchema.Copy(table), cancellationToken).ConfigureAwait(false);
                await using (copy.ConfigureAwait(false))
                {
                    try
                    {
                        // Grouped by asset where the table has an asset index (book levels keep batch order for their BRIN lookups).
                        _sink.Begin(copy, table, table.AssetIndex.Count > 0 ? _order : null);
                        table.Write(batch, _sink);
                        _sink.Complete();
                    }
                    catch
                    {
                        // A half-written COPY must not be ended as if complete (its error would hide this one).
                        await copy.CancelAsync().ConfigureAwait(false);
                        throw;
                    }
                }
            }

            await ExecuteAsync(
                connection, transaction,
                $"UPDATE load_position SET sequence = greatest(sequence, {batch.LastSequence}) WHERE id = 1", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The partitions created in a rolled-back transaction are gone too.
            _partitions.Reset();
            throw PostgresConnections.Translate(e, _where, $"writing seq {batch.FirstSequence}-{batch.LastSequence}");
        }
    }

    public async Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var dropped = 0;
            foreach (var table in StoreTables.All)
            {
                if (policy.CutoffMicros(table, now) is { } cutoff)
                {
                    dropped += await PostgresPartitions.DropBeforeAsync(connection, table, cutoff, cancellationToken).ConfigureAwait(false);
                }
            }

            _partitions.Reset();

            // Whole day partitions are dropped, not counted row by row: the row count is unknown.
            return dropped == 0 ? 0 : -1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresConnections.Translate(e, _where, "applying retention");
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
