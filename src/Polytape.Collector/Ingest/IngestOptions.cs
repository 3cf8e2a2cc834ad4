namespace Polytape.Collector.Ingest;

/// <summary>How the ingest sequencer queues and checks. Defaults suit the whole universe on one machine.</summary>
public sealed record IngestOptions
{
    /// <summary>What a frame costs the queue beyond its payload, so thousands of tiny frames also fill it.</summary>
    public const int PerFrameOverheadBytes = 256;

    /// <summary>
    /// Bytes of frames waiting for the ingest loop; when full, <c>OnFrameAsync</c> waits, which slows the socket
    /// readers (never drops). 32 MiB ≈ 36k small frames (over a second at 30k frames/s), or ~100 of the ~300 KB
    /// initial dumps a whole-universe start delivers on 1,500 connections at once.
    /// </summary>
    public long QueueCapacityBytes { get; init; } = 32L << 20;

    /// <summary>
    /// Open price_change groups are checked at most this often: checking walks every asset, which at 300k assets costs
    /// about a millisecond. A group is judged by the first check after one that found it settled (nothing joined
    /// since), so one to two intervals after its last entry.
    /// </summary>
    public TimeSpan GroupCheckInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// A frame that arrives while nothing is queued or being applied is applied on the receiving thread instead of
    /// waking the loop: at 30k frames/s that hand-off (a thread switch per frame) cost about a third of the CPU. Frames
    /// queue as before whenever the loop has work, so the order per connection and around session notices holds.
    /// </summary>
    public bool ApplyOnReceivingThreadWhenIdle { get; init; } = true;

    public void Validate()
    {
        if (QueueCapacityBytes is < 1 or > 1L << 34)
        {
            throw new ArgumentException($"Invalid ingest options: QueueCapacityBytes {QueueCapacityBytes} must lie between 1 and 16 GiB.");
        }

        if (GroupCheckInterval < TimeSpan.Zero || GroupCheckInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"Invalid ingest options: GroupCheckInterval {GroupCheckInterval} must lie between 0 and 1 minute.");
        }
    }
}
