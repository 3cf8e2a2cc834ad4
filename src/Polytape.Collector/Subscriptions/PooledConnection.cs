using Polytape.Collector.Feed;

namespace Polytape.Collector.Subscriptions;

/// <summary>The pool's view of one <see cref="FeedConnection"/>. Guarded by the pool's gate.</summary>
internal sealed class PooledConnection(FeedConnection feed)
{
    // A few recent endings tell a flapping connection from a one-off drop.
    private const int RecentEndsKept = 5;

    private readonly Queue<FeedSessionEnd> _recentEnds = new();

    public FeedConnection Feed { get; } = feed;

    public string Id => Feed.Id;

    /// <summary>Its assets; a replacement holds the same slots as the connection it replaces until it takes over.</summary>
    public HashSet<AssetSlot> Assets { get; } = [];

    public CancellationTokenSource? Stop { get; set; }

    public Task? Run { get; set; }

    public bool InSession { get; set; }

    public DateTimeOffset SessionStartedAt { get; set; }

    /// <summary>Marked for replacement: ended stale, or silent while the rest of the pool received data.</summary>
    public bool Suspect { get; set; }

    public PooledConnection? Replacement { get; set; }

    /// <summary>Quiet backoff: its silence allowance is the suspect silence doubled this many times (capped).</summary>
    public int QuietLevel { get; set; }

    /// <summary>Its session is a fresh test of its assets (a replacement, or a reconnect after a stale end): silence after its opening burst proves them quiet.</summary>
    public bool Probing { get; set; }

    /// <summary>Set while this connection is the replacement of another and has not taken over yet.</summary>
    public PooledConnection? Replaces { get; set; }

    public bool Retired { get; set; }

    public IReadOnlyList<FeedSessionEnd> RecentEnds => [.. _recentEnds];

    public bool HasRoom(int maxAssets, int count = 1) => !Suspect && !Retired && Replaces is null && Assets.Count + count <= maxAssets;

    /// <summary>Whether data arrived in the current session.</summary>
    public bool DeliveredThisSession => InSession && Feed.LastDataAt is { } last && last >= SessionStartedAt;

    /// <summary>Since when the current session has been silent (its start when no data came yet).</summary>
    public DateTimeOffset SilentSince => Feed.LastDataAt is { } last && last > SessionStartedAt ? last : SessionStartedAt;

    public void Ended(FeedSessionEnd end)
    {
        InSession = false;
        _recentEnds.Enqueue(end);
        if (_recentEnds.Count > RecentEndsKept)
        {
            _recentEnds.Dequeue();
        }
    }
}
