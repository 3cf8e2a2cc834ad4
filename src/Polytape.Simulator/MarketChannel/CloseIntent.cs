using System.Net.WebSockets;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// How a session ends. <see cref="Status"/> null drops the connection without a close frame (live: idle
/// sockets, some drops); <see cref="Drain"/> sends what is already queued first (a market_resolved before
/// the 1000 close), otherwise the queue is discarded (slow consumer, faults).
/// </summary>
internal sealed record CloseIntent(WebSocketCloseStatus? Status, string Reason, bool Drain)
{
    public static CloseIntent SlowConsumer { get; } = new((WebSocketCloseStatus)1013, "slow consumer: send buffer full", Drain: false);

    public static CloseIntent AllResolved { get; } = new(WebSocketCloseStatus.NormalClosure, "all subscribed assets resolved", Drain: true);

    public static CloseIntent TooManyIds { get; } = new(WebSocketCloseStatus.MessageTooBig, "too many assets in one subscribe frame", Drain: false);

    public static CloseIntent MessageTooBig { get; } = new(WebSocketCloseStatus.MessageTooBig, "message too big", Drain: false);

    public static CloseIntent IdleTimeout { get; } = new(null, "idle timeout", Drain: false);

    public static CloseIntent ConnectionLost { get; } = new(null, "connection lost", Drain: false);

    public static CloseIntent ServerStopping { get; } = new(null, "server stopping", Drain: false);

    /// <summary>The DisconnectAfterFrames fault: a close frame with the configured code, or a drop when none (or an unsendable one).</summary>
    public static CloseIntent Disconnect(int? code) =>
        code is >= 1000 and <= 4999 and not (1004 or 1005 or 1006 or 1015)
            ? new((WebSocketCloseStatus)code.Value, "simulated disconnect", Drain: false)
            : new(null, "simulated disconnect", Drain: false);

    /// <summary>The client closed: answer with its own status, as servers do.</summary>
    public static CloseIntent ClientClosed(WebSocketCloseStatus? status) =>
        new(status ?? WebSocketCloseStatus.NormalClosure, "client closed", Drain: false);

    /// <summary>"1013 slow consumer: send buffer full", or "dropped: idle timeout" for the ground truth.</summary>
    public string Describe() => Status is { } status ? $"{(int)status} {Reason}" : $"dropped: {Reason}";
}
