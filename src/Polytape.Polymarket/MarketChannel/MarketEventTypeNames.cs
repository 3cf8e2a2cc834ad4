namespace Polytape.Polymarket.MarketChannel;

/// <summary>The venue's own <c>event_type</c> names; "unknown" for anything else.</summary>
public static class MarketEventTypeNames
{
    public const string Unknown = "unknown";

    public static string Of(MarketEventType type) => type switch
    {
        MarketEventType.Book => "book",
        MarketEventType.PriceChange => "price_change",
        MarketEventType.LastTradePrice => "last_trade_price",
        MarketEventType.TickSizeChange => "tick_size_change",
        MarketEventType.BestBidAsk => "best_bid_ask",
        MarketEventType.NewMarket => "new_market",
        MarketEventType.MarketResolved => "market_resolved",
        _ => Unknown,
    };
}
