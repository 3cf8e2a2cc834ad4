using Polytape.Polymarket.MarketChannel;

namespace Polytape.Benchmarks;

/// <summary>Consumes events without doing anything, to time parsing alone.</summary>
public sealed class NullHandler : IMarketChannelHandler
{
    public int Events { get; private set; }

    public void OnBook(in PolymarketBook book) => Events++;

    public void OnPriceChange(in PolymarketPriceChange change) => Events++;

    public void OnLastTradePrice(in PolymarketLastTradePrice trade) => Events++;

    public void OnTickSizeChange(in PolymarketTickSizeChange change) => Events++;

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk) => Events++;

    public void OnMarketNotice(in PolymarketMarketNotice notice) => Events++;

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject) => Events++;
}
