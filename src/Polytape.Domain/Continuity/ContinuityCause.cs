namespace Polytape.Domain.Continuity;

/// <summary>Why a token's continuity state changed. Integrity failures are values here, never free text.</summary>
public enum ContinuityCause : byte
{
    None = 0,

    // Entering Syncing or Resyncing.
    Subscribed = 1,
    Reconnected = 2,
    ResyncRequested = 3,

    /// <summary>The connection that delivered the asset's book ended its session: the book is blind until a new snapshot.</summary>
    Disconnected = 4,

    // Entering Live.
    Snapshot = 10,
    HashVerified = 11,

    // Entering Suspect: integrity failures.
    BestBidMismatch = 20,
    BestAskMismatch = 21,
    HashMismatch = 22,
    SnapshotMismatch = 23,
    CrossedBook = 24,
    SnapshotHashMismatch = 25,

    /// <summary>The REST verifier found the venue's book different from ours, not explained by updates in flight.</summary>
    RestMismatch = 26,

    // Entering Suspect: other reasons.
    TickSizeChanged = 30,
    StaleFeed = 31,
    MarketResolved = 32,
}
