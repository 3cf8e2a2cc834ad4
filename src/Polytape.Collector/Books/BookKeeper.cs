using Polytape.Domain.Continuity;
using Polytape.Domain.Hashing;
using Polytape.Domain.Identifiers;
using Polytape.Domain.Numerics;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Books;

/// <summary>
/// Applies market-channel events to per-asset books under the continuity rules and proves each book
/// against what the venue reports: after every price_change group the best bid/ask and the book hash
/// must match, and every snapshot is compared with the book it replaces. Failures are counted,
/// classified and mark the asset Suspect; nothing throws. Single-threaded: one keeper per reading loop.
/// </summary>
public sealed partial class BookKeeper : IMarketChannelHandler
{
    private readonly Dictionary<byte[], AssetBook> _assets = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<byte[], AssetBook>.AlternateLookup<ReadOnlySpan<byte>> _assetsByBytes;
    private readonly Dictionary<byte[], MarketState> _markets = new(Utf8KeyComparer.Instance);
    private readonly BookHasher _hasher = new();
    private readonly List<AssetBook> _openGroups = [];
    private readonly List<AssetBook> _inOrder = [];
    private readonly HashSet<AssetBook> _suspect = [];
    private readonly BookKeeperOptions _options;
    private readonly IContinuityObserver? _observer;

