namespace Polytape.Collector.Subscriptions;

/// <summary>One desired asset: where it is subscribed and whether its snapshot came. Guarded by the pool's gate.</summary>
internal sealed class AssetSlot(string id)
{
    public string Id { get; } = id;

    public PooledConnection Connection { get; set; } = null!;

    public AssetDelivery Delivery { get; set; }

    /// <summary>When a Pending asset is retried; null while Waiting.</summary>
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>Retries since the last snapshot.</summary>
    public int Retries { get; set; }

    /// <summary>Already resubscribed on its current connection: the next retry moves it.</summary>
    public bool ResubscribedHere { get; set; }

    /// <summary>The connection of the last snapshot (a replacement's snapshots count once it takes over).</summary>
    public PooledConnection? SnapshotFrom { get; set; }
}
