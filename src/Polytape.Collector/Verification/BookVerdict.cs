namespace Polytape.Collector.Verification;

/// <summary>What comparing one asset's local book with the venue's REST book showed.</summary>
public enum BookVerdict : byte
{
    /// <summary>Same levels, and the venue's hash reproduced from our book.</summary>
    Match = 0,

    /// <summary>Same levels, but the venue's hash did not reproduce (metadata or hash format): counted, not resynced.</summary>
    HashMismatch = 1,

    /// <summary>Different levels at the same venue time: our book is wrong.</summary>
    Mismatch = 2,

    /// <summary>Different levels and the venue's book is newer than our last event: in flight, or a frozen feed.</summary>
    VenueAhead = 3,

    /// <summary>Different levels but our last event is newer than the venue's book (a stale REST view): inconclusive.</summary>
    VenueBehind = 4,

    /// <summary>The asset is not Live or Suspect here (syncing, resyncing, resolved, unknown): nothing to compare.</summary>
    NotComparable = 5,
}
