using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.MarketChannel;

/// <summary>Accepts /ws/market handshakes (throttled when the fault asks) and runs one session per connection.</summary>
internal sealed class MarketChannelServer(
    MarketEngine engine,
    MarketChannelHub hub,
    SimulatorFaults faults,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MarketChannelServer> logger)
{
    private readonly HandshakeLimiter _handshakes = new(time);

    public async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("expected a WebSocket upgrade request", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var connection = context.Connection;
        var remote = connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, connection.RemotePort).ToString() : "unknown";
        var perSecond = faults.HandshakesPerSecond;
        if (!_handshakes.TryAcquire(connection.RemoteIpAddress, perSecond))
        {
            logger.HandshakeThrottled(remote, perSecond);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        if (await WebSocketUpgrade.AcceptAsync(context).ConfigureAwait(false) is not var (socket, stream))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var ownedSocket = socket;
        await using var ownedStream = stream;
        using var session = new MarketChannelSession(hub.NextConnectionId(), remote, socket, stream, context.Abort, hub, engine, faults, time);
        lock (engine.Gate)
        {
            hub.Attach(session);
        }

        logger.ConnectionOpened(session.Id, remote);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await session.RunAsync(stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            MarketConnectionTruth final;
            lock (engine.Gate)
            {
                final = session.Finish();
                hub.Detach(session, final);
            }

            logger.ConnectionEnded(session.Id, final.CloseReason, final.FramesSent);
        }
    }
}
