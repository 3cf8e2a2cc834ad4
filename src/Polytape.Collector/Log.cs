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

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Feed pool: opened connection {ConnectionId} ({Reason})")]
    public static partial void PoolConnectionOpened(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Feed pool: closed connection {ConnectionId} ({Reason})")]
    public static partial void PoolConnectionClosed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Feed pool: connection {ConnectionId} is suspect ({Reason}); replacing it make-before-break with {ReplacementId}")]
    public static partial void PoolReplacing(ILogger logger, string connectionId, string reason, string replacementId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Feed pool: {ReplacementId} delivers; retiring {ConnectionId}")]
    public static partial void PoolReplaced(ILogger logger, string connectionId, string replacementId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Feed pool: {Count} stale session ends within {Window}; requesting a discovery refresh")]
    public static partial void PoolDiscoveryRefresh(ILogger logger, int count, TimeSpan window);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "Feed pool: {Count} assets without a snapshot were retried ({Moved} moved to another connection)")]
    public static partial void PoolSnapshotRetries(ILogger logger, int count, int moved);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Feed pool: {Count} assets delivered no snapshot after every retry (e.g. {Example}); reported as not delivering")]
    public static partial void PoolNotDelivering(ILogger logger, int count, string example);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Error, Message = "Feed pool: subscription records are no longer archived")]
    public static partial void PoolRecordsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Feed pool: {ConnectionId} delivered its snapshots, then nothing: its assets are quiet; silence allowed before the next probe: {Allowance}")]
    public static partial void PoolQuietConnection(ILogger logger, string connectionId, TimeSpan allowance);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Error, Message = "Feed pool: a DiscoveryRefreshRequested handler threw")]
    public static partial void PoolRefreshHandlerFailed(ILogger logger, Exception exception);
    [LoggerMessage(EventId = 1019, Level = LogLevel.Warning, Message = "CLOB REST: retry {Attempt} of {Url} after status {Status}, in {Delay}")]
    public static partial void RestRetry(ILogger logger, int attempt, string url, int status, TimeSpan delay);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "REST verifier: asset {AssetId} differs from the venue's book ({Finding}); resync requested")]
    public static partial void RestMismatch(ILogger logger, string assetId, string finding);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "REST verifier: a round failed: {Reason}")]
    public static partial void VerifyRoundFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "Ingest loop stopped: {Reason}")]
    public static partial void IngestFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Recording into {ArchiveDirectory}; metrics and status at {Listen}")]
    public static partial void RecorderStarted(ILogger logger, string archiveDirectory, string listen);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Information, Message = "Stopping: closing connections, draining received frames, sealing the archive")]
    public static partial void RecorderStopping(ILogger logger);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "Stopped: archive sealed through sequence {LastSequence} ({Records} records this run)")]
    public static partial void RecorderStopped(ILogger logger, long lastSequence, long records);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Critical, Message = "Recording stops: {Reason}")]
    public static partial void RecorderFaulted(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 1044, Level = LogLevel.Warning, Message = "Store {Store} did not catch up at stop ({Reason}); the archive has everything and the next run loads it")]
    public static partial void StoreCatchUpFailed(ILogger logger, string store, string reason);
}
