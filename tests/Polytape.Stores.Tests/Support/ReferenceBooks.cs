using Polytape.Archive;
using Polytape.Domain.Books;
using Polytape.Domain.Identifiers;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Stores.Tests.Support;

/// <summary>
/// Books rebuilt straight from the archive, independently of the stores: every snapshot (WS or REST) replaces an
/// asset's book, every price_change entry after the asset's first snapshot sets a level. The ground truth the stores'
/// "book at a moment" is compared with.
/// </summary>
public sealed class ReferenceBooks : IMarketChannelHandler
{
    private readonly MarketFrameParser _parser = new();
    private readonly Dictionary<string, OrderBook> _books = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Assets => _books.Keys;

    public void Apply(in ArchiveRecord record)
    {
        if (record.Kind is ArchiveRecordKind.Ws or ArchiveRecordKind.Rest)
        {
            _parser.Parse(record.Payload.Span, this);
        }
    }

    /// <summary>Levels best first, zero sizes dropped.</summary>
    public (List<BookLevel> Bids, List<BookLevel> Asks)? Levels(string asset)
    {
        if (!_books.TryGetValue(asset, out var book))
        {
            return null;
        }

        return (BestFirst(book.Bids), BestFirst(book.Asks));
    }

    public void OnBook(in PolymarketBook book)
    {
        var id = System.Text.Encoding.UTF8.GetString(book.AssetId);
        if (!_books.TryGetValue(id, out var orderBook))
        {
            _books[id] = orderBook = new OrderBook(AssetId.Parse(id));
        }

        orderBook.Replace(book.Bids, book.Asks);
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        foreach (var entry in change.Entries)
        {
            if (_books.TryGetValue(System.Text.Encoding.UTF8.GetString(change.AssetIdOf(entry)), out var book))
            {
                book.Set(entry.Side, entry.Price, entry.Size);
            }
        }
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade)
    {
    }

    public void OnTickSizeChange(in PolymarketTickSizeChange change)
    {
    }

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk)
    {
    }

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject)
    {
    }

    private static List<BookLevel> BestFirst(BookSide side)
    {
        var levels = new List<BookLevel>();
        var wire = side.WireOrder;
        for (var i = wire.Length - 1; i >= 0; i--)
        {
            if (wire[i].SizeUnits != 0)
            {
                levels.Add(wire[i]);
            }
        }

        return levels;
    }
}
