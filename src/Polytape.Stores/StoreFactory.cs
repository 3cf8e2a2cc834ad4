using Polytape.Stores.ClickHouse;
using Polytape.Stores.Postgres;
using Polytape.Stores.Sqlite;

namespace Polytape.Stores;

/// <summary>Creates the store a spec names (not yet connected: call <see cref="IStore.EnsureSchemaAsync"/>).</summary>
public static class StoreFactory
{
    public static IStore Create(StoreSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kind switch
        {
            StoreKind.Sqlite => new SqliteStore(spec.Target),
            StoreKind.PostgreSql => new PostgresStore(spec.Target),
            StoreKind.ClickHouse => new ClickHouseStore(spec.Target),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown store kind"),
        };
    }

    public static IStore Create(string spec) => Create(StoreSpec.Parse(spec));
}
