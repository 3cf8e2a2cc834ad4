using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>
/// Reads every field of every view into a running sum and allocates nothing, so allocation
/// measurements see only the parser (and the views cannot be optimised away).
/// </summary>
public sealed class ChecksumHandler : IMarketChannelHandler
{
    public long Events { get; private set; }

    public long Checksum { get; private set; }

    public void OnBook(in PolymarketBook book)
    {
        Events++;
        var sum = book.Market.Length + book.AssetId.Length + book.TimestampMs + book.Hash.GetHashCode() +
                  book.TickSize.Units + book.LastTradePrice.Units + book.MinOrderSize.Units;
        foreach (var level in book.Bids)
        {
            sum += level.PriceUnits + level.SizeUnits;
        }

        foreach (var level in book.Asks)
        {
            sum -= level.PriceUnits + level.SizeUnits;
        }

        Checksum += sum;
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        Events++;
        var sum = change.Market.Length + change.TimestampMs;
        foreach (ref readonly var entry in change.Entries)
        {
            sum += change.AssetIdOf(entry).Length + entry.Price.Units + entry.Size.Units + entry.Hash.GetHashCode() +
                   entry.BestBid.Units + entry.BestAsk.Units + (int)entry.Side;
        }

        Checksum += sum;
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade)
    {
        Events++;
        Checksum += trade.AssetId.Length + trade.Price.Units + trade.Size.Units + trade.FeeRateBps + trade.TimestampMs;
    }

    public void OnTickSizeChange(in PolymarketTickSizeChange change)
    {
        Events++;
        Checksum += change.AssetId.Length + change.NewTickSize.Units + change.TimestampMs;
    }

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk)
    {
        Events++;
        Checksum += bestBidAsk.AssetId.Length + bestBidAsk.BestBid.Units + bestBidAsk.BestAsk.Units;
    }

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        Events++;
        Checksum += notice.Market.Length + notice.AssetIdCount + notice.RawJson.Length;
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject)
    {
        Events++;
        Checksum += eventType.Length + rawObject.Length;
    }
}
