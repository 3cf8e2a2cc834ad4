namespace Polytape.Collector.Ingest;

/// <summary>
/// Told when a connection delivers a <c>book</c> snapshot for an asset, so the connection pool can judge per-asset
/// liveness (an asset with no snapshot N s after subscribing is retried). Called on the ingest loop: return quickly.
/// </summary>
public interface IAssetDeliveryObserver
{
    /// <summary>
    /// <paramref name="epoch"/> is the session the snapshot came in: one queued from an earlier session is stale.
    /// <paramref name="assetIdUtf8"/> is the id as the frame wrote it, valid only during the call (no string per asset is kept).
    /// </summary>
    void OnSnapshot(string connectionId, int epoch, ReadOnlySpan<byte> assetIdUtf8);
}
