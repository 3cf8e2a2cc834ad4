using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>
/// What a refresh keeps of one market Gamma listed, until the walk ends and it is diffed against the catalog: the
/// catalog form when the market can be subscribed, and the few facts that decide whether it is ready, must wait or
/// is over. Made as each page arrives, so the page (and its parsed form) can go before the next one is fetched.
/// </summary>
/// <param name="Market">The catalog form; null when the market is over or cannot be subscribed yet (no token ids).</param>
/// <param name="IsOver">Closed, archived, or without an order book.</param>
/// <param name="IsInactive">Gamma says <c>active: false</c>.</param>
internal readonly record struct ListedMarket(string ConditionId, string? Slug, CatalogMarket? Market, bool IsOver, bool IsInactive, DateTimeOffset? EndDate)
{
    /// <summary>The reduced form of a market with a condition id.</summary>
    public static ListedMarket From(PolymarketGammaListedMarket gamma)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        var over = gamma.Closed == true || gamma.Archived == true || gamma.EnableOrderBook == false;
        var market = over ? null : CatalogMarket.FromGamma(gamma);
        return new ListedMarket(gamma.ConditionId!, gamma.Slug, market, over, gamma.Active == false, market is null ? GammaDate.Parse(gamma.EndDate) : market.EndDate);
    }
}
