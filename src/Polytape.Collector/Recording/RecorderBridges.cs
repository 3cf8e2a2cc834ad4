using Polytape.Collector.Discovery;
using Polytape.Collector.Ingest;
using Polytape.Collector.Subscriptions;
using Polytape.Collector.Verification;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Recording;

/// <summary>Snapshots seen by ingest tell the pool an asset delivers; resync requests from the verifier resubscribe it.</summary>
internal sealed class PoolBridge(FeedPool pool, Action<string, string>? observed) : IAssetDeliveryObserver, IResyncRequester
{
    public void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8)
    {
        pool.OnSnapshot(connectionId, epoch, assetIdUtf8);
        observed?.Invoke(connectionId, System.Text.Encoding.UTF8.GetString(assetIdUtf8));
    }

    public ValueTask ResubscribeAsync(string assetId, CancellationToken cancellationToken) => pool.ResubscribeAsync(assetId, cancellationToken);
}

/// <summary><c>new_market</c> adds a matching market early; <c>market_resolved</c> removes one at once.</summary>
internal sealed class NoticeBridge(MarketDiscovery discovery) : IMarketNoticeObserver
{
    public void OnMarketNotice(string connectionId, in PolymarketMarketNotice notice)
    {
        switch (notice.EventType)
        {
            case MarketEventType.NewMarket:
                discovery.OnNewMarketNotice(notice);
                break;
            case MarketEventType.MarketResolved:
                discovery.OnMarketResolved(notice);
                break;
        }
    }
}
