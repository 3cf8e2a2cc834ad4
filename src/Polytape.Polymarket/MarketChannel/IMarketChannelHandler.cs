namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// Receives the events of a frame in order. The views point into the frame and the parser's scratch
/// buffers: they are valid only during the call.
/// </summary>
public interface IMarketChannelHandler
{
    void OnBook(in PolymarketBook book);

    void OnPriceChange(in PolymarketPriceChange change);

    void OnLastTradePrice(in PolymarketLastTradePrice trade);

    void OnTickSizeChange(in PolymarketTickSizeChange change);

    void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk);

    /// <summary>new_market or market_resolved (see <see cref="PolymarketMarketNotice.EventType"/>).</summary>
    void OnMarketNotice(in PolymarketMarketNotice notice);

    /// <summary>An object with an event_type we do not know, or none at all. Already counted as schema drift.</summary>
    void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject);
}
