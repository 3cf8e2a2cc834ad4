using System.Buffers;
using System.Net.WebSockets;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.MarketChannel;

/// <summary>The receive side: client frames, PING, and subscription changes.</summary>
internal sealed partial class MarketChannelSession
{
    // Client frames are small; a subscribe with hundreds of ids fits, larger ones grow the buffer.
    private const int ReceiveBufferBytes = 16 * 1024;

    // 4 MiB holds a 40,000-id subscribe frame, far past any live client; beyond it the frame is refused (1009).
    private const int MaxClientMessageBytes = 4 * 1024 * 1024;

    private bool _marketFrameSeen;

    /// <summary>Reads until the client closes (its close is answered by the send loop) or the session ends.</summary>
    private async Task<CloseIntent> ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (length >= MaxClientMessageBytes)
                        {
                            return CloseIntent.MessageTooBig;
                        }

                        buffer = Grow(buffer, length);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    Touch();
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return CloseIntent.ClientClosed(_socket.CloseStatus);
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                _clientFrames.Add(buffer.AsSpan(0, length));
                if (_close is null)
                {
                    Handle(buffer.AsSpan(0, length), result.MessageType);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxClientMessageBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private void Handle(ReadOnlySpan<byte> message, WebSocketMessageType type)
    {
        if (type == WebSocketMessageType.Text && message.SequenceEqual(ControlFrames.Ping))
        {
            Enqueue(ControlFrames.Pong);
            return;
        }

        if (type != WebSocketMessageType.Text || !ClientRequest.TryParse(message, out var request))
        {
            Enqueue(ControlFrames.InvalidOperation);
            return;
        }

        var maxIds = _faults.MaxIdsPerSubscribeFrame;
        if (maxIds > 0 && request.Kind != ClientRequestKind.Unsubscribe && request.AssetIds.Count > maxIds)
        {
            RequestClose(CloseIntent.TooManyIds);
            return;
        }

        switch (request.Kind)
        {
            case ClientRequestKind.Market when _marketFrameSeen:
                Enqueue(ControlFrames.InvalidOperation);
                break;
            case ClientRequestKind.Market:
                _marketFrameSeen = true;
                Subscribe(request, opening: true);
                break;
            case ClientRequestKind.Subscribe:
                Subscribe(request, opening: false);
                break;
            default:
                Unsubscribe(request);
                break;
        }
    }

    /// <summary>
    /// Adds the new ids and answers with their books (the opening frame always answers, "[]" when none has
    /// a book; an update that adds nothing answers NO NEW ASSETS). Under the gate, so no delta of a new
    /// token can be queued ahead of its snapshot. Unknown ids are remembered, as live: they answer "[]".
    /// </summary>
    private void Subscribe(ClientRequest request, bool opening)
    {
        lock (_engine.Gate)
        {
            if (request.CustomFeatures is { } custom)
            {
                _customFeatures = custom;
            }

            var limit = _faults.MaxDeliveredAssetsPerConnection;
            var silent = _faults.SilentAssets;
            var added = false;
            var books = new List<SimulatedToken>();
            foreach (var id in request.AssetIds)
            {
                if (!_engine.Universe.TryGetToken(id, out var token))
                {
                    if (_unknownIds.Add(id))
                    {
                        _nextOrdinal++;
                        added = true;
                    }

                    continue;
                }

                if (_tokens.ContainsKey(token))
                {
                    continue;
                }

                var ordinal = _nextOrdinal++;
                _tokens.Add(token, ordinal);
                Route(token, ordinal);
                added = true;
                if (MarketSubscription.Delivers(token, ordinal, limit, silent))
                {
                    books.Add(token);
                }
            }

            _subscribedCount = _tokens.Count + _unknownIds.Count;
            if (!opening && !added)
            {
                Enqueue(ControlFrames.NoNewAssets);
            }
            else if (request.InitialDump && !_faults.SilentStall)
            {
                Enqueue(_engine.InitialDump(books));
            }
        }
    }

    /// <summary>Removes ids; silent, as live (no acknowledgement, no book clear).</summary>
    private void Unsubscribe(ClientRequest request)
    {
        lock (_engine.Gate)
        {
            foreach (var id in request.AssetIds)
            {
                if (_engine.Universe.TryGetToken(id, out var token) && _tokens.Remove(token))
                {
                    Unroute(token);
                }
                else
                {
                    _unknownIds.Remove(id);
                }
            }

            _subscribedCount = _tokens.Count + _unknownIds.Count;
        }
    }

    private void Route(SimulatedToken token, int ordinal)
    {
        if (!_markets.TryGetValue(token.Market, out var subscription))
        {
            subscription = new MarketSubscription(this, token.Market);
            _markets.Add(token.Market, subscription);
            _hub.AddRoute(subscription);
        }

        subscription.Set(token, ordinal);
    }

    private void Unroute(SimulatedToken token)
    {
        var subscription = _markets[token.Market];
        subscription.Set(token, -1);
        if (subscription.IsEmpty)
        {
            _markets.Remove(token.Market);
            _hub.RemoveRoute(subscription);
        }
    }
}
