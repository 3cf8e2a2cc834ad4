using System.Globalization;
using Polytape.Domain.Numerics;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>
/// Prices the venue derives from a token's book, for the CLOB price endpoints and Gamma's cached fields. An empty
/// side reads as the venue's sentinels (best bid 0, best ask 1), as best_bid_ask reports an emptied book. Mids
/// are kept in half price units because they can fall between two 0.0001 units. Call under the engine's gate.
/// </summary>
public static class BookPrices
{
    /// <summary>The CLOB serves a book from the moment it hydrates until resolution removes it.</summary>
    public static bool HasBook(SimulatedMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Status is MarketStatus.Active or MarketStatus.Ended;
    }

    public static int BestBidUnits(SimulatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Book.Bids.IsEmpty ? 0 : token.Book.Bids.BestPrice.Units;
    }

    public static int BestAskUnits(SimulatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Book.Asks.IsEmpty ? Price.UnitsPerOne : token.Book.Asks.BestPrice.Units;
    }

    public static string BestBid(SimulatedToken token) => Price.FromUnits(BestBidUnits(token)).ToString();

    public static string BestAsk(SimulatedToken token) => Price.FromUnits(BestAskUnits(token)).ToString();

    public static string Spread(SimulatedToken token) => Price.FromUnits(Math.Max(0, BestAskUnits(token) - BestBidUnits(token))).ToString();

    public static string Mid(SimulatedToken token) => HalfUnitsText(BestBidUnits(token) + BestAskUnits(token));

    /// <summary>
    /// The outcome's current price in half units: 1 or 0 once resolved, the mid while both sides quote, else the
    /// last trade (as seen from this outcome), else one half.
    /// </summary>
    public static int ValueHalfUnits(SimulatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var market = token.Market;
        if (market.Status == MarketStatus.Resolved && market.Winner is { } winner)
        {
            return ReferenceEquals(winner, token) ? 2 * Price.UnitsPerOne : 0;
        }

        if (!token.Book.Bids.IsEmpty && !token.Book.Asks.IsEmpty)
        {
            return BestBidUnits(token) + BestAskUnits(token);
        }

        if (!market.LastTradePrice.IsEmpty)
        {
            var units = ReferenceEquals(token, market.Yes) ? market.LastTradePrice.Units : Price.UnitsPerOne - market.LastTradePrice.Units;
            return 2 * units;
        }

        return Price.UnitsPerOne;
    }

    /// <summary>Half units as minimal decimal text ("0.505", "1", "0").</summary>
    public static string HalfUnitsText(int halfUnits) =>
        (halfUnits / (decimal)(2 * Price.UnitsPerOne)).ToString("0.#####", CultureInfo.InvariantCulture);

    /// <summary>Resting notional on both sides of the book (Σ price × size), Gamma's <c>liquidity</c>.</summary>
    public static decimal Liquidity(SimulatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        decimal total = 0;
        foreach (var level in token.Book.Bids.WireOrder)
        {
            total += (decimal)level.PriceUnits * level.SizeUnits;
        }

        foreach (var level in token.Book.Asks.WireOrder)
        {
            total += (decimal)level.PriceUnits * level.SizeUnits;
        }

        return total / ((decimal)Price.UnitsPerOne * Size.UnitsPerOne);
    }
}
