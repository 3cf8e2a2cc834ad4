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
}
