namespace Polytape.Collector.Feed;

/// <summary>Where a connection is in its life.</summary>
public enum FeedState : byte
{
    Idle = 0,
    Connecting = 1,
    Receiving = 2,
    Reconnecting = 3,
    Stopped = 4,
}
