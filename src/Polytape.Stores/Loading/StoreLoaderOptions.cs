namespace Polytape.Stores.Loading;

/// <summary>How a loader batches, polls, retries and applies retention.</summary>
public sealed class StoreLoaderOptions
{
    /// <summary>
    /// SQLite and PostgreSQL: each batch rewrites the index pages of every asset it touches, so with thousands of
    /// assets small batches cost far more per row (a recorded 2,100-asset archive loads into SQLite 1.5× faster at
    /// 20,000 than at 5,000; 50,000 gains nothing more).
    /// </summary>
    public const int DefaultBatchRecords = 20_000;

    /// <summary>
    /// ClickHouse: every batch inserts a new part (a directory of 8–42 files) into each table and aggregate it
    /// touches, about a dozen, and the server then merges those parts again. Per record, the server's CPU falls
    /// with the batch (a 1,000,000-record load: ~8 CPU-s at 20,000, ~5.5 at 100,000), and so does merging.
    /// </summary>
    public const int ClickHouseBatchRecords = 100_000;

    /// <summary>Records the queue holds at most (<see cref="QueueCapacity"/> when it is not set): a backlog of batches costs memory, not speed.</summary>
    public const int QueuedRecords = 80_000;

    /// <summary>
    /// Archive records per batch (one transaction, or one insert per table): large enough to amortise a commit,
    /// small enough to retry cheaply. Null: the store's own default (<see cref="DefaultBatchRecordsFor"/>).
    /// </summary>
    public int? BatchRecords { get; set; }

    /// <summary>
    /// Batches waiting for the store. Reading waits when it is full, so a slow store holds a bounded backlog. Null:
    /// as many as hold <see cref="QueuedRecords"/> records, at least one (<see cref="QueueCapacityFor"/>).
    /// </summary>
    public int? QueueCapacity { get; set; }

    /// <summary>Live mode: how often the archive is read for new records.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per batch before giving up; null retries forever (live mode: the archive keeps everything meanwhile).</summary>
    public int? MaxAttempts { get; set; }

    public RetentionPolicy Retention { get; set; } = RetentionPolicy.Default;

    /// <summary>Live mode: how often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The batch size a store loads best with when none is given: larger for ClickHouse, where each batch makes parts.</summary>
    public static int DefaultBatchRecordsFor(StoreKind kind) => kind == StoreKind.ClickHouse ? ClickHouseBatchRecords : DefaultBatchRecords;

    /// <summary>The batch size for <paramref name="kind"/>: <see cref="BatchRecords"/> when set, else the store's default.</summary>
    public int BatchRecordsFor(StoreKind kind) => BatchRecords ?? DefaultBatchRecordsFor(kind);

    /// <summary>The queue's capacity in batches of <paramref name="batchRecords"/>: <see cref="QueueCapacity"/> when set, else up to 4 batches holding <see cref="QueuedRecords"/>.</summary>
    public int QueueCapacityFor(int batchRecords) => QueueCapacity ?? Math.Clamp(QueuedRecords / Math.Max(batchRecords, 1), 1, 4);

    public void Validate()
    {
        if (BatchRecords is { } batch)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1, nameof(BatchRecords));
        }

        if (QueueCapacity is { } queue)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(queue, 1, nameof(QueueCapacity));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff);
        ArgumentNullException.ThrowIfNull(Retention);
    }
}
