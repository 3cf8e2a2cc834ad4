using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Told of <c>new_market</c> and <c>market_resolved</c> events, so discovery can add markets early and drop resolved
/// ones. Called on the ingest loop with a view into the frame that is valid only during the call: copy what you
/// keep (<see cref="PolymarketMarketNotice.RawJson"/> holds the whole event) and return quickly.
/// </summary>
public interface IMarketNoticeObserver
{
    void OnMarketNotice(string connectionId, in PolymarketMarketNotice notice);
}
