using Polytape.Collector.Books;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Which connection an asset's book comes from: the one that delivered its latest snapshot. During a make-before-break
/// replacement two connections carry the same asset; applying both streams would apply every delta twice, so events
/// for an asset are taken only from its owner. The owner is kept on the keeper's <see cref="AssetBook"/> itself, so
/// checking an event costs the lookup the keeper makes anyway, not a table of its own (a full universe's 300,000 entries
/// that no cache holds); only the sets per connection, for <see cref="Release"/>, live here.
/// </summary>
internal sealed class AssetOwnership
{
    private readonly BookKeeper _keeper;
    private readonly Dictionary<string, HashSet<AssetBook>> _byConnection = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closing = new(StringComparer.Ordinal);

    public AssetOwnership(BookKeeper keeper)
    {
        _keeper = keeper;
    }

    /// <summary>Whether an event for the asset from this connection should be applied (no owner yet, or this one).</summary>
    public bool Accepts(ReadOnlySpan<byte> assetId, string connectionId) =>
        !_keeper.TryGetAsset(assetId, out var asset) || Accepts(asset, connectionId);

    /// <summary>The same, for an asset already found.</summary>
    public static bool Accepts(AssetBook asset, string connectionId) =>
        asset.DeliveredBy is null || asset.DeliveredBy == connectionId;

    /// <summary>Whether another connection currently delivers the asset's book.</summary>
    public bool IsOwnedByOther(ReadOnlySpan<byte> assetId, string connectionId) =>
        _keeper.TryGetAsset(assetId, out var asset) && asset.DeliveredBy is not null && asset.DeliveredBy != connectionId;

    /// <summary>A snapshot arrived: the connection now owns the asset.</summary>
    public void TakeOver(AssetBook asset, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.DeliveredBy == connectionId)
        {
            return;
        }

        if (asset.DeliveredBy is not null && _byConnection.TryGetValue(asset.DeliveredBy, out var previous))
        {
            previous.Remove(asset);
        }

        asset.DeliveredBy = connectionId;
        if (!_byConnection.TryGetValue(connectionId, out var set))
        {
            set = [];
            _byConnection.Add(connectionId, set);
        }

        set.Add(asset);
    }

    /// <summary>The recorder is closing the connection's session: what it still delivers was in flight.</summary>
    public void MarkClosing(string connectionId) => _closing.Add(connectionId);

    /// <summary>Whether the connection's session is being closed (until it ends).</summary>
    public bool IsClosing(string connectionId) => _closing.Count > 0 && _closing.Contains(connectionId);

    /// <summary>The connection's session ended: it owns nothing any more. Returns the ids of the assets it owned (the keeper's arrays).</summary>
    public List<byte[]> Release(string connectionId)
    {
        _closing.Remove(connectionId);
        if (!_byConnection.Remove(connectionId, out var set))
        {
            return [];
        }

        var released = new List<byte[]>(set.Count);
        foreach (var asset in set)
        {
            asset.DeliveredBy = null;
            released.Add(asset.AssetIdUtf8);
        }

        return released;
    }
}
