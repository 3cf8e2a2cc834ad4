using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Polytape.Collector.Feed;

/// <summary>One session: connect, subscribe, then a receive loop and a control loop until either ends it.</summary>
public sealed partial class FeedConnection
{
    private const int ReceiveBufferBytes = 64 * 1024;
    private const int SendBufferBytes = 16 * 1024;

    private async Task<(FeedDisconnectReason Reason, string Detail, bool ReceivedData)> RunSessionAsync(CancellationToken cancellationToken)
    {
        if (_beforeConnect is not null)
        {
            await _beforeConnect(cancellationToken).ConfigureAwait(false);
        }

        Epoch++;
        State = FeedState.Connecting;
        using var socket = _socketFactory();
        socket.Options.CollectHttpResponseDetails = true; // tells a 429 (throttled handshake) from other failures

        // The default 4 KB receive buffer takes ~6 frames per socket read; the venue writes bursts of many.
        socket.Options.SetBuffer(ReceiveBufferBytes, SendBufferBytes);
        try
        {
            using var connectTimeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
            await socket.ConnectAsync(_options.Endpoint, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var reason = socket.HttpStatusCode == System.Net.HttpStatusCode.TooManyRequests ? FeedDisconnectReason.Throttled : FeedDisconnectReason.ConnectFailed;
            return End(reason, ex.Message, receivedData: false);
        }

        // Pending commands are folded into the full desired set, which the session sends anyway.
        while (_commands.Reader.TryRead(out _))
        {
        }

        var assets = DesiredAssets().ToList();
        var session = new SessionClock(_time.GetUtcNow());
        using var sessionStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The receive side outlives a stop by up to CloseTimeout: it reads what the venue sent before it saw our Close.
        using var receiveStop = new CancellationTokenSource();
        try
        {
            await SendSubscriptionAsync(socket, assets, sessionStop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException && !cancellationToken.IsCancellationRequested)
        {
            return End(FeedDisconnectReason.Aborted, ex.Message, receivedData: false);
        }

        State = FeedState.Receiving;
        _sink.OnSessionStarted(Id, Epoch, assets);
        Log.SessionStarted(_logger, Id, Epoch, assets.Count);

        var receive = ReceiveLoopAsync(socket, session, receiveStop.Token);
        var control = ControlLoopAsync(socket, session, sessionStop.Token);
        var first = await Task.WhenAny(receive, control).ConfigureAwait(false);
        if (first == control && cancellationToken.IsCancellationRequested && DrainOnClose)
        {
            await CloseGracefullyAsync(socket, receive).ConfigureAwait(false);
        }

        await sessionStop.CancelAsync().ConfigureAwait(false);
        await receiveStop.CancelAsync().ConfigureAwait(false);
        socket.Abort();
        var outcomes = await Task.WhenAll(Quietly(receive), Quietly(control)).ConfigureAwait(false);
        var outcome = first == receive ? outcomes[0] : outcomes[1];
        if (cancellationToken.IsCancellationRequested)
        {
            outcome = (FeedDisconnectReason.Stopped, "stopped");
        }

        return End(outcome.Reason, outcome.Detail, session.ReceivedData);
    }

    private (FeedDisconnectReason, string, bool) End(FeedDisconnectReason reason, string detail, bool receivedData)
    {
        Log.SessionEnded(_logger, Id, Epoch, reason, detail);
        _sink.OnSessionEnded(Id, Epoch, reason, detail);
        return (reason, detail, receivedData);
    }

    private async Task<(FeedDisconnectReason Reason, string Detail)> ReceiveLoopAsync(ClientWebSocket socket, SessionClock session, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.InitialFrameBufferBytes);
        var length = 0;
        long sequence = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxFrameBytes)
                    {
                        return (FeedDisconnectReason.FrameTooLarge, $"a frame exceeded {_options.MaxFrameBytes} bytes");
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxFrameBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the close so the server can let go at once (best effort: the session is over either way);
                    // when we closed first, this is the server's answer and there is nothing left to send.
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await CompleteCloseAsync(socket).ConfigureAwait(false);
                    }

                    return (FeedDisconnectReason.ClosedByServer, $"{(int?)socket.CloseStatus} {socket.CloseStatusDescription}".Trim());
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var now = _time.GetUtcNow();
                if (!IsPong(buffer.AsSpan(0, length)))
                {
                    session.DataAt(now);
                    LastDataAt = now;
                }

                FramesReceived++;

                // The frame leaves in a buffer of its own size: handing over the 64 KB assembly buffer instead made every
                // ~600-byte frame cost a fresh 64 KB array once more were in flight than the shared pool keeps.
                var bytes = FrameBuffers.Rent(length);
                buffer.AsSpan(0, length).CopyTo(bytes);
                var frame = new ReceivedFrame(Id, Epoch, ++sequence, MicrosecondsSinceEpoch(now), bytes, length);
                length = 0;
                if (buffer.Length > _options.InitialFrameBufferBytes)
                {
                    // Grown for an initial dump (~100-500 KB): go back to the initial size, or 1,500 connections each
                    // hold their largest frame's buffer for the whole session (~0.2-0.7 GB at the full universe).
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(_options.InitialFrameBufferBytes);
                }

                await _sink.OnFrameAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WebSocketException ex)
        {
            return (FeedDisconnectReason.Aborted, ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The only sender once the session runs: subscription changes (sent as soon as they arrive), PINGs, and the
    /// staleness watchdog. It sleeps until the next thing is due (the next PING, or the instant the session would turn
    /// stale if nothing more arrived) or a command comes: about one wake-up per <see cref="FeedOptions.PingInterval"/>
    /// instead of a polling tick (a 1 s tick was 1,500 timer fires a second at the full universe).
    /// </summary>
    private async Task<(FeedDisconnectReason Reason, string Detail)> ControlLoopAsync(ClientWebSocket socket, SessionClock session, CancellationToken cancellationToken)
    {
        // The deadline timer wakes the loop through the command channel, so the loop awaits one thing only.
        using var deadline = _time.CreateTimer(static state => ((ChannelWriter<FeedCommand>)state!).TryWrite(FeedCommand.WakeUp), _commands.Writer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var nextPing = session.StartedAt + _options.PingInterval;
        try
        {
            while (true)
            {
                while (_commands.Reader.TryRead(out var command))
                {
                    foreach (var chunk in command.AssetIds.Chunk(_options.MaxIdsPerFrame))
                    {
                        await SendAsync(socket, SubscriptionFrames.Operation(command.Subscribe ? "subscribe" : "unsubscribe", chunk, _options.CustomFeatures), cancellationToken).ConfigureAwait(false);
                    }
                }

                var now = _time.GetUtcNow();
                if (now >= nextPing)
                {
                    await SendAsync(socket, "PING"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    nextPing = now + _options.PingInterval;
                }

                var subscribed = DesiredCount > 0;
                if (subscribed && session.IsStale(now, StaleAfter, _options.FirstMessageGrace, out var silence))
                {
                    return (FeedDisconnectReason.Stale, $"no market data for {silence.TotalSeconds:F0} s while subscribed");
                }

                var wakeAt = subscribed ? Min(nextPing, session.StaleAt(StaleAfter, _options.FirstMessageGrace)) : nextPing;
                var due = wakeAt - now;
                if (due <= TimeSpan.Zero)
                {
                    continue; // StaleAfter was lowered meanwhile: judge again now (a timer armed at 0 would wait for the next tick)
                }

                deadline.Change(WholeMilliseconds(due), Timeout.InfiniteTimeSpan);

                // A timer counts its due time from when it is armed. If the clock moved after `now` was read (a test's
                // Advance, or a long preemption), the timer may fire late by that much: judge again from the new time.
                if (_time.GetUtcNow() - now > ArmingSlack)
                {
                    continue;
                }

                if (!await _commands.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                ControlWakeUps++;
            }
        }
        catch (WebSocketException ex)
        {
            return (FeedDisconnectReason.Aborted, ex.Message);
        }

        return (FeedDisconnectReason.Stopped, "stopped");
    }

    /// <summary>Clock movement while arming that is read as a test's Advance or a stall, not as the time arming takes.</summary>
    private static readonly TimeSpan ArmingSlack = TimeSpan.FromMilliseconds(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Rounded up: system timers truncate to whole milliseconds and would otherwise fire just before the deadline, then spin.</summary>
    private static TimeSpan WholeMilliseconds(TimeSpan due) =>
        TimeSpan.FromTicks((due.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

    private async Task SendSubscriptionAsync(ClientWebSocket socket, List<string> assets, CancellationToken cancellationToken)
    {
        var chunks = assets.Chunk(_options.MaxIdsPerFrame).ToList();
        await SendAsync(socket, SubscriptionFrames.Initial(chunks.Count > 0 ? chunks[0] : [], _options.CustomFeatures), cancellationToken).ConfigureAwait(false);
        foreach (var chunk in chunks.Skip(1))
        {
            await SendAsync(socket, SubscriptionFrames.Operation("subscribe", chunk, _options.CustomFeatures), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A close the recorder decided (retired, replaced, stopping): send a Close frame and keep the receive loop
    /// handing frames to the sink until the server's Close answers it, so frames the venue sent before it saw ours
    /// are archived. Bounded by <see cref="FeedOptions.CloseTimeout"/>; a failed send (server gone) ends it at once.
    /// The control loop has ended, so this is the only sender.
    /// </summary>
    private async Task CloseGracefullyAsync(ClientWebSocket socket, Task receive)
    {
        if (receive.IsCompleted || socket.State != WebSocketState.Open)
        {
            return;
        }

        _sink.OnSessionClosing(Id, Epoch);
        try
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", timeout.Token).ConfigureAwait(false);
            await receive.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The server is gone or did not answer in time: the socket is aborted next.
        }
    }

    private async Task CompleteCloseAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The server went first and may already be gone.
        }
    }

    private static Task SendAsync(ClientWebSocket socket, byte[] frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static bool IsPong(ReadOnlySpan<byte> frame) => frame.SequenceEqual("PONG"u8);

    private static long MicrosecondsSinceEpoch(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static async Task<(FeedDisconnectReason Reason, string Detail)> Quietly(Task<(FeedDisconnectReason Reason, string Detail)> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (FeedDisconnectReason.Stopped, "stopped");
        }
        catch (ObjectDisposedException)
        {
            return (FeedDisconnectReason.Aborted, "socket disposed");
        }
    }
}
