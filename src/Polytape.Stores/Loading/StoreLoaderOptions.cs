namespace Polytape.Stores.Loading;

/// <summary>How a loader batches, polls, retries and applies retention.</summary>
public sealed class StoreLoaderOptions
{
    public const int DefaultBatchRecords = 20_000;

    /// <summary>
    /// Archive records per batch (one transaction): large enough to amortise a commit, small enough to retry cheaply.
    /// Each batch rewrites the index pages of every asset it touches, so with thousands of assets small batches cost
    /// far more per row (a recorded 2,100-asset archive loads into SQLite 1.5× faster at 20,000 than at 5,000; 50,000
    /// gains nothing more).
    /// </summary>
    public int BatchRecords { get; set; } = DefaultBatchRecords;

    /// <summary>Batches waiting for the store (~80,000 records). Reading waits when it is full, so a slow store holds a bounded backlog.</summary>
    public int QueueCapacity { get; set; } = 4;

    /// <summary>Live mode: how often the archive is read for new records.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per batch before giving up; null retries forever (live mode: the archive keeps everything meanwhile).</summary>
    public int? MaxAttempts { get; set; }

    public RetentionPolicy Retention { get; set; } = RetentionPolicy.Default;

    /// <summary>Live mode: how often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff);
        ArgumentNullException.ThrowIfNull(Retention);
    }
}
