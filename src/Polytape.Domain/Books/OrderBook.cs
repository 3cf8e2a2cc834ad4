using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Books;

/// <summary>
/// The exact L2 book of one outcome token. A snapshot clears and adds; a level update sets an absolute
/// size (0 deletes). Best bid and ask are O(1). Integrity is judged by the book keeper, not here.
/// </summary>
public sealed class OrderBook
{
    public OrderBook(AssetId assetId)
    {
        AssetId = assetId;
    }

    public AssetId AssetId { get; }

    public BookSide Bids { get; } = new(Side.Bid);

    public BookSide Asks { get; } = new(Side.Ask);

    public Price BestBid => Bids.BestPrice;

    public Price BestAsk => Asks.BestPrice;

    /// <summary>True when both sides are present and the best bid is at or above the best ask.</summary>
    public bool IsCrossed =>
        Bids.TryGetBest(out var bid) && Asks.TryGetBest(out var ask) && bid.PriceUnits >= ask.PriceUnits;

    public BookSide SideOf(Side side) => side == Side.Bid ? Bids : Asks;

    public LevelChange Set(Side side, Price price, Size size) => SideOf(side).Set(price, size);

    public void Clear()
    {
        Bids.Clear();
        Asks.Clear();
    }

    /// <summary>Replaces the whole book with a snapshot (levels in any order; size-0 levels are skipped).</summary>
    public void Replace(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        Clear();
        Bids.Replace(bids);
        Asks.Replace(asks);
    }

    /// <summary>
    /// Whether the book equals what <see cref="Replace"/> would build from these levels (numerically;
    /// order and size-0 levels ignored, a repeated price counts once with its last size).
    /// </summary>
    public bool HasSameLevels(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        if (InWireOrder(Bids, bids) && InWireOrder(Asks, asks))
        {
            return Bids.WireOrder.SequenceEqual(bids) && Asks.WireOrder.SequenceEqual(asks);
        }

        // Rare (the venue sends levels sorted): build the snapshot's book and compare that.
        var other = new OrderBook(AssetId);
        other.Replace(bids, asks);
        return Bids.WireOrder.SequenceEqual(other.Bids.WireOrder) && Asks.WireOrder.SequenceEqual(other.Asks.WireOrder);
    }

    /// <summary>Strictly in the side's wire order with no size-0 level: then an element-wise comparison is exact.</summary>
    private static bool InWireOrder(BookSide side, ReadOnlySpan<BookLevel> levels)
    {
        var direction = side.Side == Side.Bid ? 1 : -1;
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].SizeUnits == 0 || (i > 0 && levels[i].PriceUnits * direction <= levels[i - 1].PriceUnits * direction))
            {
                return false;
            }
        }

        return true;
    }
}
