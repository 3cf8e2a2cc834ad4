using System.Net.WebSockets;
using System.Text;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>One thing the server did: a text frame, a close frame, or dropping the connection without one.</summary>
internal sealed record ServerMessage(byte[]? Text, WebSocketCloseStatus? CloseStatus, string? CloseDescription, bool Dropped)
{
    public bool IsText => Text is not null;

    public bool IsClose => CloseStatus is not null;

    public override string ToString() =>
        Text is not null ? Encoding.UTF8.GetString(Text) : Dropped ? "(dropped)" : $"(close {(int?)CloseStatus} {CloseDescription})";
}
