using System.Text;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Tests.Books;

/// <summary>
/// A one-token market whose true book is kept here and written out as venue-shaped frames with real
/// hashes (V4: min_order_size 5, neg_risk false), so tests can script exact and deliberately wrong feeds.
/// </summary>
internal sealed class SyntheticMarket
{
    public const string MarketId = "0x2f1ab0ffaf465c4acd76b9a4a1f8980db26bfae7d248a6bb289350586028307e";
    public const string AssetId = "94022367472047775158269173293876979533288470167463650966689320774843018181757";

    private readonly BookHasher _hasher = new();

    public SyntheticMarket()
    {
        Truth.Set(Side.Bid, Price.Parse("0.3"), Size.Parse("100"));
        Truth.Set(Side.Bid, Price.Parse("0.32"), Size.Parse("12.5"));
        Truth.Set(Side.Ask, Price.Parse("0.35"), Size.Parse("40"));
        Truth.Set(Side.Ask, Price.Parse("0.4"), Size.Parse("7"));
    }

    public OrderBook Truth { get; } = new(default);

    public string TickSize { get; set; } = "0.01";

    public string LastTradePrice { get; set; } = "0.500";

    public string HashNow(long timestampMs, string? lastTradePrice = null) => HashOf(Truth, timestampMs, lastTradePrice ?? LastTradePrice);

    public string HashOf(OrderBook book, long timestampMs, string lastTradePrice)
    {
        var input = new BookHashInput(
            BookHashFormat.V4,
            Encoding.UTF8.GetBytes(MarketId),
            Encoding.UTF8.GetBytes(AssetId),
            timestampMs,
            Size.Parse("5"),
            Price.Parse(TickSize),
            negRisk: false,
            lastTradePrice.Length == 0 ? Price.Empty : Price.Parse(lastTradePrice));
        return _hasher.Compute(input, book).ToString();
    }

    /// <summary>An initial-dump style book (array of one), with tick_size and last_trade_price.</summary>
    public string Book(long timestampMs) =>
        $"[{{\"market\":\"{MarketId}\",\"asset_id\":\"{AssetId}\",\"timestamp\":\"{timestampMs}\",\"hash\":\"{HashNow(timestampMs)}\"," +
        $"\"bids\":{Levels(Truth.Bids)},\"asks\":{Levels(Truth.Asks)},\"tick_size\":\"{TickSize}\",\"event_type\":\"book\",\"last_trade_price\":\"{LastTradePrice}\"}}]";

    /// <summary>Applies the changes to the true book and writes them with the post-change hash and best bid/ask.</summary>
    public string PriceChange(long timestampMs, params (Side Side, string Price, string Size)[] changes)
    {
        foreach (var (side, price, size) in changes)
        {
            Truth.Set(side, Price.Parse(price), Size.Parse(size));
        }

        return PriceChangeFrame(timestampMs, HashNow(timestampMs), Truth.BestBid.ToString(), Truth.BestAsk.ToString(), changes);
    }

    /// <summary>A price_change frame with whatever hash and best bid/ask the test wants (the true book is not touched).</summary>
    public static string PriceChangeFrame(long timestampMs, string hash, string bestBid, string bestAsk, params (Side Side, string Price, string Size)[] changes)
    {
        var entries = changes.Select(c =>
            $"{{\"asset_id\":\"{AssetId}\",\"price\":\"{c.Price}\",\"size\":\"{c.Size}\",\"side\":\"{(c.Side == Side.Bid ? "BUY" : "SELL")}\"," +
            $"\"hash\":\"{hash}\",\"best_bid\":\"{bestBid}\",\"best_ask\":\"{bestAsk}\"}}");
        return $"{{\"market\":\"{MarketId}\",\"price_changes\":[{string.Join(",", entries)}],\"timestamp\":\"{timestampMs}\",\"event_type\":\"price_change\"}}";
    }

    public static string Trade(long timestampMs, string price) =>
        $"{{\"asset_id\":\"{AssetId}\",\"event_type\":\"last_trade_price\",\"fee_rate_bps\":\"0\",\"market\":\"{MarketId}\"," +
        $"\"price\":\"{price}\",\"side\":\"BUY\",\"size\":\"10\",\"timestamp\":\"{timestampMs}\"}}";

    public static string TickSizeChange(long timestampMs, string oldTick, string newTick) =>
        $"{{\"event_type\":\"tick_size_change\",\"asset_id\":\"{AssetId}\",\"market\":\"{MarketId}\"," +
        $"\"old_tick_size\":\"{oldTick}\",\"new_tick_size\":\"{newTick}\",\"timestamp\":\"{timestampMs}\"}}";

    /// <summary>
    /// A sweep of the asks (0.35 taken, 0.4 added with size 2) as two price_change messages sharing one timestamp, each
    /// carrying the final hash and best bid/ask, as the venue sends them. Applies the sweep to the true book.
    /// </summary>
    public (string First, string Second) Sweep(long timestampMs)
    {
        Truth.Set(Side.Ask, Price.Parse("0.35"), Size.Zero);
        Truth.Set(Side.Ask, Price.Parse("0.4"), Size.Parse("2"));
        var finalHash = HashNow(timestampMs);
        var bid = Truth.BestBid.ToString();
        var ask = Truth.BestAsk.ToString();
        return (PriceChangeFrame(timestampMs, finalHash, bid, ask, (Side.Ask, "0.35", "0")), PriceChangeFrame(timestampMs, finalHash, bid, ask, (Side.Ask, "0.4", "2")));
    }

    /// <summary>A copy of the true book (to hash a state the feed has not reached yet).</summary>
    public OrderBook CopyOfTruth()
    {
        var copy = new OrderBook(default);
        copy.Replace(Truth.Bids.WireOrder, Truth.Asks.WireOrder);
        return copy;
    }

    private static string Levels(BookSide side) =>
        "[" + string.Join(",", side.WireOrder.ToArray().Select(l => $"{{\"price\":\"{l.Price}\",\"size\":\"{l.Size}\"}}")) + "]";
}
