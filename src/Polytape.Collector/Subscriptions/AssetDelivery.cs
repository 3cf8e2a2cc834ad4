namespace Polytape.Collector.Subscriptions;

/// <summary>Whether an asset's current connection has delivered its book snapshot.</summary>
internal enum AssetDelivery : byte
{
    /// <summary>Its connection is not in a session: the next session's replay subscribes it.</summary>
    Waiting = 0,

    /// <summary>Subscribed in a live session; a snapshot is due by the deadline.</summary>
    Pending = 1,

    Delivered = 2,

    /// <summary>Every retry passed without a snapshot; reconsidered at its connection's next session.</summary>
    NotDelivering = 3,
}
