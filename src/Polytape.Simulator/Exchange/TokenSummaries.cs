using Polytape.Polymarket.Rest;

namespace Polytape.Simulator.Exchange;

/// <summary>A token's true book as the CLOB's OrderBookSummary (REST /book, POST /books, the admin truth endpoint).</summary>
public static class TokenSummaries
{
    /// <summary>Call under the engine's gate: the book must not change while it is copied.</summary>
    public static PolymarketOrderBookSummary ToWire(SimulatedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var market = token.Market;
        return new PolymarketOrderBookSummary
        {
            Market = market.ConditionId,
            AssetId = token.Id,
            Timestamp = token.LastChangeMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Hash = token.Hash.ToString(),
            Bids = Levels(token.Book.Bids.WireOrder),
            Asks = Levels(token.Book.Asks.WireOrder),
            MinOrderSize = market.MinOrderSize.ToString(),
            TickSize = market.TickSize.ToString(),
            NegRisk = market.NegRisk,
            LastTradePrice = market.LastTradePrice.ToString(),
        };
    }

    private static PolymarketOrderSummary[] Levels(ReadOnlySpan<Domain.Books.BookLevel> levels)
    {
        var result = new PolymarketOrderSummary[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            result[i] = new PolymarketOrderSummary { Price = levels[i].Price.ToString(), Size = levels[i].Size.ToString() };
        }

        return result;
    }
}
