namespace Polytape.Collector.Configuration;

/// <summary>
/// Which markets to record: every active one (<see cref="AllActive"/>, the default), or, with it off, those picked by
/// any of the listed selectors. Rolling patterns may be combined with either.
/// </summary>
public sealed class DiscoveryConfig
{
    public Uri GammaUrl { get; set; } = new("https://gamma-api.polymarket.com/");

    /// <summary>Gamma tag slugs or ids (e.g. "crypto").</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>Gamma series slugs (e.g. "btc-up-or-down-15m").</summary>
    public IReadOnlyList<string> Series { get; set; } = [];

    /// <summary>Event or market slugs.</summary>
    public IReadOnlyList<string> Slugs { get; set; } = [];

    /// <summary>Market condition ids (0x + 64 hex digits).</summary>
    public IReadOnlyList<string> ConditionIds { get; set; } = [];

    public RollingConfig Rolling { get; set; } = new();

    /// <summary>Every active market with an order book: the whole universe (~300k tokens). Turn off to list markets.</summary>
    public bool AllActive { get; set; } = true;

    /// <summary>How often Gamma is asked again for new and ended markets.</summary>
    /// <remarks>All-active pages the whole universe (~1,500 pages, ~50 s at Gamma's limit) and Gamma's cache is ~5 min old anyway; <c>new_market</c> adds markets in between.</remarks>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Items per Gamma page; list endpoints cap at about 100 (protocol §6.2).</summary>
    public int PageSize { get; set; } = 100;
}

/// <summary>Rolling up/down series whose next windows are subscribed before they open, so rollovers leave no gap.</summary>
public sealed class RollingConfig
{
    /// <summary>Slug prefixes before the window start, e.g. "btc-updown-15m" for "btc-updown-15m-1764590400".</summary>
    public IReadOnlyList<string> Patterns { get; set; } = [];

    /// <summary>Future windows subscribed ahead of the current one.</summary>
    public int WindowsAhead { get; set; } = 2;
}