    public BookKeeper(BookKeeperOptions? options = null, IContinuityObserver? observer = null)
    {
        _options = options ?? new BookKeeperOptions();
        _observer = observer;
        _assetsByBytes = _assets.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Every asset, in the order the keeper first saw it (assets are never removed, so an index stays valid).</summary>
    public IReadOnlyList<AssetBook> Assets => _inOrder;

    /// <summary>The assets now Suspect, kept as they change (found without a walk over every asset).</summary>
    public IReadOnlyCollection<AssetBook> SuspectAssets => _suspect;

    /// <summary>Sums over every asset, kept current (what a status summary reads instead of walking the assets).</summary>
    public KeeperTotals Totals { get; } = new();

    public long NewMarketNotices { get; private set; }

    public long ResolvedMarketNotices { get; private set; }

    public long BestBidAskEvents { get; private set; }

    public long UnknownEvents { get; private set; }

    public bool TryGetAsset(ReadOnlySpan<byte> assetId, out AssetBook asset) =>
        _assetsByBytes.TryGetValue(assetId, out asset!);

    public bool TryGetAsset(string assetId, out AssetBook asset) =>
        TryGetAsset(System.Text.Encoding.UTF8.GetBytes(assetId), out asset);

    /// <summary>The asset (created when new), for what the ingest loop keeps on it beside the keeper.</summary>
    internal AssetBook AssetOf(ReadOnlySpan<byte> assetId) => GetOrCreate(assetId);

    /// <summary>Supplies what the hash needs beyond the book (from the catalog); empty values leave what is known.</summary>
    public void SetMetadata(ReadOnlySpan<byte> assetId, AssetMetadata metadata)
    {
        var asset = GetOrCreate(assetId);
        var known = asset.Metadata;
        asset.Metadata = new AssetMetadata(
            metadata.MinOrderSize.IsEmpty ? known.MinOrderSize : metadata.MinOrderSize,
            metadata.TickSize.IsEmpty ? known.TickSize : metadata.TickSize,
            metadata.NegRisk ?? known.NegRisk);
    }

    /// <summary>After a (re)subscribe or reconnect: drop the book and wait for a snapshot.</summary>
    public void MarkSyncing(ReadOnlySpan<byte> assetId, ContinuityCause cause)
    {
        var asset = GetOrCreate(assetId);
        asset.Pending = default;
        asset.Unconfirmed = default;
        asset.Book.Clear();
        Transition(asset, ContinuityState.Syncing, cause, asset.LastTimestampMs);
    }

    /// <summary>A resync was requested (resubscribe or REST snapshot): deltas wait for the new snapshot.</summary>
    public void RequestResync(ReadOnlySpan<byte> assetId)
    {
        var asset = GetOrCreate(assetId);
        CloseGroup(asset);
        Transition(asset, ContinuityState.Resyncing, ContinuityCause.ResyncRequested, asset.LastTimestampMs);
    }

    /// <summary>An outside check (the REST verifier) found the book wrong: a Live asset becomes Suspect with that cause.</summary>
    public void MarkSuspect(ReadOnlySpan<byte> assetId, ContinuityCause cause)
    {
        var asset = GetOrCreate(assetId);
        CloseGroup(asset);
        Fail(asset, cause, asset.LastTimestampMs);
    }

    /// <summary>An outside check proved the whole book (REST levels equal and the venue's SHA-1 reproduced): Suspect → Live.</summary>
    public void MarkVerified(ReadOnlySpan<byte> assetId)
    {
        var asset = GetOrCreate(assetId);
        if (asset.State == ContinuityState.Suspect)
        {
            asset.Unconfirmed = default;
            Transition(asset, ContinuityState.Live, ContinuityCause.HashVerified, asset.LastTimestampMs);
        }
    }

    /// <summary>Checks every open price_change group. Call at the end of input.</summary>
    public void Flush()
    {
        foreach (var asset in _openGroups)
        {
            asset.ListedAsOpen = false;
            CloseGroup(asset);
        }

        _openGroups.Clear();
    }

    /// <summary>
    /// The periodic check while input flows: checks the open groups nothing has joined since the previous call, and
    /// marks the others, so a sweep split over frames is not judged between them (a false Suspect the next frame
    /// would explain). A group is therefore checked one to two calls after its last entry.
    /// </summary>
    /// <remarks>
    /// Walks only the assets whose group opened since (<see cref="_openGroups"/>), not every asset; the list is
    /// compacted in place, keeping the groups still open.
    /// </remarks>
    public void CheckSettledGroups()
    {
        var kept = 0;
        for (var i = 0; i < _openGroups.Count; i++)
        {
            var asset = _openGroups[i];
            ref var group = ref asset.Pending;
            if (group.IsOpen && !group.SeenByCheck)
            {
                group.SeenByCheck = true;
                _openGroups[kept++] = asset;
                continue;
            }

            asset.ListedAsOpen = false;
            CloseGroup(asset);
        }

        _openGroups.RemoveRange(kept, _openGroups.Count - kept);
    }

    public void OnBook(in PolymarketBook book)
    {
        var asset = GetOrCreate(book.AssetId);
        CloseGroup(asset);
        AttachMarket(asset, book.Market);
        AbsorbMetadata(asset, book);
        asset.Counters.Snapshots++;
        var timestamp = book.TimestampMs;
        if (asset.AcceptsDeltas && !asset.Book.HasSameLevels(book.Bids, book.Asks))
        {
            asset.Counters.SnapshotMismatches++;
            Totals.SnapshotMismatches++;
            Fail(asset, ContinuityCause.SnapshotMismatch, timestamp);
        }

        asset.Book.Replace(book.Bids, book.Asks);
        asset.Epoch++;
        asset.Unconfirmed = default;
        if (timestamp >= 0)
        {
            asset.LastTimestampMs = timestamp;
        }

        if (book.HasHash && _options.VerifyHashes)
        {
            asset.Counters.SnapshotHashChecks++;
            if (!SnapshotHashMatches(asset, book.Hash, timestamp))
            {
                asset.Counters.SnapshotHashMismatches++;
                Totals.SnapshotHashMismatches++;
                Transition(asset, ContinuityState.Suspect, ContinuityCause.SnapshotHashMismatch, timestamp);
                return;
            }
        }

        if (asset.Book.IsCrossed)
        {
            asset.Counters.CrossedBooks++;
            Totals.CrossedBooks++;
            Transition(asset, ContinuityState.Suspect, ContinuityCause.CrossedBook, timestamp);
            return;
        }

        Transition(asset, ContinuityState.Live, ContinuityCause.Snapshot, timestamp);
    }

    public void OnPriceChange(in PolymarketPriceChange change)
    {
        foreach (ref readonly var entry in change.Entries)
        {
            Apply(GetOrCreate(change.AssetIdOf(entry)), entry, change);
        }
    }

    /// <summary>
    /// The ingest loop's path: each entry's asset already found (<paramref name="assets"/>, one per entry, in order)
    /// while it checked which connection delivers the book, so the id is not looked up a second time.
    /// </summary>
    internal void OnPriceChange(in PolymarketPriceChange change, ReadOnlySpan<AssetBook> assets)
    {
        var entries = change.Entries;
        ArgumentOutOfRangeException.ThrowIfNotEqual(assets.Length, entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            Apply(assets[i], entries[i], change);
        }
    }

    private void Apply(AssetBook asset, in PolymarketPriceChangeEntry entry, in PolymarketPriceChange change)
    {
        var timestamp = change.TimestampMs;
        if (asset.Pending.IsOpen && asset.Pending.TimestampMs != timestamp)
        {
            CloseGroup(asset);
        }

        if (asset.Owner is null)
        {
            AttachMarket(asset, change.Market);
        }

        if (!asset.AcceptsDeltas)
        {
            asset.Counters.DeltasSkipped++;
            return;
        }

        asset.Book.Set(entry.Side, entry.Price, entry.Size);
        asset.Counters.DeltasApplied++;
        asset.LastTimestampMs = timestamp;
        if (asset.Unconfirmed.IsSet)
        {
            asset.Unconfirmed.ChangesSince++;
        }

        ref var group = ref asset.Pending;
        if (!group.IsOpen)
        {
            group.IsOpen = true;
            group.TimestampMs = timestamp;
            group.LastTradePriceAtApply = asset.LastTradePrice;
            if (!asset.ListedAsOpen)
            {
                asset.ListedAsOpen = true;
                _openGroups.Add(asset);
            }
        }

        group.SeenByCheck = false;

        // Every entry of a group carries the post-group values, so the last one seen is the one to check.
        if (entry.HasHash)
        {
            group.HasHash = true;
            group.Hash = entry.Hash;
        }

        if (entry.HasBestBidAsk)
        {
            group.HasBestBidAsk = true;
            group.BestBid = entry.BestBid;
            group.BestAsk = entry.BestAsk;
        }
    }

    public void OnLastTradePrice(in PolymarketLastTradePrice trade)
    {
        var asset = GetOrCreate(trade.AssetId);
        AttachMarket(asset, trade.Market);
        asset.Counters.Trades++;
        var market = asset.Owner;
        if (market is null)
        {
            return;
        }

        market.LastTradePrice = trade.Price.WithDecimals(market.LastTradePriceDecimals);
        foreach (var sibling in market.Assets)
        {
            ExplainByTradePrice(sibling, market.LastTradePrice);
        }
    }

    public void OnTickSizeChange(in PolymarketTickSizeChange change)
    {
        var asset = GetOrCreate(change.AssetId);
        CloseGroup(asset);
        AttachMarket(asset, change.Market);
        asset.Counters.TickSizeChanges++;
        asset.Metadata = asset.Metadata with { TickSize = change.NewTickSize };
        asset.Epoch++;

        // The hash covers the tick, so the next verified group proves the book again (Suspect → Live).
        if (asset.State == ContinuityState.Live)
        {
            Transition(asset, ContinuityState.Suspect, ContinuityCause.TickSizeChanged, change.TimestampMs);
        }
    }

    public void OnBestBidAsk(in PolymarketBestBidAsk bestBidAsk)
    {
        BestBidAskEvents++;
        AttachMarket(GetOrCreate(bestBidAsk.AssetId), bestBidAsk.Market);
    }

    public void OnMarketNotice(in PolymarketMarketNotice notice)
    {
        if (notice.EventType == MarketEventType.NewMarket)
        {
            NewMarketNotices++;
            return;
        }

        ResolvedMarketNotices++;
        for (var i = 0; i < notice.AssetIdCount; i++)
        {
            if (TryGetAsset(notice.AssetIdAt(i), out var asset))
            {
                CloseGroup(asset);
                asset.IsResolved = true;
            }
        }
    }

    public void OnUnknownEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> rawObject) => UnknownEvents++;

