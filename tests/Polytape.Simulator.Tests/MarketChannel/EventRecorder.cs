using System.Text;
using Polytape.Collector.Books;
using Polytape.Domain.Hashing;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>Parses received frames with the project's own parser, records each event's type and asset, and feeds an optional book keeper.</summary>
internal sealed class EventRecorder(BookKeeper? keeper = null) : IMarketChannelHandler
{
    private readonly MarketFrameParser _parser = new();

    public List<RecordedEvent> Events { get; } = [];

    /// <summary>The hash of each book received, by asset (the last one wins).</summary>
    public Dictionary<string, BookHash> BookHashes { get; } = new(StringComparer.Ordinal);

    public static EventRecorder Of(IEnumerable<byte[]> frames, BookKeeper? keeper = null)
    {
        var recorder = new EventRecorder(keeper);
        foreach (var frame in frames)
        {
            recorder.Parse(frame);
        }

        return recorder;
    }

    public void Parse(byte[] frame)
    {
        var result = _parser.Parse(frame, this);
        Assert.True(result.Kind == FrameKind.Events, $"not an event frame ({result.Kind} {result.Error}): {Encoding.UTF8.GetString(frame)}");
    }

    public HashSet<string> Assets(params MarketEventType[] types) =>
        Events.Where(e => types.Length == 0 || types.Contains(e.Type)).Select(e => e.AssetId).ToHashSet(StringComparer.Ordinal);

    public int Count(MarketEventType type) => Events.Count(e => e.Type == type);

    public void OnBook(in PolymarketBook book)
    {
        var asset = Encoding.UTF8.GetString(book.AssetId);
        Events.Add(new(MarketEventType.Book, asset));
        BookHashes[asset] = book.Hash;
        keeper?.OnBook(book);
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        foreach (var entry in change.Entries)
        {
            Events.Add(new(MarketEventType.PriceChange, Encoding.UTF8.GetString(change.AssetIdOf(entry))));
        }

        keeper?.OnPriceChange(change);
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade)
    {
        Events.Add(new(MarketEventType.LastTradePrice, Encoding.UTF8.GetString(trade.AssetId)));
        keeper?.OnLastTradePrice(trade);
    }

    public void OnTickSizeChange(in PolymarketTickSizeChange change)
    {
        Events.Add(new(MarketEventType.TickSizeChange, Encoding.UTF8.GetString(change.AssetId)));
        keeper?.OnTickSizeChange(change);
    }

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk)
    {
        Events.Add(new(MarketEventType.BestBidAsk, Encoding.UTF8.GetString(bestBidAsk.AssetId)));
        keeper?.OnBestBidAsk(bestBidAsk);
    }

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        for (var i = 0; i < notice.AssetIdCount; i++)
        {
            Events.Add(new(notice.EventType, Encoding.UTF8.GetString(notice.AssetIdAt(i))));
        }

        keeper?.OnMarketNotice(notice);
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject)
    {
        Events.Add(new(MarketEventType.Unknown, ""));
        keeper?.OnUnknownEvent(eventType, rawObject);
    }
}
