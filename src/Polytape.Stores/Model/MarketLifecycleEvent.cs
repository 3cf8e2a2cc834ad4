namespace Polytape.Stores.Model;

/// <summary>What happened to a market.</summary>
public enum MarketLifecycleEvent : byte
{
    New = 0,
    Resolved = 1,

    /// <summary>Discovery stopped tracking the market (a <c>catalog_removed</c> record: closed, expired, resolved, not listed).</summary>
    Removed = 2,
}
