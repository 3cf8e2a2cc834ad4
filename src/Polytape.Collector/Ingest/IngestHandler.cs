using Polytape.Collector.Books;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Sits between the parser and the book keeper on the ingest loop: takes events for an asset only from the connection
/// that owns its book (<see cref="AssetOwnership"/>), tells the pool of snapshots and discovery of market notices,
/// and notes the frame's event types for its archive label. Nothing here allocates per frame.
/// </summary>
internal sealed class IngestHandler : IMarketChannelHandler
{
    private readonly BookKeeper _keeper;
    private readonly AssetOwnership _ownership;
    private PolymarketPriceChangeEntry[] _accepted = new PolymarketPriceChangeEntry[16];
    private AssetBook?[] _assets = new AssetBook?[16];
    private byte[] _frame = [];
    private int _frameLength;
    private string _connection = string.Empty;
    private int _epoch;
    private MarketEventType _firstType;
    private bool _mixed;

    public IngestHandler(BookKeeper keeper, AssetOwnership ownership)
    {
        _keeper = keeper;
        _ownership = ownership;
    }

    public IAssetDeliveryObserver? Deliveries { get; set; }

    public IMarketNoticeObserver? Notices { get; set; }

    /// <summary>Events from connections that do not own the asset's book (overlapping subscriptions), not applied.</summary>
    public long ForeignEventsSkipped { get; private set; }

    public int EventCount { get; private set; }

    /// <summary>The archive label of the frame parsed since <see cref="Begin"/>: its event type, or "mixed".</summary>
    public string Label => EventCount == 0 ? IngestNames.Of(FrameKind.Empty) : _mixed ? IngestNames.Mixed : IngestNames.Of(_firstType);

    public void Begin(string connectionId, int epoch, byte[] frame, int length)
    {
        _connection = connectionId;
        _epoch = epoch;
        _frame = frame;
        _frameLength = length;
        _firstType = MarketEventType.Unknown;
        _mixed = false;
        EventCount = 0;
    }

    public void OnBook(in PolymarketBook book)
    {
        Note(MarketEventType.Book);
        if (_ownership.IsClosing(_connection) && _ownership.IsOwnedByOther(book.AssetId, _connection))
        {
            // In flight on a connection being closed while another carries the asset: archived, not applied (an older
            // snapshot would rewind the book and take it from the connection that delivers it).
            ForeignEventsSkipped++;
            return;
        }

        _ownership.TakeOver(_keeper.AssetOf(book.AssetId), _connection);
        _keeper.OnBook(book);
        Deliveries?.OnSnapshot(_connection, _epoch, book.AssetId);
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        Note(MarketEventType.PriceChange);
        var entries = change.Entries;
        if (_assets.Length < entries.Length)
        {
            var capacity = Math.Max(entries.Length, _assets.Length * 2);
            _assets = new AssetBook?[capacity];
            _accepted = new PolymarketPriceChangeEntry[capacity];
        }

        // Each asset is found once, here, and handed on with the entries: the keeper does not look it up again.
        var foreign = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var asset = _keeper.AssetOf(change.AssetIdOf(entries[i]));
            if (AssetOwnership.Accepts(asset, _connection))
            {
                _assets[i] = asset;
            }
            else
            {
                _assets[i] = null;
                foreign++;
            }
        }

        if (foreign == 0)
        {
            _keeper.OnPriceChange(change, _assets.AsSpan(0, entries.Length)!);
            return;
        }

        ForeignEventsSkipped += foreign;
        if (foreign == entries.Length)
        {
            return;
        }

        var count = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (_assets[i] is { } asset)
            {
                _accepted[count] = entries[i];
                _assets[count++] = asset;
            }
        }

        // The entries' asset ids are ranges of the frame the parser was given, which is this frame.
        var accepted = new PolymarketPriceChange(_frame.AsSpan(0, _frameLength), _accepted.AsSpan(0, count))
        {
            Market = change.Market,
            TimestampMs = change.TimestampMs,
            IsLegacy = change.IsLegacy,
        };
        _keeper.OnPriceChange(accepted, _assets.AsSpan(0, count)!);
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade)
    {
        Note(MarketEventType.LastTradePrice);
        if (Accepts(trade.AssetId))
        {
            _keeper.OnLastTradePrice(trade);
        }
    }

    public void OnTickSizeChange(in PolymarketTickSizeChange change)
    {
        Note(MarketEventType.TickSizeChange);
        if (Accepts(change.AssetId))
        {
            _keeper.OnTickSizeChange(change);
        }
    }

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk)
    {
        Note(MarketEventType.BestBidAsk);
        if (Accepts(bestBidAsk.AssetId))
        {
            _keeper.OnBestBidAsk(bestBidAsk);
        }
    }

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        Note(notice.EventType);
        _keeper.OnMarketNotice(notice);
        Notices?.OnMarketNotice(_connection, notice);
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject)
    {
        Note(MarketEventType.Unknown);
        _keeper.OnUnknownEvent(eventType, rawObject);
    }

    private bool Accepts(ReadOnlySpan<byte> assetId)
    {
        if (_ownership.Accepts(assetId, _connection))
        {
            return true;
        }

        ForeignEventsSkipped++;
        return false;
    }

    private void Note(MarketEventType type)
    {
        if (EventCount++ == 0)
        {
            _firstType = type;
        }
        else if (type != _firstType)
        {
            _mixed = true;
        }
    }
}
