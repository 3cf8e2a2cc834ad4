using Polytape.Stores.Model;

namespace Polytape.Stores;

/// <summary>
/// A database the normalised rows are loaded into. A store keeps its own position in the log (the last archive
/// sequence loaded) in the same transaction as the rows, so a crash never loses or doubles a batch. Every row in a
/// store has a sequence at or below its position.
/// </summary>
public interface IStore : IAsyncDisposable
{
    StoreKind Kind { get; }

    /// <summary>Where the store is, without credentials (for logs and progress lines).</summary>
    string Description { get; }

    /// <summary>Connects, creates the tables if missing and migrates older schemas (recorded in <c>schema_version</c>).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>The last archive sequence loaded; 0 for an empty store.</summary>
    Task<long> GetPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces the rows of the batch's sequence range with the batch's rows and raises the position to
    /// its last sequence (never lowers it). Loading the same records twice therefore gives the same rows. The batch is
    /// the caller's again once the returned task completes (the loader refills it): keep nothing of it past that.
    /// </summary>
    Task WriteAsync(RowBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The book of <paramref name="assetId"/> after the record <paramref name="atSequence"/>, or null before its first snapshot.</summary>
    Task<StoredBook?> ReadBookAsync(string assetId, long atSequence, CancellationToken cancellationToken = default);

    /// <summary>Rows per table (for checks and summaries).</summary>
    Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes rows older than the policy allows, as of <paramref name="now"/>; returns the rows deleted (where the backend says).</summary>
    Task<long> ApplyRetentionAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken cancellationToken = default);
}
