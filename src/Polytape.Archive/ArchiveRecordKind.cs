namespace Polytape.Archive;

/// <summary>What an archive record holds. Zero is deliberately not a kind, so an unset record is rejected.</summary>
public enum ArchiveRecordKind : byte
{
    /// <summary>A WebSocket text frame, byte for byte.</summary>
    Ws = 1,

    /// <summary>A REST response body; <see cref="ArchiveRecord.Context"/> usually holds the URL.</summary>
    Rest = 2,

    /// <summary>A connection's subscription set changed.</summary>
    Subscription = 3,

    /// <summary>A book continuity transition (Syncing, Live, Suspect, Resyncing).</summary>
    Continuity = 4,

    /// <summary>Market metadata from discovery.</summary>
    Catalog = 5,

    /// <summary>Anything else worth keeping in the log (start, stop, operator notes).</summary>
    Note = 6,
}
