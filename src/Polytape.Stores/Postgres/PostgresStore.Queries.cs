using Npgsql;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Postgres;

/// <summary>Reads back: books at a moment and row counts.</summary>
public sealed partial class PostgresStore
{
    public async Task<StoredBook?> ReadBookAsync(string assetId, long atSequence, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            long snapshotSequence;
            int snapshotIndex;
            long snapshotReceived;
            await using (var find = new NpgsqlCommand(
                $"SELECT sequence, idx, received_us FROM book_snapshots WHERE {PostgresSchema.AssetKey} = hashtextextended($1, 0) AND asset_id = $1 AND sequence <= $2 ORDER BY sequence DESC, idx DESC LIMIT 1", connection))
            {
                find.Parameters.AddWithValue(assetId);
                find.Parameters.AddWithValue(atSequence);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                snapshotSequence = reader.GetInt64(0);
                snapshotIndex = reader.GetInt32(1);
                snapshotReceived = reader.GetInt64(2);
            }

            // The levels share their snapshot's receive time: that prunes to its day partition, whose BRIN index on
            // sequence then narrows the scan to a few block ranges (plus any range autovacuum has not summarized yet).
            var levels = await ReadLevelsAsync(
                connection, "SELECT side, price, size FROM book_levels WHERE received_us = $3 AND sequence = $1 AND idx = $2", cancellationToken,
                snapshotSequence, snapshotIndex, snapshotReceived).ConfigureAwait(false);
            var changes = await ReadLevelsAsync(
                connection,
                $"SELECT side, price, size FROM level_changes WHERE {PostgresSchema.AssetKey} = hashtextextended($1, 0) AND asset_id = $1"
                + " AND sequence <= $2 AND (sequence > $3 OR (sequence = $3 AND idx > $4)) ORDER BY sequence, idx",
                cancellationToken, assetId, atSequence, snapshotSequence, snapshotIndex).ConfigureAwait(false);
            return StoredBook.Build(assetId, snapshotSequence, levels, changes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresConnections.Translate(e, _where, "reading a book");
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var table in StoreTables.All)
            {
                counts[table.Name] = (long)(await ScalarAsync(connection, null, $"SELECT count(*) FROM {table.Name}", cancellationToken).ConfigureAwait(false))!;
            }

            return counts;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresConnections.Translate(e, _where, "counting rows");
        }
    }

    private static async Task<List<(Side, BookLevel)>> ReadLevelsAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var levels = new List<(Side, BookLevel)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var side = reader.GetString(0) == "bid" ? Side.Bid : Side.Ask;
            var price = Price.FromUnits((int)PostgresRowSink.ToUnits(reader.GetDecimal(1), Price.Scale));
            var size = Size.FromUnits(PostgresRowSink.ToUnits(reader.GetDecimal(2), Size.Scale));
            levels.Add((side, new BookLevel(price, size)));
        }

        return levels;
    }
}
