namespace Polytape.Domain.Continuity;

/// <summary>The snake_case names of continuity states and causes, as the archive, stores, metrics and reports write them (stable: readers depend on them).</summary>
public static class ContinuityNames
{
    public static string Of(ContinuityState state) => state switch
    {
        ContinuityState.Syncing => "syncing",
        ContinuityState.Live => "live",
        ContinuityState.Suspect => "suspect",
        ContinuityState.Resyncing => "resyncing",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Of(ContinuityCause cause) => cause switch
    {
        ContinuityCause.None => "none",
        ContinuityCause.Subscribed => "subscribed",
        ContinuityCause.Reconnected => "reconnected",
        ContinuityCause.ResyncRequested => "resync_requested",
        ContinuityCause.Disconnected => "disconnected",
        ContinuityCause.Snapshot => "snapshot",
        ContinuityCause.HashVerified => "hash_verified",
        ContinuityCause.BestBidMismatch => "best_bid_mismatch",
        ContinuityCause.BestAskMismatch => "best_ask_mismatch",
        ContinuityCause.HashMismatch => "hash_mismatch",
        ContinuityCause.SnapshotMismatch => "snapshot_mismatch",
        ContinuityCause.CrossedBook => "crossed_book",
        ContinuityCause.SnapshotHashMismatch => "snapshot_hash_mismatch",
        ContinuityCause.RestMismatch => "rest_mismatch",
        ContinuityCause.TickSizeChanged => "tick_size_changed",
        ContinuityCause.StaleFeed => "stale_feed",
        ContinuityCause.MarketResolved => "market_resolved",
        _ => cause.ToString().ToLowerInvariant(),
    };
}
