using Polytape.Collector.Feed;

namespace Polytape.Collector.Subscriptions;

/// <summary>The pool as its connections' sink: frames pass straight through; session events update the plan.</summary>
public sealed partial class FeedPool
{
    /// <summary>Hot path: hands the frame (and its buffer) to the downstream sink, adding nothing.</summary>
    public ValueTask OnFrameAsync(ReceivedFrame frame, CancellationToken cancellationToken) =>
        _downstream.OnFrameAsync(frame, cancellationToken);

    public void OnSessionStarted(string connectionId, int epoch, IReadOnlyCollection<string> assetIds)
    {
        _downstream.OnSessionStarted(connectionId, epoch, assetIds);
        _pacer.OnAccepted();
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var connection))
            {
                return;
            }

            var now = _time.GetUtcNow();
            connection.InSession = true;
            connection.SessionStartedAt = now;
            if (connection.Replaces is null)
            {
                // Books are rebuilt from the replayed subscription's snapshots: every asset is due one again
                // (one that used up its retries gets this free check, then is reported again).
                foreach (var slot in connection.Assets)
                {
                    SetDelivery(slot, AssetDelivery.Pending, now + _options.SnapshotTimeout);
                }
            }
        }

        Record(connectionId, epoch, "session", assetIds);
        Wake();
    }

    public void OnSessionClosing(string connectionId, int epoch) => _downstream.OnSessionClosing(connectionId, epoch);

    public void OnSessionEnded(string connectionId, int epoch, FeedDisconnectReason reason, string detail)
    {
        _downstream.OnSessionEnded(connectionId, epoch, reason, detail);
        if (reason == FeedDisconnectReason.Throttled)
        {
            _pacer.OnThrottled();
        }

        var refresh = false;
        lock (_gate)
        {
            if (!_connections.TryGetValue(connectionId, out var connection))
            {
                return;
            }

            var now = _time.GetUtcNow();

            // Judged before the session is marked ended: a probe that delivered only its snapshots went stale on quiet assets.
            var quiet = reason == FeedDisconnectReason.Stale && connection.Probing && OnlyOpeningData(connection);
            connection.Ended(new FeedSessionEnd(now, epoch, reason, detail));
            if (connection.Replaces is null)
            {
                foreach (var slot in connection.Assets)
                {
                    if (slot.Delivery != AssetDelivery.NotDelivering)
                    {
                        SetDelivery(slot, AssetDelivery.Waiting, null);
                    }
                }
            }

            if (reason == FeedDisconnectReason.Stale)
            {
                _staleEnds++;
                if (quiet)
                {
                    // Its own reconnect is the next probe: no replacement on top, and no discovery refresh (the assets are quiet, not dead).
                    BackOffQuiet(connection);
                }
                else
                {
                    connection.Suspect = true;
                    connection.Probing = true;
                    refresh = CountStaleEnd(now);
                }
            }
        }

        if (refresh)
        {
            Log.PoolDiscoveryRefresh(_logger, _options.StaleReconnectsBeforeDiscoveryRefresh, _options.StaleReconnectWindow);
            try
            {
                DiscoveryRefreshRequested?.Invoke();
            }
            catch (Exception ex)
            {
                // A handler's failure must not end the connection's loop that reported the stale session.
                Log.PoolRefreshHandlerFailed(_logger, ex);
            }
        }

        Wake();
    }

    /// <summary>Whether this stale end completes a burst that asks for a discovery refresh. Caller holds the gate.</summary>
    private bool CountStaleEnd(DateTimeOffset now)
    {
        _recentStaleEnds.Enqueue(now);
        while (_recentStaleEnds.Count > 0 && now - _recentStaleEnds.Peek() > _options.StaleReconnectWindow)
        {
            _recentStaleEnds.Dequeue();
        }

        if (_recentStaleEnds.Count < _options.StaleReconnectsBeforeDiscoveryRefresh)
        {
            return false;
        }

        _recentStaleEnds.Clear();
        _refreshes++;
        return true;
    }
}
