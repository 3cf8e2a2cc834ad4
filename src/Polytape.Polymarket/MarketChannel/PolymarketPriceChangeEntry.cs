using Polytape.Domain.Books;
using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Polymarket.MarketChannel;

/// <summary>
/// One level change of a <c>price_change</c>: the new absolute size at a price (0 deletes), with the
/// venue's post-change hash and best bid/ask of that asset. The asset id is a range of the frame.
/// </summary>
public readonly record struct PolymarketPriceChangeEntry(
    Range AssetIdRange,
    Side Side,
    Price Price,
    Size Size,
    BookHash Hash,
    bool HasHash,
    Price BestBid,
    Price BestAsk,
    bool HasBestBidAsk);
