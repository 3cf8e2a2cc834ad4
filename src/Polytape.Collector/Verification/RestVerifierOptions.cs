namespace Polytape.Collector.Verification;

/// <summary>How often and how widely the REST verifier checks books against the venue.</summary>
public sealed record RestVerifierOptions
{
    public TimeSpan VerifyInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Live assets checked per round, in rotation so every asset is checked over time (plus every Suspect one).</summary>
    public int SampleSize { get; init; } = 500;

    /// <summary>
    /// Books compared per ingest turn. Comparing (and hashing) a whole 500-book round at once held every frame back for
    /// ~8 ms; in turns of 50 the frames queued meanwhile go between them.
    /// </summary>
    public int CompareBatchSize { get; init; } = 50;

    /// <summary>
    /// When the venue's book is newer than our last event and differs, the update may still be in flight: check again
    /// after this delay before calling the feed frozen.
    /// </summary>
    public TimeSpan RecheckDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>An asset with no event for this long whose REST book equals ours is a quiet market, not a frozen feed.</summary>
    public TimeSpan QuietAfter { get; init; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        if (VerifyInterval <= TimeSpan.Zero || RecheckDelay < TimeSpan.Zero || QuietAfter < TimeSpan.Zero || SampleSize < 0 || CompareBatchSize <= 0)
        {
            throw new ArgumentException(
                $"Invalid REST verifier options: VerifyInterval ({VerifyInterval}) and CompareBatchSize ({CompareBatchSize}) must be positive; RecheckDelay ({RecheckDelay}), QuietAfter ({QuietAfter}) and SampleSize ({SampleSize}) must not be negative.");
        }
    }
}
