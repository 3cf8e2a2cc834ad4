using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// A deliberately minimal, fast market-channel reader for load measurement: a plain TCP socket, the RFC 6455
/// handshake, masked text frames to subscribe, then bulk 64 KiB reads in which server frames are counted by
/// their headers (no per-message await or copy). It measures what the server can deliver, not a client.
/// </summary>
internal sealed class RawWebSocketReader : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private NetworkStream _stream = null!;
    private long _frames;

    public long Frames => Interlocked.Read(ref _frames);

    public string? CloseReason { get; private set; }

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
        _stream = _client.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);

        // Read the 101 response headers byte by byte (they are short) so no frame byte is consumed.
        var headers = new StringBuilder();
        var one = new byte[1];
        while (!headers.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("the server closed during the handshake");
            }

            headers.Append((char)one[0]);
        }

        if (!headers.ToString().StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new IOException($"handshake refused: {headers.ToString().Split('\r')[0]}");
        }
    }

    public Task SendTextAsync(string text, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = payload.Length < 126 ? 2 : payload.Length < 65_536 ? 4 : 10;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = 0x81; // FIN + text
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (header == 4)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var mask = RandomNumberGenerator.GetBytes(4);
        mask.CopyTo(frame, header);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return _stream.WriteAsync(frame, cancellationToken).AsTask();
    }

    /// <summary>Counts complete server frames until cancelled or the server closes.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var pending = 0;   // bytes of the current frame still to skip
        var header = new byte[14];
        var headerLength = 0;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    CloseReason ??= "connection closed";
                    return;
                }

                var position = 0;
                while (position < read)
                {
                    if (pending > 0)
                    {
                        var skip = Math.Min(pending, read - position);
                        position += skip;
                        pending -= skip;
                        continue;
                    }

                    header[headerLength++] = buffer[position++];
                    if (headerLength < 2)
                    {
                        continue;
                    }

                    var lengthCode = header[1] & 0x7F;
                    var needed = lengthCode < 126 ? 2 : lengthCode == 126 ? 4 : 10;
                    if (headerLength < needed)
                    {
                        continue;
                    }

                    long length = lengthCode < 126 ? lengthCode
                        : lengthCode == 126 ? BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2))
                        : (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2));
                    if ((header[0] & 0x0F) == 0x8)
                    {
                        CloseReason = "close frame from the server";
                        return;
                    }

                    if ((header[0] & 0x80) != 0)
                    {
                        Interlocked.Increment(ref _frames);
                    }

                    pending = (int)length;
                    headerLength = 0;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The measurement is over.
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
