using System.Text;
using Polytape.Domain.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Polymarket.Tests.MarketChannel;

/// <summary>Copies every event the parser dispatches into <see cref="RecordedEvent"/>s, in order.</summary>
public sealed class RecordingHandler : IMarketChannelHandler
{
    private readonly List<RecordedEvent> _events = [];

    public IReadOnlyList<RecordedEvent> Events => _events;

    public T Single<T>()
        where T : RecordedEvent => Assert.IsType<T>(Assert.Single(_events));

    public T At<T>(int index)
        where T : RecordedEvent => Assert.IsType<T>(_events[index]);

    /// <summary>One line per event with every field (see <see cref="RecordedEvent.Describe"/>).</summary>
    public IReadOnlyList<string> Trace() => _events.Select(e => e.Describe()).ToList();

    public void Clear() => _events.Clear();

    public void OnBook(in PolymarketBook book) => _events.Add(new RecordedBook(
        Text(book.Market),
        Text(book.AssetId),
        book.TimestampMs,
        book.HasHash ? book.Hash.ToString() : null,
        Levels(book.Bids),
        Levels(book.Asks),
        book.TickSize.ToString(),
        book.HasLastTradePrice,
        book.LastTradePrice.ToString(),
        book.MinOrderSize.ToString(),
        book.NegRisk,
        book.IsRestSummary));

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        var entries = new List<RecordedPriceChangeEntry>(change.Entries.Length);
        foreach (ref readonly var entry in change.Entries)
        {
            entries.Add(new RecordedPriceChangeEntry(
                Text(change.AssetIdOf(entry)),
                entry.Side,
                entry.Price.ToString(),
                entry.Size.ToString(),
                entry.HasHash ? entry.Hash.ToString() : null,
                entry.BestBid.ToString(),
                entry.BestAsk.ToString(),
                entry.HasBestBidAsk));
        }

        _events.Add(new RecordedPriceChange(Text(change.Market), change.TimestampMs, change.IsLegacy, entries));
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade) => _events.Add(new RecordedLastTradePrice(
        Text(trade.Market),
        Text(trade.AssetId),
        trade.Price.ToString(),
        trade.Size.ToString(),
        trade.TakerSide,
        trade.FeeRateBps,
        trade.TimestampMs,
        Text(trade.TransactionHash)));

    public void OnTickSizeChange(in PolymarketTickSizeChange change) => _events.Add(new RecordedTickSizeChange(
        Text(change.Market),
        Text(change.AssetId),
        change.OldTickSize.ToString(),
        change.NewTickSize.ToString(),
        change.TimestampMs));

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk) => _events.Add(new RecordedBestBidAsk(
        Text(bestBidAsk.Market),
        Text(bestBidAsk.AssetId),
        bestBidAsk.BestBid.ToString(),
        bestBidAsk.BestAsk.ToString(),
        bestBidAsk.Spread.ToString(),
        bestBidAsk.TimestampMs));

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        var assetIds = new List<string>(notice.AssetIdCount);
        for (var i = 0; i < notice.AssetIdCount; i++)
        {
            assetIds.Add(Text(notice.AssetIdAt(i)));
        }

        _events.Add(new RecordedMarketNotice(
            notice.EventType,
            Text(notice.Id),
            Text(notice.Market),
            assetIds,
            Text(notice.WinningAssetId),
            notice.TimestampMs,
            Text(notice.RawJson)));
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject) =>
        _events.Add(new RecordedUnknownEvent(Text(eventType), Text(rawObject)));

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    private static List<RecordedLevel> Levels(ReadOnlySpan<BookLevel> levels)
    {
        var copy = new List<RecordedLevel>(levels.Length);
        foreach (var level in levels)
        {
            copy.Add(new RecordedLevel(level.Price.ToString(), level.Size.ToString()));
        }

        return copy;
    }
}
