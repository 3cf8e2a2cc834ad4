namespace Polytape.Stores.Model;

/// <summary>What happened to a market.</summary>
public enum MarketLifecycleEvent : byte
{
    New = 0,
    Resolved = 1,
}
