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

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "CLOB REST: retry {Attempt} of {Url} after status {Status}, in {Delay}")]
    public static partial void RestRetry(ILogger logger, int attempt, string url, int status, TimeSpan delay);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "REST verifier: asset {AssetId} differs from the venue's book ({Finding}); resync requested")]
    public static partial void RestMismatch(ILogger logger, string assetId, string finding);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "REST verifier: a round failed: {Reason}")]
    public static partial void VerifyRoundFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "Ingest loop stopped: {Reason}")]
    public static partial void IngestFailed(ILogger logger, string reason);
}
