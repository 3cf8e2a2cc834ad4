namespace Polytape.Collector.Feed;

/// <summary>Why a market-channel session ended.</summary>
public enum FeedDisconnectReason : byte
{
    Stopped = 0,
    ConnectFailed = 1,
    ClosedByServer = 2,
    Aborted = 3,
    Stale = 4,
    FrameTooLarge = 5,

    /// <summary>The handshake was refused with HTTP 429: too many connections opened at once (§8.6).</summary>
    Throttled = 6,
}
