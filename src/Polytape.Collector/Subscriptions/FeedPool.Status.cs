namespace Polytape.Collector.Subscriptions;

/// <summary>The pool's status: counts kept as it goes, so a snapshot costs one pass over the connections.</summary>
public sealed partial class FeedPool
{
    public FeedPoolStatus GetStatus()
    {
        lock (_gate)
        {
            var connections = new List<FeedPoolConnectionStatus>(_order.Count);
            foreach (var c in _order)
            {
                var feed = c.Feed;
                connections.Add(new FeedPoolConnectionStatus(
                    c.Id, feed.State, feed.Epoch, c.Assets.Count, feed.Reconnects, feed.FramesReceived, feed.LastDataAt,
                    c.Suspect, c.Replaces?.Id, c.RecentEnds)
                {
                    SilenceAllowance = SilenceAllowance(c),
                });
            }

            var retrying = 0;
            foreach (var slot in _unsettled)
            {
                if (slot.Retries > 0 && slot.Delivery != AssetDelivery.NotDelivering)
                {
                    retrying++;
                }
            }

            return new FeedPoolStatus
            {
                Connections = connections,
                AssetsDesired = _assets.Count,
                AssetsDelivered = _deliveryCounts[(int)AssetDelivery.Delivered],
                AssetsPendingSnapshot = _deliveryCounts[(int)AssetDelivery.Waiting] + _deliveryCounts[(int)AssetDelivery.Pending],
                AssetsRetrying = retrying,
                AssetsNotDelivering = _deliveryCounts[(int)AssetDelivery.NotDelivering],
                SnapshotRetries = _snapshotRetries,
                AssetMoves = _moves,
                StaleSessionEnds = _staleEnds,
                Replacements = _replacements,
                DiscoveryRefreshesRequested = _refreshes,
                HandshakeThrottles = _pacer.Throttles,
                Resubscriptions = _resubscriptions,
                QuietBackoffs = _quietBackoffs,
            };
        }
    }
}
