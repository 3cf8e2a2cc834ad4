using Microsoft.Extensions.Logging;

namespace Polytape.Collector.Discovery;

/// <summary>Discovery's log messages (event ids 1100–1149). Nothing is logged per market on the hot path.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Discovery: {Markets} markets, {Tokens} tokens (+{Added} -{Removed} ~{Changed}, {Pending} held back until ready)")]
    public static partial void Refreshed(ILogger logger, int markets, int tokens, int added, int removed, int changed, int pending);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Discovery refresh failed; the catalog is kept as it was: {Error}")]
    public static partial void RefreshFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Discovery: {Problem}")]
    public static partial void SelectionProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Discovery: market {ConditionId} ({Slug}) was not ready after {Timeout}; given up")]
    public static partial void HydrationTimedOut(ILogger logger, string conditionId, string? slug, TimeSpan timeout);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Discovery: new-market lookup for {ConditionId} failed: {Error}")]
    public static partial void NoticeLookupFailed(ILogger logger, string conditionId, string error);
}
