using Microsoft.Extensions.Logging;

namespace Polytape.Collector;

/// <summary>The collector's log messages (event ids 1000–1099). Nothing is logged per message.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Feed {ConnectionId} epoch {Epoch}: subscribed {AssetCount} assets")]
    public static partial void SessionStarted(ILogger logger, string connectionId, int epoch, int assetCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Feed {ConnectionId} epoch {Epoch} ended ({Reason}): {Detail}")]
    public static partial void SessionEnded(ILogger logger, string connectionId, int epoch, Feed.FeedDisconnectReason reason, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Feed {ConnectionId}: reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string connectionId, TimeSpan delay, int attempt);
}
