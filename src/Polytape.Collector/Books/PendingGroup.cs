using Polytape.Domain.Hashing;
using Polytape.Domain.Numerics;

namespace Polytape.Collector.Books;

/// <summary>
/// The open price_change group of one asset: entries sharing one timestamp, possibly across messages
/// (a sweep), all carrying the post-group hash and best bid/ask. It is checked when it closes.
/// </summary>
internal struct PendingGroup
{
    public bool IsOpen;
    public long TimestampMs;
    public bool HasHash;
    public BookHash Hash;
    public bool HasBestBidAsk;
    public Price BestBid;
    public Price BestAsk;

    /// <summary>
    /// A periodic check found the group open and nothing has joined it since. A sweep's later frames may still be on
    /// their way when a check runs, so a periodic check closes only groups it has already seen once (settled).
    /// </summary>
    public bool SeenByCheck;

    /// <summary>The market's trade price when the group's changes were applied (the hash may predate a trade).</summary>
    public Price LastTradePriceAtApply;
}
