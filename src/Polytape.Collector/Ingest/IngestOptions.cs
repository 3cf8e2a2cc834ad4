namespace Polytape.Collector.Ingest;

/// <summary>How the ingest sequencer queues and checks. Defaults suit the whole universe on one machine.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// Frames waiting for the ingest loop; when full, <c>OnFrameAsync</c> waits, which slows the socket readers
    /// (never drops). 8k ≈ 0.25 s at 30k frames/s, a few MB of frames.
    /// </summary>
    public int QueueCapacity { get; init; } = 8_192;

    /// <summary>
    /// Open price_change groups are checked when the queue runs dry, at most this often: checking walks every asset,
    /// which at 300k assets costs about a millisecond, too much to do whenever the queue empties.
    /// </summary>
    public TimeSpan GroupCheckInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public void Validate()
    {
        if (QueueCapacity is < 1 or > 1 << 20)
        {
            throw new ArgumentException($"Invalid ingest options: QueueCapacity {QueueCapacity} must lie between 1 and 1048576.");
        }

        if (GroupCheckInterval < TimeSpan.Zero || GroupCheckInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"Invalid ingest options: GroupCheckInterval {GroupCheckInterval} must lie between 0 and 1 minute.");
        }
    }
}
