namespace Polytape.Domain.Continuity;

/// <summary>Whether a token's local book may be trusted. Polymarket has no sequence numbers, so trust is earned.</summary>
public enum ContinuityState : byte
{
    /// <summary>After a (re)subscribe or reconnect: deltas are not applied until a snapshot arrives.</summary>
    Syncing = 0,

    /// <summary>Built from a snapshot and every check since has passed.</summary>
    Live = 1,

    /// <summary>A check failed or the feed went quiet: the book may be wrong until proven otherwise.</summary>
    Suspect = 2,

    /// <summary>A resync was requested: waiting for a fresh snapshot.</summary>
    Resyncing = 3,
}
