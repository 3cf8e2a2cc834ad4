using System.Globalization;

namespace Polytape.Stores.ClickHouse;

/// <summary>
/// Version 2 → 3 (<see cref="ClickHouseSchema"/>): ClickHouse cannot change a table's sort key in place, so each keyed
/// table and each aggregate is copied on the server into a staging table of the new shape, then swapped in. Each step
/// can be rerun after a crash: a staging table left behind is dropped and refilled, one whose original is already gone
/// is renamed into place, and a table that already has its key column is left alone. The views that read the old
/// tables are dropped first and made again last. Copies run on the server and may take long on a big store.
/// </summary>
internal static class ClickHouseKeysMigration
{
    /// <summary>How long one table's copy may take before the migration is treated as failed (and rerun next time).</summary>
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromHours(12);

    public static async Task RunAsync(ClickHouseConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(ClickHouseSchema.CreateIds, cancellationToken).ConfigureAwait(false);
        foreach (var view in ClickHouseSchema.MaterializedViews.Concat([ClickHouseSchema.TradesFeed, ClickHouseSchema.TopOfBookFeed]))
        {
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {view}", cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in ClickHouseSchema.Keyed)
        {
            await RebuildAsync(
                connection, table.Name, staged => ClickHouseSchema.CreateKeyed(table, staged), ClickHouseSchema.IdColumns(table),
                ClickHouseSchema.FromVersion2(table), cancellationToken).ConfigureAwait(false);
        }

        foreach (var (name, _) in ClickHouseSchema.BarTables)
        {
            await RebuildAsync(
                connection, name, ClickHouseSchema.CreateKeyedBars, ["asset_id"], ClickHouseSchema.AggregateFromVersion2(name), cancellationToken).ConfigureAwait(false);
        }

        await RebuildAsync(
            connection, ClickHouseSchema.SpreadTable, ClickHouseSchema.CreateKeyedSpreads, ["asset_id"],
            ClickHouseSchema.AggregateFromVersion2(ClickHouseSchema.SpreadTable), cancellationToken).ConfigureAwait(false);
        foreach (var statement in ClickHouseSchema.KeyedViews())
        {
            await connection.ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies <paramref name="name"/> into its version-3 shape (made by <paramref name="create"/>) and swaps it in.</summary>
    private static async Task RebuildAsync(
        ClickHouseConnection connection, string name, Func<string, string> create, IEnumerable<string> idColumns, string select, CancellationToken cancellationToken)
    {
        var staged = name + "_v3";
        if (!await ExistsAsync(connection, name, cancellationToken).ConfigureAwait(false))
        {
            // A crash between dropping the original and renaming its copy.
            if (await ExistsAsync(connection, staged, cancellationToken).ConfigureAwait(false))
            {
                await connection.ExecuteAsync($"RENAME TABLE {staged} TO {name}", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await connection.ExecuteAsync(create(name), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (await HasKeyColumnAsync(connection, name, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await connection.ExecuteAsync($"DROP TABLE IF EXISTS {staged}", cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(create(staged), cancellationToken).ConfigureAwait(false);
        foreach (var column in idColumns)
        {
            await connection.ExecuteAsync(
                $"INSERT INTO {ClickHouseSchema.Ids} SELECT DISTINCT sipHash64({column}), {column} FROM {name}", cancellationToken, timeout: CopyTimeout).ConfigureAwait(false);
        }

        await connection.ExecuteAsync($"INSERT INTO {staged} SELECT {select} FROM {name}", cancellationToken, timeout: CopyTimeout).ConfigureAwait(false);
        await connection.ExecuteAsync($"DROP TABLE {name}", cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync($"RENAME TABLE {staged} TO {name}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExistsAsync(ClickHouseConnection connection, string table, CancellationToken cancellationToken) =>
        (await connection.ExecuteAsync($"EXISTS TABLE {table}", cancellationToken).ConfigureAwait(false)).Trim() == "1";

    private static async Task<bool> HasKeyColumnAsync(ClickHouseConnection connection, string table, CancellationToken cancellationToken) =>
        int.Parse(
            (await connection.ExecuteAsync(
                $"SELECT count() FROM system.columns WHERE database = currentDatabase() AND table = '{table}' AND name = '{ClickHouseSchema.AssetKey}'",
                cancellationToken).ConfigureAwait(false)).Trim(),
            CultureInfo.InvariantCulture) > 0;
}
