using System.Net.WebSockets;

namespace Polytape.Simulator.MarketChannel;

/// <summary>The send side: the one writer of the socket, the DisconnectAfterFrames fault, the close, the idle watchdog.</summary>
internal sealed partial class MarketChannelSession
{
    // How long a closing connection may take (the client's answer to our close frame) before it is dropped.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    // The watchdog looks again at least this often, so a changed IdleTimeout or a close takes effect promptly.
    private static readonly TimeSpan IdleRecheck = TimeSpan.FromSeconds(1);

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Everything queued so far goes out in one socket write (see WriteCoalescingStream).
                await _stream.BeginBatchAsync(cancellationToken).ConfigureAwait(false);
                while (_close is not { Drain: false } && reader.TryRead(out var frame))
                {
                    await SendAsync(frame, cancellationToken).ConfigureAwait(false);
                }

                await _stream.EndBatchAsync(cancellationToken).ConfigureAwait(false);

                if (_close is { Drain: false })
                {
                    break;
                }
            }

            await CloseAsync(_close!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionEnd(e))
        {
            // The connection is gone; RunAsync records why.
        }
    }

    private async ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        long sent;
        lock (_truthLock)
        {
            // Counted before the write, so a client never holds a frame the truth does not.
            _digest.AppendData(frame);
            sent = ++_framesSent;
            _bytesSent += frame.Length;
        }

        await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        Touch();
        var disconnectAfter = _faults.DisconnectAfterFrames;
        if (disconnectAfter > 0 && sent >= disconnectAfter)
        {
            RequestClose(CloseIntent.Disconnect(_faults.DisconnectCloseCode));
        }
    }

    /// <summary>Sends the close frame, unless the intent drops the connection; the watchdog bounds the wait for the answer.</summary>
    private async Task CloseAsync(CloseIntent intent, CancellationToken cancellationToken)
    {
        if (intent.Status is { } status && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(status, intent.Reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Drops the connection without a close frame after IdleTimeout with no frame either way (live: ~125 s),
    /// and drops a closing connection whose client has not finished the close within <see cref="CloseTimeout"/>
    /// (a client that stopped reading never lets the close frame through).
    /// </summary>
    private async Task IdleWatchdogAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                TimeSpan wait;
                if (_close is not null)
                {
                    var closing = _time.GetElapsedTime(Volatile.Read(ref _closeRequestedAt));
                    if (closing >= CloseTimeout)
                    {
                        _abortConnection();
                        return;
                    }

                    wait = CloseTimeout - closing;
                }
                else
                {
                    var timeout = _faults.IdleTimeout;
                    var idle = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
                    if (timeout > TimeSpan.Zero && idle >= timeout)
                    {
                        RequestClose(CloseIntent.IdleTimeout);
                        return;
                    }

                    wait = timeout > TimeSpan.Zero ? timeout - idle : IdleRecheck;
                }

                await Task.Delay(wait < IdleRecheck ? wait : IdleRecheck, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session ended.
        }
    }
}
