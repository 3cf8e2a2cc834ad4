namespace Polytape.Collector.Books;

/// <summary>
/// What the book keeper did and found for one asset. Plain fields: updated on the hot path by one thread. A struct held
/// inside the <see cref="AssetBook"/>, not an object of its own: every event bumps a counter, and at the full universe
/// a separate object is one more cache miss an event.
/// </summary>
public struct AssetCounters
{
    public long Snapshots { get; internal set; }

    public long SnapshotMismatches { get; internal set; }

    public long SnapshotHashChecks { get; internal set; }

    public long SnapshotHashMismatches { get; internal set; }

    public long DeltasApplied { get; internal set; }

    /// <summary>Deltas that arrived while Syncing/Resyncing (archived upstream, not applied).</summary>
    public long DeltasSkipped { get; internal set; }

    public long BboChecks { get; internal set; }

    public long BboMismatches { get; internal set; }

    /// <summary>price_change group hash checks (snapshot hashes are counted apart).</summary>
    public long HashChecks { get; internal set; }

    public long HashMismatches { get; internal set; }

    /// <summary>Mismatches later explained: the venue's hash ran ahead (a later state or trade price matched it).</summary>
    public long HashMismatchesExplained { get; internal set; }

    public long CrossedBooks { get; internal set; }

    public long Trades { get; internal set; }

    public long TickSizeChanges { get; internal set; }

    public long Transitions { get; internal set; }
}
