namespace Polytape.Collector.Ingest;

/// <summary>
/// Told when a connection delivers a <c>book</c> snapshot for an asset, so the connection pool can judge per-asset
/// liveness (an asset with no snapshot N s after subscribing is retried). Called on the ingest loop: return quickly.
/// </summary>
public interface IAssetDeliveryObserver
{
    void OnSnapshot(string connectionId, string assetId);
}
