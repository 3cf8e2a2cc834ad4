using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>What the outcome tokens of one market share: the last trade price that their hashes include.</summary>
internal sealed class MarketState
{
    public MarketState(byte[] market)
    {
        Market = market;
    }

    public byte[] Market { get; }

    public List<AssetBook> Assets { get; } = new(2);

    /// <summary>Empty until a book or trade says otherwise; the hash then covers "".</summary>
    public Price LastTradePrice { get; set; } = Price.Empty;

    /// <summary>
    /// Decimals the venue uses for last_trade_price in books; trade prices are hashed written alike. Every
    /// captured book shows three ("0.500", "0.820"), so that is assumed until a book says otherwise.
    /// </summary>
    public byte LastTradePriceDecimals { get; set; } = 3;
}
