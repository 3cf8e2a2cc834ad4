namespace Polytape.Polymarket.MarketChannel;

/// <summary>The market channel's <c>event_type</c> values (protocol dossier §3).</summary>
public enum MarketEventType : byte
{
    Unknown = 0,
    Book = 1,
    PriceChange = 2,
    LastTradePrice = 3,
    TickSizeChange = 4,
    BestBidAsk = 5,
    NewMarket = 6,
    MarketResolved = 7,
}
