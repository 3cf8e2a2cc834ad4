using Microsoft.Data.Sqlite;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.Sqlite;

/// <summary>Reads back: books at a moment and row counts.</summary>
public sealed partial class SqliteStore
{
    public async Task<StoredBook?> ReadBookAsync(string assetId, long atSequence, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        long snapshotSequence, snapshotIndex;
        using (var find = Command(
            connection,
            "SELECT sequence, idx FROM book_snapshots WHERE asset_key = (SELECT asset_key FROM assets WHERE asset_id = $asset) AND sequence <= $at ORDER BY sequence DESC, idx DESC LIMIT 1",
            ("$asset", assetId), ("$at", atSequence)))
        using (var reader = find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            snapshotSequence = reader.GetInt64(0);
            snapshotIndex = reader.GetInt64(1);
        }

        var levels = ReadLevels(Command(
            connection, "SELECT side, price_e4, size_e6 FROM book_levels WHERE sequence = $s AND idx = $i",
            ("$s", snapshotSequence), ("$i", snapshotIndex)));
        var changes = ReadLevels(Command(
            connection,
            "SELECT side, price_e4, size_e6 FROM level_changes WHERE asset_key = (SELECT asset_key FROM assets WHERE asset_id = $asset)"
            + " AND sequence <= $at"
            + " AND (sequence > $s OR (sequence = $s AND idx > $i)) ORDER BY sequence, idx",
            ("$asset", assetId), ("$at", atSequence), ("$s", snapshotSequence), ("$i", snapshotIndex)));
        return StoredBook.Build(assetId, snapshotSequence, levels, changes);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in StoreTables.All)
        {
            using var count = Command(connection, $"SELECT count(*) FROM {table.Name}");
            counts[table.Name] = (long)count.ExecuteScalar()!;
        }

        return counts;
    }

    private static List<(Side, BookLevel)> ReadLevels(SqliteCommand command)
    {
        using (command)
        using (var reader = command.ExecuteReader())
        {
            var levels = new List<(Side, BookLevel)>();
            while (reader.Read())
            {
                var side = reader.GetString(0) == "bid" ? Side.Bid : Side.Ask;
                levels.Add((side, new BookLevel(Price.FromUnits(reader.GetInt32(1)), Size.FromUnits(reader.GetInt64(2)))));
            }

            return levels;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
