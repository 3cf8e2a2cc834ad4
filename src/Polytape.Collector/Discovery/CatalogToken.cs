namespace Polytape.Collector.Discovery;

/// <summary>One outcome token of a market: the asset id the market channel subscribes to, and its label ("Yes", "Up").</summary>
public sealed record CatalogToken(string AssetId, string Outcome);
