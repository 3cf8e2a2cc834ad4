using System.Text;
using Polytape.Archive;
using Polytape.Domain.Books;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;
using Polytape.Stores.Model;

namespace Polytape.Stores.Normalising;

/// <summary>
/// Turns archive records into rows: WebSocket frames and REST books through the market-channel parser,
/// continuity and catalog records through their tolerant JSON readers. Deterministic and stateless across
/// records (beyond a cache of id strings), so any range of the log normalises to the same rows every time.
/// Not thread-safe: one normaliser per loader.
/// </summary>
public sealed class RecordNormaliser : IMarketChannelHandler
{
    /// <summary>Ids repeat for the whole life of a market; past this many distinct ones the cache starts over.</summary>
    private const int MaxCachedIds = 1 << 20;

    private readonly MarketFrameParser _parser = new();
    private readonly Dictionary<byte[], string> _ids = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> _idLookup;
    private readonly Func<long, RowKey> _nextKey;
    private RowBatch _batch = new();
    private ArchiveRecord _record;
    private int _index;

    public RecordNormaliser()
    {
        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<byte>>();
        _nextKey = NextKey;
    }

    /// <summary>Frames the parser rejected (counted, never fatal: the archive keeps them).</summary>
    public long MalformedFrames { get; private set; }

    /// <summary>Continuity or catalog payloads that were not JSON objects or lacked their id.</summary>
    public long UnreadableRecords { get; private set; }

    /// <summary>Adds the rows of <paramref name="record"/> to <paramref name="batch"/> and marks it covered.</summary>
    public void Add(in ArchiveRecord record, RowBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Cover(record.Sequence, record.ReceivedAtMicros);
        _batch = batch;
        _record = record;
        _index = 0;
        switch (record.Kind)
        {
            case ArchiveRecordKind.Ws:
            case ArchiveRecordKind.Rest:
                if (_parser.Parse(record.Payload.Span, this).Kind == FrameKind.Malformed)
                {
                    MalformedFrames++;
                }

                break;
            case ArchiveRecordKind.Continuity:
                if (!ContinuityPayload.TryRead(record.Payload.Span, _nextKey, batch.Continuity))
                {
                    UnreadableRecords++;
                }

                break;
            case ArchiveRecordKind.Catalog when record.EventType == CatalogPayload.RemovedEventType:
                if (!CatalogPayload.TryReadRemoval(record.Payload.Span, _nextKey, batch.Lifecycle))
                {
                    UnreadableRecords++;
                }

                break;
            case ArchiveRecordKind.Catalog:
                if (!CatalogPayload.TryRead(record.Payload.Span, _nextKey, batch.Markets, batch.Outcomes))
                {
                    UnreadableRecords++;
                }

                break;
            default:
                break;
        }

        _record = default;
    }

    public void OnBook(in PolymarketBook book)
    {
        var key = NextKey(book.TimestampMs);
        var asset = Id(book.AssetId);
        _batch.Snapshots.Add(new BookSnapshotRow(
            key, Id(book.Market), asset, book.IsRestSummary ? BookSource.Rest : BookSource.WebSocket, book.HasHash, book.Hash, book.TickSize,
            book.Bids.ToArray(), book.Asks.ToArray()));
        var bestBid = book.Bids.IsEmpty ? Price.Empty : book.Bids[^1].Price;
        var bestAsk = book.Asks.IsEmpty ? Price.Empty : book.Asks[^1].Price;
        _batch.TopOfBook.Add(new TopOfBookRow(key, asset, bestBid, bestAsk, TopOfBookSource.Book));
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        var market = Id(change.Market);
        var entries = change.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            ref readonly var entry = ref entries[i];
            var key = NextKey(change.TimestampMs);
            var assetBytes = change.AssetIdOf(entry);
            var asset = Id(assetBytes);
            var bestBid = entry.HasBestBidAsk ? entry.BestBid : Price.Empty;
            var bestAsk = entry.HasBestBidAsk ? entry.BestAsk : Price.Empty;
            _batch.LevelChanges.Add(new LevelChangeRow(
                key, market, asset, entry.Side, entry.Price, entry.Size, bestBid, bestAsk, entry.HasHash, entry.Hash));
            if (entry.HasBestBidAsk && IsLastOfAsset(change, i, assetBytes))
            {
                _batch.TopOfBook.Add(new TopOfBookRow(key, asset, bestBid, bestAsk, TopOfBookSource.PriceChange));
            }
        }
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade) =>
        _batch.Trades.Add(new TradeRow(
            NextKey(trade.TimestampMs), Id(trade.Market), Id(trade.AssetId), trade.Price, trade.Size, trade.TakerSide,
            trade.FeeRateBps, trade.TransactionHash.IsEmpty ? null : Encoding.UTF8.GetString(trade.TransactionHash)));

    public void OnTickSizeChange(in PolymarketTickSizeChange change) =>
        _batch.TickSizeChanges.Add(new TickSizeChangeRow(
            NextKey(change.TimestampMs), Id(change.Market), Id(change.AssetId), change.OldTickSize, change.NewTickSize));

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk) =>
        _batch.TopOfBook.Add(new TopOfBookRow(
            NextKey(bestBidAsk.TimestampMs), Id(bestBidAsk.AssetId), bestBidAsk.BestBid, bestBidAsk.BestAsk, TopOfBookSource.BestBidAsk));

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        var assets = new StringBuilder();
        for (var i = 0; i < notice.AssetIdCount; i++)
        {
            assets.Append(i == 0 ? string.Empty : ",").Append(Encoding.UTF8.GetString(notice.AssetIdAt(i)));
        }

        _batch.Lifecycle.Add(new MarketLifecycleRow(
            NextKey(notice.TimestampMs),
            notice.EventType == MarketEventType.MarketResolved ? MarketLifecycleEvent.Resolved : MarketLifecycleEvent.New,
            notice.Id.IsEmpty ? null : Encoding.UTF8.GetString(notice.Id),
            Id(notice.Market),
            assets.ToString(),
            notice.WinningAssetId.IsEmpty ? null : Id(notice.WinningAssetId)));
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject)
    {
        // Archived and counted by the parser as schema drift; nothing to normalise.
    }

    private static bool IsLastOfAsset(in PolymarketPriceChange change, int index, ReadOnlySpan<byte> asset)
    {
        var entries = change.Entries;
        for (var j = index + 1; j < entries.Length; j++)
        {
            if (change.AssetIdOf(entries[j]).SequenceEqual(asset))
            {
                return false;
            }
        }

        return true;
    }

    private RowKey NextKey(long exchangeTimeMs) => new(_record.Sequence, _index++, _record.ReceivedAtMicros, exchangeTimeMs);

    private string Id(ReadOnlySpan<byte> bytes)
    {
        if (_idLookup.TryGetValue(bytes, out var text))
        {
            return text;
        }

        if (_ids.Count >= MaxCachedIds)
        {
            _ids.Clear();
        }

        text = Encoding.UTF8.GetString(bytes);
        _ids[bytes.ToArray()] = text;
        return text;
    }
}
