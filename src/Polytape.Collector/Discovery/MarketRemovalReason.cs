namespace Polytape.Collector.Discovery;

/// <summary>Why a market left the catalog.</summary>
public enum MarketRemovalReason : byte
{
    /// <summary>Gamma no longer lists it among the selected open markets (closed, archived or deselected).</summary>
    NotListed = 1,

    /// <summary>Gamma says <c>closed</c>.</summary>
    Closed = 2,

    /// <summary>Its end date plus <see cref="DiscoveryOptions.ExpiryGrace"/> has passed.</summary>
    Expired = 3,

    /// <summary>The market channel sent <c>market_resolved</c>.</summary>
    Resolved = 4,
}
