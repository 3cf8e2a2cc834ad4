using Polytape.Collector.Feed;

namespace Polytape.Collector.Subscriptions;

/// <summary>A point-in-time view of the pool for status pages and metrics.</summary>
public sealed record FeedPoolStatus
{
    public required IReadOnlyList<FeedPoolConnectionStatus> Connections { get; init; }

    /// <summary>The desired set: every asset the pool was asked to keep subscribed.</summary>
    public int AssetsDesired { get; init; }

    /// <summary>Assets whose current connection session delivered a book snapshot.</summary>
    public int AssetsDelivered { get; init; }

    /// <summary>Assets waiting for a snapshot (including those whose connection is not in a session).</summary>
    public int AssetsPendingSnapshot { get; init; }

    /// <summary>Assets pending after at least one retry.</summary>
    public int AssetsRetrying { get; init; }

    /// <summary>Assets that used up their retries without a snapshot (unknown, resolved or blocked ids).</summary>
    public int AssetsNotDelivering { get; init; }

    /// <summary>Resubscriptions and moves made because a snapshot did not come (cumulative).</summary>
    public long SnapshotRetries { get; init; }

    public long AssetMoves { get; init; }

    public long StaleSessionEnds { get; init; }

    public long Replacements { get; init; }

    public long DiscoveryRefreshesRequested { get; init; }

    /// <summary>Handshakes answered with HTTP 429.</summary>
    public long HandshakeThrottles { get; init; }

    /// <summary>Resync requests (unsubscribe + subscribe for a fresh snapshot) from the book verifier.</summary>
    public long Resubscriptions { get; init; }

    /// <summary>Times a connection proved its assets quiet and its silence allowance was raised (see <see cref="FeedPoolOptions.QuietConnectionMaxSilence"/>).</summary>
    public long QuietBackoffs { get; init; }
}

/// <summary>One connection of the pool.</summary>
public sealed record FeedPoolConnectionStatus(
    string Id,
    FeedState State,
    int Epoch,
    int Assets,
    long Reconnects,
    long Frames,
    DateTimeOffset? LastDataAt,
    bool Suspect,
    string? Replaces,
    IReadOnlyList<FeedSessionEnd> RecentSessionEnds)
{
    /// <summary>How long it may be silent while others deliver before it is replaced: the suspect silence, raised while its assets prove quiet.</summary>
    public TimeSpan SilenceAllowance { get; init; }
}

/// <summary>How and when one session of a connection ended.</summary>
public readonly record struct FeedSessionEnd(DateTimeOffset At, int Epoch, FeedDisconnectReason Reason, string Detail);
