using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>A <c>best_bid_ask</c> event (custom features only). Empty values mean an empty side.</summary>
public readonly ref struct PolymarketBestBidAsk
{
    public ReadOnlySpan<byte> Market { get; init; }

    public ReadOnlySpan<byte> AssetId { get; init; }

    public Price BestBid { get; init; }

    public Price BestAsk { get; init; }

    public Price Spread { get; init; }

    public long TimestampMs { get; init; }
}
