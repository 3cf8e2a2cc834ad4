namespace Polytape.Collector.Discovery;

/// <summary>
/// The markets discovery currently selects, in memory, with lookups by condition id and by asset id. Readers on
/// any thread see a consistent view; only <see cref="MarketDiscovery"/> writes.
/// </summary>
public sealed class MarketCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CatalogMarket> _byCondition = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CatalogMarket> _byAsset = new(StringComparer.Ordinal);

    public int MarketCount
    {
        get
        {
            lock (_gate)
            {
                return _byCondition.Count;
            }
        }
    }

    public int TokenCount
    {
        get
        {
            lock (_gate)
            {
                return _byAsset.Count;
            }
        }
    }

    public bool TryGetByConditionId(string conditionId, out CatalogMarket market)
    {
        lock (_gate)
        {
            return _byCondition.TryGetValue(conditionId, out market!);
        }
    }

    public bool TryGetByAssetId(string assetId, out CatalogMarket market)
    {
        lock (_gate)
        {
            return _byAsset.TryGetValue(assetId, out market!);
        }
    }

    /// <summary>A copy of every market, in no particular order.</summary>
    public IReadOnlyList<CatalogMarket> Markets()
    {
        lock (_gate)
        {
            return [.. _byCondition.Values];
        }
    }

    /// <summary>A copy of every asset id: the desired subscription set.</summary>
    public IReadOnlyList<string> AssetIds()
    {
        lock (_gate)
        {
            return [.. _byAsset.Keys];
        }
    }

    internal void Upsert(CatalogMarket market)
    {
        lock (_gate)
        {
            if (_byCondition.Remove(market.ConditionId, out var previous))
            {
                RemoveTokens(previous);
            }

            _byCondition[market.ConditionId] = market;
            foreach (var token in market.Tokens)
            {
                _byAsset[token.AssetId] = market;
            }
        }
    }

    internal bool Remove(string conditionId, out CatalogMarket market)
    {
        lock (_gate)
        {
            if (!_byCondition.Remove(conditionId, out market!))
            {
                return false;
            }

            RemoveTokens(market);
            return true;
        }
    }

    private void RemoveTokens(CatalogMarket market)
    {
        foreach (var token in market.Tokens)
        {
            // Another market may own the id by now only in a venue bug; never remove its entry.
            if (_byAsset.TryGetValue(token.AssetId, out var owner) && ReferenceEquals(owner, market))
            {
                _byAsset.Remove(token.AssetId);
            }
        }
    }
}