    private AssetBook GetOrCreate(ReadOnlySpan<byte> assetId)
    {
        if (_assetsByBytes.TryGetValue(assetId, out var asset))
        {
            return asset;
        }

        // Ids that are not decimal still get a book (keyed by their text); their numeric id stays default.
        var id = AssetId.TryParse(assetId, out var parsed) ? parsed : default;
        var key = assetId.ToArray();
        asset = new AssetBook(key, id) { HashFormat = _options.HashFormat };
        _assets.Add(key, asset);
        _inOrder.Add(asset);
        Totals.Added(asset.State);
        return asset;
    }

    private void AttachMarket(AssetBook asset, ReadOnlySpan<byte> market)
    {
        if (market.IsEmpty || (asset.Owner is not null && asset.Owner.Market.AsSpan().SequenceEqual(market)))
        {
            return;
        }

        var lookup = _markets.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(market, out var state))
        {
            var key = market.ToArray();
            state = new MarketState(key);
            _markets.Add(key, state);
        }

        asset.Owner?.Assets.Remove(asset);
        state.Assets.Add(asset);
        asset.Owner = state;
    }

    private static void AbsorbMetadata(AssetBook asset, in PolymarketBook book)
    {
        var known = asset.Metadata;
        asset.Metadata = new AssetMetadata(
            book.MinOrderSize.IsEmpty ? known.MinOrderSize : book.MinOrderSize,
            book.TickSize.IsEmpty ? known.TickSize : book.TickSize,
            book.NegRisk ?? known.NegRisk);
        if (book.HasLastTradePrice && asset.Owner is { } market)
        {
            market.LastTradePrice = book.LastTradePrice;
            if (!book.LastTradePrice.IsEmpty)
            {
                market.LastTradePriceDecimals = book.LastTradePrice.Decimals;
            }
        }
    }

    private void Fail(AssetBook asset, ContinuityCause cause, long timestampMs)
    {
        if (asset.State == ContinuityState.Live)
        {
            Transition(asset, ContinuityState.Suspect, cause, timestampMs);
        }
    }

    private void Transition(AssetBook asset, ContinuityState to, ContinuityCause cause, long timestampMs)
    {
        var from = asset.State;
        if (from == to && asset.Cause == cause)
        {
            return;
        }

        asset.State = to;
        asset.Cause = cause;
        Totals.Moved(from, to);
        if (to == ContinuityState.Suspect)
        {
            _suspect.Add(asset);
        }
        else if (from == ContinuityState.Suspect)
        {
            _suspect.Remove(asset);
        }

        asset.Counters.Transitions++;
        _observer?.OnTransition(new ContinuityTransition(asset.AssetId, from, to, cause, asset.Epoch, timestampMs));
    }
}
