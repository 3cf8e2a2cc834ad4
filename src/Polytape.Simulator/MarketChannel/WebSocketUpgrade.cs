using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// The RFC 6455 handshake done by hand, so the server WebSocket can run over a <see cref="WriteCoalescingStream"/>
/// (the framework's AcceptWebSocketAsync gives no access to the stream underneath).
/// </summary>
internal static class WebSocketUpgrade
{
    private const string Rfc6455Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    // Enough for a burst of a few hundred typical frames in one socket write.
    private const int CoalescingBytes = 256 * 1024;

    public static async Task<(WebSocket Socket, WriteCoalescingStream Stream)?> AcceptAsync(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
        if (upgrade is not { IsUpgradableRequest: true } || key.Length == 0)
        {
            return null;
        }

#pragma warning disable CA5350 // RFC 6455 mandates SHA-1 for Sec-WebSocket-Accept; it is not used for security here.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Rfc6455Guid)));
#pragma warning restore CA5350
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers["Sec-WebSocket-Accept"] = accept;
        var stream = new WriteCoalescingStream(await upgrade.UpgradeAsync().ConfigureAwait(false), CoalescingBytes);

        // The venue sends no protocol-level pings on the market channel (protocol §2.3); neither do we.
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        return (socket, stream);
    }
}
