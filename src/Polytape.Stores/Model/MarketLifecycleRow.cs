namespace Polytape.Stores.Model;

/// <summary>A <c>new_market</c> or <c>market_resolved</c> notice. Asset ids are comma-separated.</summary>
public sealed record MarketLifecycleRow(
    RowKey Key,
    MarketLifecycleEvent Event,
    string? MarketId,
    string Market,
    string AssetIds,
    string? WinningAssetId);
