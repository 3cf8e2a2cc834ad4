using System.Globalization;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;
using Polytape.Stores.Model;
using Polytape.Stores.Schema;

namespace Polytape.Stores.ClickHouse;

/// <summary>Reads back with FINAL, so rows loaded twice count once: books at a moment and row counts.</summary>
public sealed partial class ClickHouseStore
{
    public async Task<StoredBook?> ReadBookAsync(string assetId, long atSequence, CancellationToken cancellationToken = default)
    {
        // The tables hold the id's key (schema version 3): a primary-key lookup.
        var asset = SipHash.Hash64(assetId);
        var found = (await _connection.ExecuteAsync(
            Sql($"SELECT sequence, idx FROM book_snapshots FINAL WHERE asset_key = {asset} AND sequence <= {atSequence} ORDER BY sequence DESC, idx DESC LIMIT 1 FORMAT TabSeparated"),
            cancellationToken).ConfigureAwait(false)).Trim();
        if (found.Length == 0)
        {
            return null;
        }

        var parts = found.Split('\t');
        var snapshotSequence = long.Parse(parts[0], CultureInfo.InvariantCulture);
        var snapshotIndex = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var levels = ParseLevels(await _connection.ExecuteAsync(
            Sql($"SELECT side, price, size FROM book_levels FINAL WHERE asset_key = {asset} AND sequence = {snapshotSequence} AND idx = {snapshotIndex} FORMAT TabSeparated"),
            cancellationToken).ConfigureAwait(false));
        var changes = ParseLevels(await _connection.ExecuteAsync(
            Sql($"SELECT side, price, size FROM level_changes FINAL WHERE asset_key = {asset} AND sequence <= {atSequence} AND (sequence > {snapshotSequence} OR (sequence = {snapshotSequence} AND idx > {snapshotIndex})) ORDER BY sequence, idx FORMAT TabSeparated"),
            cancellationToken).ConfigureAwait(false));
        return StoredBook.Build(assetId, snapshotSequence, levels, changes);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in StoreTables.All)
        {
            var text = await _connection.ExecuteAsync($"SELECT count() FROM {table.Name} FINAL", cancellationToken).ConfigureAwait(false);
            counts[table.Name] = long.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static List<(Side, BookLevel)> ParseLevels(string tsv)
    {
        var levels = new List<(Side, BookLevel)>();
        foreach (var line in tsv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            var side = fields[0] == "bid" ? Side.Bid : Side.Ask;
            levels.Add((side, new BookLevel(Price.Parse(fields[1]), Size.Parse(fields[2]))));
        }

        return levels;
    }

    private static string Sql(FormattableString sql) => sql.ToString(CultureInfo.InvariantCulture);
}
