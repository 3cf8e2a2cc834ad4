using Microsoft.Extensions.Logging;

namespace Polytape.Simulator.MarketChannel;

/// <summary>Connection-level events of the market-channel server (event ids 3100–3199); nothing per message.</summary>
internal static partial class MarketChannelLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Market channel connection {ConnectionId} opened from {RemoteEndPoint}")]
    public static partial void ConnectionOpened(this ILogger logger, long connectionId, string remoteEndPoint);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Market channel connection {ConnectionId} ended ({Reason}) after {FramesSent} frames")]
    public static partial void ConnectionEnded(this ILogger logger, long connectionId, string? reason, long framesSent);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Handshake from {RemoteEndPoint} refused with 429 (over {PerSecond} per second)")]
    public static partial void HandshakeThrottled(this ILogger logger, string remoteEndPoint, int perSecond);
}
