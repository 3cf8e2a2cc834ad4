namespace Polytape.Collector.Discovery;

/// <summary>A market that left the catalog, and why.</summary>
public sealed record RemovedMarket(CatalogMarket Market, MarketRemovalReason Reason);

/// <summary>A market whose facts changed (tick size, accepting orders, end date …): the old and the new form.</summary>
public sealed record ChangedMarket(CatalogMarket Previous, CatalogMarket Current);

/// <summary>What one refresh or notice did to the catalog. Token lists are what a subscription planner needs.</summary>
public sealed record DiscoveryChange
{
    public static DiscoveryChange None { get; } = new();

    public IReadOnlyList<CatalogMarket> Added { get; init; } = [];

    public IReadOnlyList<RemovedMarket> Removed { get; init; } = [];

    public IReadOnlyList<ChangedMarket> Changed { get; init; } = [];

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>Asset ids to subscribe.</summary>
    public IEnumerable<string> AddedAssetIds => Added.SelectMany(m => m.Tokens).Select(t => t.AssetId);

    /// <summary>Asset ids to unsubscribe.</summary>
    public IEnumerable<string> RemovedAssetIds => Removed.SelectMany(r => r.Market.Tokens).Select(t => t.AssetId);
}
