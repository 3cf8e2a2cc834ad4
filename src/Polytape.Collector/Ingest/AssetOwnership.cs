using Polytape.Domain.Identifiers;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Which connection an asset's book comes from: the one that delivered its latest snapshot. During a make-before-break
/// replacement two connections carry the same asset; applying both streams would apply every delta twice, so events
/// for an asset are taken only from its owner. Allocates only when a snapshot names a new asset, and then keys it by the
/// caller's id array (the book keeper's), so a full universe holds each 78-digit id once rather than once per table.
/// </summary>
internal sealed class AssetOwnership
{
    private readonly Dictionary<byte[], Owned> _assets = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], Owned>.AlternateLookup<ReadOnlySpan<byte>> _byBytes;
    private readonly Dictionary<string, HashSet<Owned>> _byConnection = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closing = new(StringComparer.Ordinal);

    public AssetOwnership()
    {
        _byBytes = _assets.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Whether an event for the asset from this connection should be applied (no owner yet, or this one).</summary>
    public bool Accepts(ReadOnlySpan<byte> assetId, string connectionId) =>
        !_byBytes.TryGetValue(assetId, out var owned) || owned.Owner is null || owned.Owner == connectionId;

    /// <summary>Whether another connection currently delivers the asset's book.</summary>
    public bool IsOwnedByOther(ReadOnlySpan<byte> assetId, string connectionId) =>
        _byBytes.TryGetValue(assetId, out var owned) && owned.Owner is not null && owned.Owner != connectionId;

    /// <summary>
    /// A snapshot arrived: the connection now owns the asset. <paramref name="assetId"/> is kept as the key when the
    /// asset is new, so pass an array that lives as long as the asset (the book keeper's <see cref="Books.AssetBook.AssetIdUtf8"/>).
    /// </summary>
    public void TakeOver(byte[] assetId, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(assetId);
        if (!_assets.TryGetValue(assetId, out var owned))
        {
            owned = new Owned(assetId);
            _assets.Add(assetId, owned);
        }

        if (owned.Owner != connectionId)
        {
            if (owned.Owner is not null && _byConnection.TryGetValue(owned.Owner, out var previous))
            {
                previous.Remove(owned);
            }

            owned.Owner = connectionId;
            if (!_byConnection.TryGetValue(connectionId, out var set))
            {
                set = [];
                _byConnection.Add(connectionId, set);
            }

            set.Add(owned);
        }
    }

    /// <summary>The recorder is closing the connection's session: what it still delivers was in flight.</summary>
    public void MarkClosing(string connectionId) => _closing.Add(connectionId);

    /// <summary>Whether the connection's session is being closed (until it ends).</summary>
    public bool IsClosing(string connectionId) => _closing.Count > 0 && _closing.Contains(connectionId);

    /// <summary>The connection's session ended: it owns nothing any more. Returns the assets it owned.</summary>
    public List<byte[]> Release(string connectionId)
    {
        _closing.Remove(connectionId);
        if (!_byConnection.Remove(connectionId, out var set))
        {
            return [];
        }

        var released = new List<byte[]>(set.Count);
        foreach (var owned in set)
        {
            owned.Owner = null;
            released.Add(owned.Key);
        }

        return released;
    }

    private sealed class Owned(byte[] key)
    {
        public byte[] Key { get; } = key;

        public string? Owner { get; set; }
    }
}
