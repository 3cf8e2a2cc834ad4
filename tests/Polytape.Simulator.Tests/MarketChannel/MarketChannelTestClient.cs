using System.Buffers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Polytape.Simulator.Hosting;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>
/// A market-channel client for tests: keeps every text frame it received, in order, and never waits
/// without a deadline. <see cref="SyncAsync"/> is the barrier: the server queues its PONG behind every frame
/// queued before the PING, so the frames before the PONG are all the data the server had for us.
/// </summary>
internal sealed class MarketChannelTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;

    private MarketChannelTestClient(ClientWebSocket socket)
    {
        _socket = socket;
    }

    public List<byte[]> Received { get; } = [];

    public static async Task<MarketChannelTestClient> ConnectAsync(PolymarketSimulator sim)
    {
        var socket = NewSocket();
        try
        {
            using var cts = new CancellationTokenSource(Deadline);
            await socket.ConnectAsync(sim.MarketWebSocketUri, cts.Token);
            return new MarketChannelTestClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A socket that reports the HTTP status of a refused handshake and sends no protocol pings.</summary>
    public static ClientWebSocket NewSocket()
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.CollectHttpResponseDetails = true;
        return socket;
    }

    public async Task SendAsync(string text)
    {
        using var cts = new CancellationTokenSource(Deadline);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cts.Token);
    }

    public async Task<ServerMessage> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Deadline);
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cts.Token);
            }
            catch (WebSocketException)
            {
                return new ServerMessage(null, null, null, Dropped: true);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nothing from the server within {Deadline.TotalSeconds} s");
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await AnswerCloseAsync();
                return new ServerMessage(null, _socket.CloseStatus, _socket.CloseStatusDescription, Dropped: false);
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                var text = buffer.WrittenSpan.ToArray();
                Received.Add(text);
                return new ServerMessage(text, null, null, Dropped: false);
            }
        }
    }

    public async Task<string> ReceiveTextAsync()
    {
        var message = await ReceiveAsync();
        Assert.True(message.IsText, $"expected a text frame, got {message}");
        return Encoding.UTF8.GetString(message.Text!);
    }

    /// <summary>Sends PING and returns every text frame that arrived before the PONG.</summary>
    public async Task<List<byte[]>> SyncAsync()
    {
        await SendAsync("PING");
        var frames = new List<byte[]>();
        while (true)
        {
            var message = await ReceiveAsync();
            Assert.True(message.IsText, $"expected frames and a PONG, got {message}");
            if (message.Text.AsSpan().SequenceEqual("PONG"u8))
            {
                return frames;
            }

            frames.Add(message.Text!);
        }
    }

    /// <summary>Reads until the server closes or drops the connection; the text frames before it are in <see cref="Received"/>.</summary>
    public async Task<ServerMessage> ReceiveEndAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (!message.IsText)
            {
                return message;
            }
        }
    }

    /// <summary>SHA-256 over every text frame received, concatenated: what the server's ground truth digests.</summary>
    public string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var frame in Received)
        {
            hash.AppendData(frame);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(Deadline);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (WebSocketException)
            {
                // The server went first.
            }
        }

        _socket.Dispose();
    }

    private async Task AnswerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            using var cts = new CancellationTokenSource(Deadline);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }
        catch (WebSocketException)
        {
            // The server dropped the connection after its close frame.
        }
    }
}
