namespace Polytape.Stores.Schema;

/// <summary>Which retention period a table follows.</summary>
public enum RetentionClass : byte
{
    /// <summary>Never deleted (catalog, lifecycle, continuity, aggregates).</summary>
    Kept,
    LevelChanges,
    Snapshots,
    Trades,
    TopOfBook,
}
